//! What each code means, for `infolettre explain CODE`: an example that
//! triggers it and how to fix it. The match is exhaustive, so a new code
//! cannot ship without its explanation.

use super::Code;

/// An example that triggers a code: the file and what it holds.
pub struct Explanation {
    pub file: &'static str,
    pub example: &'static str,
    pub fix: &'static str,
}

impl Code {
    pub fn explanation(self) -> Explanation {
        let (file, example, fix) = match self {
            Code::Encoding => (
                "issues/2017-12/editorial.md",
                "Cher.e.s membres <0xE9> partenaires  (a byte of Latin-1, or a control character such as ESC)",
                "Save the file as UTF-8 (any editor's \"Save with encoding\"), and delete the invisible character the message points at.",
            ),
            Code::TomlSyntax => (
                "issues/2017-12/agenda.toml",
                "[[event]\ndate = 2018-01-19",
                "Correct the TOML at the place shown: a bracket, a quote or a comma is missing, or a value has the wrong type (a date without quotes, a number in quotes).",
            ),
            Code::UnknownField => (
                "issues/2017-12/nouvelles-des-cdm/01-forum-entrepreneuriat-la-reunion.md",
                "+++\ntilte = \"Deuxième édition du forum de l'entrepreneuriat\"\n+++",
                "Correct the key's spelling (the message suggests the nearest known key), or delete the key.",
            ),
            Code::FrontMatter => (
                "issues/2017-12/editorial.md",
                "+++\nrole = \"Présidente du Réseau\"\n+++  (no signature)",
                "Add the missing key, or the missing `+++` block, at the top of the file.",
            ),
            Code::MissingSection => (
                "issues/2017-12/",
                "no editorial.md, although the section `editorial` is required = true",
                "Create the file or folder the message names, or make the section optional in infolettre.toml.",
            ),
            Code::StrayFile => (
                "issues/2017-12/noticias/",
                "a folder no section of infolettre.toml claims (the section is `nouvelles-des-cdm`); or a FIFO, a device, a symbolic link leading out of the issue",
                "Rename it to the section it belongs to (the message suggests the nearest name), declare a section for it, or move it out of the issue.",
            ),
            Code::EmptyContent => (
                "issues/2017-12/nouvelles-du-reseau/02-reunion-cdm21.md",
                "+++\ntitle = \"Réunion CDM21\"\n+++\n  (and nothing after)",
                "Write the article's text, or delete the file.",
            ),
            Code::Placeholder => (
                "issues/2017-12/nouvelles-des-cdm/02-trouve-ta-place-meyrin.md",
                "contacts = [{ name = \"Djemâa CHAÏTRI\", email = \"contact@example.org\" }]\nTODO: the date of the next session",
                "Write the real text or address in place of TODO or of the placeholder domain.",
            ),
            Code::InvalidSetting => (
                "infolettre.toml",
                "language = \"gl\"   (no labels for Galician)\nfrom = \"InfoLettre <delegation@@citedesmetiers.fr>\"",
                "Use a value the tool can use: a language it has labels for (or add layouts/languages/<code>.toml), a well-formed address, an https: or mailto: unsubscribe target.",
            ),
            Code::InvalidEmail => (
                "issues/2017-12/nouvelles-des-cdm/04-semaine-emploi-handicap-mayotte.md",
                "contacts = [{ name = \"Abdoul DOUKAÏNI\", email = \"dabdoul@gipco976\" }]",
                "Correct the address: one @, a domain with a dot, a top-level domain that exists, no space or invisible character.",
            ),
            Code::MissingContact => (
                "issues/2017-12/nouvelles-des-cdm/03-cite-des-metiers-ephemere-limoges.md",
                "+++\ntitle = \"Une Cité des métiers éphémère…\"\n+++  (no contacts, in a section with contact = \"required\")",
                "Add contacts = [{ name = \"…\", email = \"…\" }] to the front matter.",
            ),
            Code::ContactConflict => (
                "issues/2017-12/nouvelles-du-reseau/01-cocade.md",
                "{ name = \"Ludovic COLLIN\", email = \"l.collin@reseaucitesdesmetiers.com\" }  while another article, or contacts.toml, gives lcollin@reseaucitesdesmetiers.com",
                "Use the one right address everywhere; contacts.toml, when present, is the reference.",
            ),
            Code::ContactNameMismatch => (
                "issues/2017-12/nouvelles-des-cdm/02-trouve-ta-place-meyrin.md",
                "{ name = \"Djemâa CHAÏTRI\", email = \"djemaa.chraiti@etat.ge.ch\" }  (chraiti for CHAÏTRI: two letters swapped)",
                "Check the address with its owner. If it is right, add allow = [\"contact-name-mismatch\"] to the article's front matter.",
            ),
            Code::SuspiciousDomain => (
                "issues/2017-12/nouvelles-des-cdm/05-coup-de-pouce-interim-guadeloupe.md",
                "{ name = \"Nicole NESTORET\", email = \"nnestoret@gmial.com\" }",
                "Correct the domain (gmail.com). If the domain is right, add the address to contacts.toml.",
            ),
            Code::BrokenLink => (
                "issues/2017-12/nouvelles-du-reseau/01-cocade.md",
                "Retrouvez les photos sur notre [page facebook](#)",
                "Write the real address, link to an article or section that exists (#01-cocade), or remove the link and keep its text.",
            ),
            Code::UnsafeLink => (
                "issues/2017-12/inscription.md",
                "[inscrivez-vous](javascript:subscribe())",
                "Link to an https:// page instead.",
            ),
            Code::MissingImage => (
                "issues/2017-12/nouvelles-du-reseau/01-cocade.md",
                "![Les participants de la formation COCADE](images/cocade.jpg)  (no such file in the issue's images/)",
                "Put the picture in the issue's images/ folder under that name, or correct the path.",
            ),
            Code::InvalidImage => (
                "issues/2017-12/images/cocade-formation.jpg",
                "a PNG saved with a .jpg name, a truncated download, or a picture of 60000×60000 pixels",
                "Export the picture again as PNG or JPEG under a matching name, at most 40 megapixels (2000 pixels wide is plenty).",
            ),
            Code::ImageAlt => (
                "issues/2017-12/nouvelles-du-reseau/01-cocade.md",
                "![](images/cocade-formation.jpg)",
                "Describe the picture between the brackets, for readers who cannot see it: ![Les participants de la formation COCADE](…).",
            ),
            Code::InvalidDate => (
                "issues/2017-12/agenda.toml",
                "date = 2018-02-30\n(or end = 2018-02-08 before date = 2018-02-09)",
                "Write a date that exists, with the end on or after the start.",
            ),
            Code::UnknownGroup => (
                "issues/2017-12/agenda.toml",
                "group = \"Réunion interne\"  (the section declares \"Réunions internes\")",
                "Use one of the groups the section declares in infolettre.toml (the message lists them).",
            ),
            Code::AgendaOrder => (
                "issues/2017-12/agenda.toml",
                "date = 2018-02-07 written before date = 2018-01-19 in the same group",
                "Put the events of each group in date order.",
            ),
            Code::PastEvent => (
                "issues/2017-12/agenda.toml",
                "date = 2017-11-09 in the issue of 15 December 2017",
                "Remove the event, or correct its date.",
            ),
            Code::DeadlinePassed => (
                "issues/2017-12/financements-europeens.toml",
                "deadline = 2017-12-01 in the issue of 15 December 2017",
                "Remove the call, or correct its deadline.",
            ),
            Code::DuplicateTitle => (
                "issues/2017-12/nouvelles-du-reseau/03-effervescence-prix-fondation-adecco.md",
                "title = \"Réunion CDM21\"  (the title of another article too)",
                "Give each article its own title.",
            ),
            Code::TooLong => (
                "issues/2017-12/nouvelles-des-cdm/01-forum-entrepreneuriat-la-reunion.md",
                "612 words in a section with max_words = 450",
                "Shorten the article, or raise the section's max_words.",
            ),
            Code::TooLarge => (
                "issues/2017-12/agenda.toml",
                "1,001 [[event]] tables",
                "Split the content over several issues; the print edition cannot lay out more than 1,000 events, 2,000 table rows in a file, 500 articles or 2,000 links.",
            ),
            Code::RawHtml => (
                "issues/2017-12/adresse-de-contact.md",
                "<p align=\"center\">Merci de votre collaboration,</p>",
                "Use Markdown instead (**bold**, *italic*, [text](https://…)): raw HTML is printed as text.",
            ),
        };
        Explanation { file, example, fix }
    }
}
