//! A realistic sample issue for the renderers' tests: the InfoLettre of
//! December 2017 (the seed), already typeset the way `document` builds it,
//! with every section kind, lists, a table, links, images, superscripts,
//! contacts and a raw-HTML node. Also the helpers that check that an output
//! lost no word of it.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::document::{
    AgendaGroup, Article, Asset, Call, Contact, Document, Event, Image, Labels, Meta, Section,
    SectionBody, TeamMember,
};
use crate::markup::{Block, Inline, parse_str, plain_text};

/// The December 2017 issue (number 42) as the renderers receive it.
pub fn sample_document() -> Document {
    Document {
        meta: meta(),
        labels: labels(),
        sections: vec![
            agenda(),
            editorial(),
            nouvelles_des_cdm(),
            nouvelles_du_reseau(),
            financements(),
            arrivees_departs(),
            adresse_de_contact(),
        ],
        team: vec![
            member("Raquel Castello-Branco", "Présidente du Réseau"),
            member("Ludovic Collin", "Coordinateur International"),
            member("Maud Bois-Gallou", "Assistante de projet"),
            member("Sylvie Sesma", "Chargée du label des Cités des métiers"),
        ],
        assets: vec![
            asset("images/forum-entrepreneuriat.jpg"),
            asset("images/cocade-formation.jpg"),
        ],
    }
}

/// The same issue marked as a draft (`render --draft`).
pub fn sample_draft() -> Document {
    let mut doc = sample_document();
    doc.meta.draft = true;
    doc
}

fn meta() -> Meta {
    Meta {
        title: "InfoLettre".into(),
        publisher: "Réseau international des Cités des métiers".into(),
        language: "fr".into(),
        lang: "fr".into(),
        region: None,
        dir: "ltr".into(),
        website: Some("http://www.reseaucitesdesmetiers.com".into()),
        contact: Some("delegationexecutive@citedesmetiers.fr".into()),
        base_url: None,
        issue_id: "2017-12".into(),
        number: 42,
        date: "2017-12-15".into(),
        date_text: "15 décembre 2017".into(),
        issue_title: Some("Spécial fin d’année".into()),
        preheader: fr(
            "Agenda, éditorial de la Présidente et nouvelles des Cités des métiers : \
                       La Réunion, Meyrin, Limoges, Guadeloupe.",
        ),
        draft: false,
    }
}

fn labels() -> Labels {
    Labels {
        contact: "Contact".into(),
        contacts: "Contacts".into(),
        deadline: "Date limite".into(),
        programme: "Programme".into(),
        more: "Plus d’informations".into(),
        issue: "Numéro".into(),
        number: "nº".into(),
        team: "L’équipe rédactionnelle".into(),
        draft: "BROUILLON".into(),
        links: "Liens".into(),
        page: "Page".into(),
        contents: "Sommaire".into(),
        website: "Site internet".into(),
    }
}

/// French spacing as `typography` applies it: a narrow no-break space
/// before `; ! ?` and inside guillemets, a no-break space before `:`.
fn fr(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let after = chars.get(i + 2).copied();
        let ends_word = after.is_none_or(char::is_whitespace);
        match (c, next) {
            (' ', Some(';' | '!' | '?')) if ends_word => out.push('\u{202F}'),
            (' ', Some(':')) if ends_word => out.push('\u{A0}'),
            (' ', Some('»')) => out.push('\u{202F}'),
            (' ', _) if i > 0 && chars[i - 1] == '«' => out.push('\u{202F}'),
            _ => out.push(c),
        }
    }
    out
}

/// Typeset Markdown, parsed the way contributors' files are.
fn md(text: &str) -> Vec<Block> {
    parse_str(&fr(text))
}

/// Typeset inline Markdown (a title).
fn inl(text: &str) -> Vec<Inline> {
    match md(text).into_iter().next() {
        Some(Block::Paragraph { content }) => content,
        other => panic!("not a one-paragraph title: {other:?}"),
    }
}

fn member(name: &str, role: &str) -> TeamMember {
    TeamMember {
        name: name.into(),
        role: role.into(),
    }
}

fn contact(name: &str, email: &str) -> Contact {
    Contact {
        name: name.into(),
        email: email.into(),
    }
}

fn asset(path: &str) -> Asset {
    Asset {
        path: path.into(),
        source: PathBuf::from("issues/2017-12").join(path),
    }
}

fn event(when: &str, date: &str, end: Option<&str>, title: &str, place: Option<&str>) -> Event {
    Event {
        when: when.into(),
        date: date.into(),
        end: end.map(Into::into),
        title: inl(title),
        place: place.map(Into::into),
        link: None,
    }
}

fn agenda() -> Section {
    let mut conference = event(
        "19 janvier 2018",
        "2018-01-19",
        None,
        "Conférence « Innovation et qualité de l’emploi » organisée par le CNAM/CEET et le Cepermap",
        Some("Paris"),
    );
    conference.link = Some("http://www.cnam.fr/ceet".into());
    let mut universite = event(
        "31 janvier – 2 février 2018",
        "2018-01-31",
        Some("2018-02-02"),
        "15^ème^ Université d’hiver de la formation professionnelle, organisée par Centre Inffo",
        Some("Biarritz"),
    );
    universite.link = Some("https://www.centre-inffo.fr/universite-hiver".into());
    Section {
        id: "agenda".into(),
        title: "Agenda".into(),
        body: SectionBody::Agenda {
            groups: vec![
                AgendaGroup {
                    name: Some("Réunions internes".into()),
                    events: vec![
                        event(
                            "19 janvier 2018",
                            "2018-01-19",
                            None,
                            "Réunion du Comité Exécutif restreint",
                            Some("visioconférence"),
                        ),
                        event(
                            "19 janvier 2018",
                            "2018-01-19",
                            None,
                            "Réunion du CA d’Effervescence",
                            Some("visioconférence"),
                        ),
                        event(
                            "7 février 2018",
                            "2018-02-07",
                            None,
                            "Comité de labellisation",
                            Some("Paris La Villette"),
                        ),
                        event(
                            "8–9 février 2018",
                            "2018-02-08",
                            Some("2018-02-09"),
                            "Réunion CDM21",
                            Some("Paris La Villette"),
                        ),
                    ],
                },
                AgendaGroup {
                    name: Some("Réunions externes".into()),
                    events: vec![
                        conference,
                        event(
                            "25 janvier 2018",
                            "2018-01-25",
                            None,
                            "Sommet européen pour l’éducation",
                            Some("Bruxelles"),
                        ),
                        universite,
                        event(
                            "21–22 février 2018",
                            "2018-02-21",
                            Some("2018-02-22"),
                            "Réunion d’échange de pratiques dans le cadre du projet Erasmus+ COCADE",
                            Some("Porto"),
                        ),
                    ],
                },
            ],
        },
    }
}

fn editorial() -> Section {
    Section {
        id: "editorial".into(),
        title: "Éditorial".into(),
        body: SectionBody::Editorial {
            blocks: md(EDITORIAL),
            signature: "Raquel Castello-Branco".into(),
            role: "Présidente du Réseau".into(),
        },
    }
}

const EDITORIAL: &str = "\
Cher.e.s membres et partenaires du Réseau,

Les Cités des métiers sont plus que jamais des lieux d’expérimentation et d’innovation \
comme en témoignent les deux initiatives en cours via notre Réseau.

Un projet « de développement d’une offre de services en médiation numérique » va démarrer \
à la Cité des métiers de Saint-Quentin-en-Yvelines. Il s’agit du premier projet soutenu par \
*Effervescence*, Fonds de dotation international des Cités des métiers. Nous sommes ravis du \
soutien de la Fondation ADECCO qui a décidé l’octroi d’une dotation de 5\u{202F}000 euros \
dans le cadre de l’appel à projets « Penser l’emploi autrement ». **Bravo à nos équipes !**

La fracture numérique est un enjeu majeur dans la plupart des territoires couverts par les \
Cités des métiers. Le réseau d’experts inter-CDM en médiation et inclusion numérique \
récemment constitué sera mobilisé pour appuyer la mise en place d’un tel projet.

Pour finir, j’aimerais mentionner que Grégoire Evequoz a quitté ses fonctions de Directeur \
général de l’Office pour l’orientation, la formation professionnelle et continue (OFPC). \
Un grand merci à lui pour sa participation active au développement du concept \
« Cité des métiers » et du Réseau dès sa création.

Bonnes fêtes de fin d’année à toutes et tous !

Vous pouvez désormais recevoir automatiquement l’infolettre en vous inscrivant sur \
[le site du Réseau](http://www.reseaucitesdesmetiers.com/inscription \"Inscription\").
";

fn article(slug: &str, title: &str, body: &str, contacts: Vec<Contact>) -> Article {
    Article {
        slug: slug.into(),
        title: inl(title),
        image: None,
        blocks: md(body),
        contacts,
    }
}

fn nouvelles_des_cdm() -> Section {
    let mut forum = article(
        "01-forum-entrepreneuriat",
        "Deuxième édition du Forum de l’entrepreneuriat à la Cité des métiers de La Réunion",
        FORUM,
        vec![contact(
            "Annie Estelle BORDIER",
            "annie.bordier@citedesmetiers.re",
        )],
    );
    forum.image = Some(Image {
        path: "images/forum-entrepreneuriat.jpg".into(),
        alt: "Les stands du Forum de l’entrepreneuriat".into(),
    });
    Section {
        id: "nouvelles-des-cdm".into(),
        title: "Nouvelles des CDM".into(),
        body: SectionBody::Articles {
            articles: vec![
                forum,
                article(
                    "02-trouve-ta-place",
                    "« Trouve ta place », un programme de soutien à l’insertion des jeunes à Meyrin",
                    TROUVE_TA_PLACE,
                    vec![contact("Djemâa CHAÏTRI", "djemaa.chraiti@etat.ge.ch")],
                ),
                article(
                    "03-cite-ephemere",
                    "Une Cité des métiers éphémère dans un quartier de la ville de Limoges !",
                    EPHEMERE,
                    vec![contact("Sabine SERRANO", "s.serrano@prisme-limousin.fr")],
                ),
            ],
        },
    }
}

const FORUM: &str = "\
Au 2^ème^ trimestre 2017, 1\u{202F}501 entreprises ont été créées à La Réunion (INSEE), soit \
un repli de 3\u{202F}% après un 1^er^ trimestre 2017 en hausse (+\u{202F}5\u{202F}%). \
C’est dans ce contexte qu’a été organisé le 9 novembre le Forum de l’entrepreneuriat sous \
le mot d’ordre « Echanger pour mieux entreprendre ».

L’événement a touché près de 250 personnes. Les trois objectifs majeurs étaient de :

- proposer des ateliers pratiques pour les porteurs de projets et rompre la solitude de \
l’entrepreneur ;
- avoir des stands de partenaires experts de la création d’entreprise pour informer les \
publics sur les aides, les dispositifs, les financements, les formations, les statuts ;
- sensibiliser les publics (demandeurs d’emploi mais aussi lycéens) à la démarche \
entrepreneuriale.

Plus d’informations sur le contenu des ateliers du forum :
<http://www.citedesmetiers.re/index.php/evenements/details/841>
";

const TROUVE_TA_PLACE: &str = "\
Décrocher sa place d’apprentissage est un défi de taille pour chaque jeune qui s’engage \
dans la formation professionnelle initiale car convaincre un patron ne s’improvise pas !

Du 24 janvier au 2 mars 2018, une vingtaine de jeunes intégrera le programme \
« Trouve ta place » et bénéficiera d’une série d’ateliers collectifs liés à l’insertion : \
la confiance en soi, la gestion du stress, le dossier de candidature, l’entretien \
d’embauche, la photo professionnelle, etc. Rien n’est laissé au hasard !
";

const EPHEMERE: &str = "\
La Cité des métiers de Limoges et Limousin offre ses services pour la première fois dans \
le quartier de Beaubreuil. Elle est composée notamment :

- d’un espace multimédia avec des ordinateurs équipés d’un logiciel d’aide à l’orientation ;
- d’un espace conseil pour des entretiens individuels ;
- d’un espace « scène des métiers – tables rondes » :
  - un panorama des métiers de l’agglomération ;
  - un échange avec les entreprises locales.

Cette action est rendue possible grâce au partenariat avec les acteurs locaux de \
l’Accueil, de l’Information et de l’Orientation (AIO).
";

fn nouvelles_du_reseau() -> Section {
    Section {
        id: "nouvelles-du-reseau".into(),
        title: "Nouvelles du Réseau".into(),
        body: SectionBody::Articles {
            articles: vec![
                article(
                    "01-cocade",
                    "Expérimentation de la formation au métier de conseil dans le cadre du projet Erasmus+ COCADE",
                    COCADE,
                    vec![contact(
                        "Ludovic COLLIN",
                        "lcollin@reseaucitesdesmetiers.com",
                    )],
                ),
                article(
                    "02-cdm21",
                    "Réunion CDM21",
                    CDM21,
                    vec![
                        contact("Ludovic COLLIN", "lcollin@reseaucitesdesmetiers.com"),
                        contact("Sylvie Sesma", "sylvie.sesma@universcience.fr"),
                    ],
                ),
            ],
        },
    }
}

const COCADE: &str = "\
Une première session de formation au métier de conseil en lieux intégrés s’est tenue du \
5 au 7 décembre 2017 à la Cité des Sciences et de l’Industrie. Au total, 19 personnes \
étaient présentes dont 7 conseiller.e.s débutant.e.s.

![Les participants de la formation COCADE](images/cocade-formation.jpg)

Les retours ont été très positifs ! Retrouvez les photos sur notre \
[page facebook](https://www.facebook.com/reseaucitesdesmetiers/) et plus d’informations \
sur le projet sur notre site internet : \
http://www.reseaucitesdesmetiers.com/25-projet_eu.php
";

const CDM21: &str = "\
« KeepInnovation » est le leitmotiv de la démarche engagée par le Réseau pour penser les \
services de demain au sein de la Cité des métiers. Le calendrier prévisionnel (novembre 2017 \
à novembre 2018) compte quatre étapes :

1. la revue de l’offre de services, de la gouvernance et de l’organisation ;
2. l’analyse externe de positionnement des CDM et du Réseau ;
3. les projections de l’offre de services de demain et des scénarii d’évolution ;
4. la construction d’une vision partagée de la Cité des métiers de demain.

| Rendez-vous | Date | Lieu |
| :--- | ---: | :---: |
| Réunion de travail | 8 décembre 2017 | Paris |
| Présentation des visions | 8–9 février 2018 | Cité des Sciences |

> Un prochain rendez-vous est fixé les 8 et 9 février à la Cité des Sciences et de \
l’Industrie.
";

fn financements() -> Section {
    Section {
        id: "financements".into(),
        title: "Financements européens".into(),
        body: SectionBody::Calls {
            intro: md(
                "La Commission européenne a publié le *Guide Erasmus+* comprenant l’ensemble \
                 des appels à projets et financements pour l’année 2018.",
            ),
            calls: vec![
                Call {
                    title: inl(
                        "Action 1 – mobilité des individus dans les domaines de l’EFP, \
                         l’éducation scolaire et l’éducation des adultes",
                    ),
                    deadline: "2018-02-01".into(),
                    deadline_text: "1er février 2018".into(),
                    programme: Some("Erasmus+".into()),
                    link: Some("https://info.erasmusplus.fr/".into()),
                    description: md("Mobilité des apprenants et des personnels."),
                },
                Call {
                    title: inl("Action clé 2 – Alliances sectorielles pour les compétences"),
                    deadline: "2018-02-28".into(),
                    deadline_text: "28 février 2018".into(),
                    programme: None,
                    link: None,
                    description: md("Un appel à projets de la Commission européenne ; \
                         voir le [guide](https://ec.europa.eu/programmes/erasmus-plus/) !"),
                },
            ],
        },
    }
}

fn arrivees_departs() -> Section {
    Section {
        id: "arrivees-departs".into(),
        title: "Arrivées / départs".into(),
        body: SectionBody::Text {
            blocks: md(ARRIVEES),
        },
    }
}

const ARRIVEES: &str = "\
#### Cité des métiers du Grand Genève

**Grégoire Evequoz** a quitté la direction de l’Office pour l’orientation, la formation \
professionnelle et continue (OFPC) fin novembre.

#### Cité des métiers des Côtes d’Armor

Marie ~~Brilllet~~ Brillet a pris ses fonctions de Directrice début décembre.\\
<m.brillet@citedesmetiers22.fr>
";

fn adresse_de_contact() -> Section {
    Section {
        id: "adresse-de-contact".into(),
        title: "Adresse de contact".into(),
        body: SectionBody::Text {
            blocks: md(ADRESSE),
        },
    }
}

const ADRESSE: &str = "\
L’adresse e-mail de contact pour toutes informations concernant l’InfoLettre, la Spring \
School et les réunions du Réseau est : <delegationexecutive@citedesmetiers.fr> \
(indiquez `[InfoLettre]` dans l’objet).

<p align=\"center\">Merci de votre collaboration,</p>

Bien cordialement,
";

/// Every word of the document that every output must print: sections,
/// titles, contacts, team, and the labels all outputs use. A word is a run of
/// letters and digits, so punctuation and markup never matter.
pub fn words_of(doc: &Document) -> Vec<String> {
    let mut texts: Vec<String> = vec![
        doc.meta.title.clone(),
        doc.meta.date_text.clone(),
        doc.meta.number.to_string(),
        doc.labels.team.clone(),
    ];
    texts.extend(doc.meta.issue_title.clone());
    if doc.meta.draft {
        texts.push(doc.labels.draft.clone());
    }
    for section in &doc.sections {
        texts.push(section.title.clone());
        match &section.body {
            SectionBody::Editorial {
                blocks,
                signature,
                role,
            } => {
                blocks_text(blocks, &mut texts);
                texts.push(signature.clone());
                texts.push(role.clone());
            }
            SectionBody::Text { blocks } => blocks_text(blocks, &mut texts),
            SectionBody::Articles { articles } => {
                for article in articles {
                    texts.push(plain_text(&article.title));
                    texts.extend(article.image.as_ref().map(|i| i.alt.clone()));
                    blocks_text(&article.blocks, &mut texts);
                    for c in &article.contacts {
                        texts.push(c.name.clone());
                        texts.push(c.email.clone());
                    }
                    texts.push(match article.contacts.len() {
                        0 => String::new(),
                        1 => doc.labels.contact.clone(),
                        _ => doc.labels.contacts.clone(),
                    });
                }
            }
            SectionBody::Agenda { groups } => {
                for group in groups {
                    texts.extend(group.name.clone());
                    for event in &group.events {
                        texts.push(event.when.clone());
                        texts.push(plain_text(&event.title));
                        texts.extend(event.place.clone());
                    }
                }
            }
            SectionBody::Calls { intro, calls } => {
                blocks_text(intro, &mut texts);
                for call in calls {
                    texts.push(plain_text(&call.title));
                    texts.push(doc.labels.deadline.clone());
                    texts.push(call.deadline_text.clone());
                    texts.extend(call.programme.clone());
                    blocks_text(&call.description, &mut texts);
                }
            }
        }
    }
    for member in &doc.team {
        texts.push(member.name.clone());
        texts.push(member.role.clone());
    }
    texts.iter().flat_map(|t| tokens(t)).collect()
}

/// The text of blocks, one string per paragraph-like block, so that a
/// superscript stays glued to its number ("1er").
fn blocks_text(blocks: &[Block], out: &mut Vec<String>) {
    for block in blocks {
        match block {
            Block::Paragraph { content } | Block::Heading { content, .. } => {
                out.push(plain_text(content))
            }
            Block::List { items, .. } => items.iter().for_each(|item| blocks_text(item, out)),
            Block::Quote { content } => blocks_text(content, out),
            Block::Code { text, .. } | Block::Html { text, .. } => out.push(text.clone()),
            Block::Table { header, rows, .. } => out.extend(
                header
                    .iter()
                    .chain(rows.iter().flatten())
                    .map(|c| plain_text(c)),
            ),
            Block::Rule => {}
        }
    }
}

/// The words of a text: maximal runs of letters and digits.
pub fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The words of `doc` that `output` (already reduced to text) does not contain.
pub fn missing_words(doc: &Document, output: &str) -> Vec<String> {
    let present: BTreeSet<String> = tokens(output).into_iter().collect();
    let mut missing: Vec<String> = words_of(doc)
        .into_iter()
        .filter(|w| !present.contains(w))
        .collect();
    missing.dedup();
    missing
}

/// The visible text of an HTML page: tags dropped (inline ones without a
/// space, so that `1<sup>er</sup>` stays one word), `alt` texts kept, the
/// head and the style block skipped, entities decoded.
pub fn html_text(html: &str) -> String {
    let body = match html.find("<body") {
        Some(start) => &html[start..],
        None => html,
    };
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..open]));
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some(alt) = attribute(tag, "alt") {
            out.push(' ');
            out.push_str(&decode_entities(alt));
            out.push(' ');
        }
        let inline = matches!(
            name.as_str(),
            "a" | "sup" | "sub" | "em" | "strong" | "b" | "i" | "s" | "del" | "code" | "span"
        );
        if !inline {
            out.push(' ');
        }
        rest = &rest[open + close + 1..];
        if name == "style" && !tag.starts_with('/') {
            rest = rest.find("</style>").map_or("", |end| &rest[end..]);
        }
    }
    out.push_str(&decode_entities(rest));
    out
}

fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// Decodes the character references an HTML serializer writes.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';').filter(|&i| i <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..semi];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{A0}'),
            _ if name.starts_with("#x") || name.starts_with("#X") => {
                u32::from_str_radix(&name[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_has_every_section_kind_and_rich_content() {
        let doc = sample_document();
        let kinds: BTreeSet<&str> = doc
            .sections
            .iter()
            .map(|s| match s.body {
                SectionBody::Editorial { .. } => "editorial",
                SectionBody::Text { .. } => "text",
                SectionBody::Articles { .. } => "articles",
                SectionBody::Agenda { .. } => "agenda",
                SectionBody::Calls { .. } => "calls",
            })
            .collect();
        assert_eq!(kinds.len(), 5);
        let json = serde_json::to_string(&doc).unwrap();
        for node in [
            "\"sup\"",
            "\"table\"",
            "\"list\"",
            "\"link\"",
            "\"image\"",
            "\"html\"",
            "\"strike\"",
            "\"code\"",
            "\"break\"",
            "\"quote\"",
            "\"heading\"",
        ] {
            assert!(json.contains(&format!("\"type\":{node}")), "no {node} node");
        }
        assert!(
            json.contains('\u{202F}') && json.contains('\u{A0}'),
            "not typeset"
        );
    }

    #[test]
    fn french_spacing_leaves_markdown_syntax_alone() {
        assert_eq!(
            fr("Bravo ! ![x](y) « a » b : c"),
            "Bravo\u{202F}! ![x](y) «\u{202F}a\u{202F}» b\u{A0}: c"
        );
    }

    #[test]
    fn words_cover_superscripts_contacts_and_team() {
        let words = words_of(&sample_document());
        for w in [
            "1er",
            "2ème",
            "BORDIER",
            "citedesmetiers",
            "Maud",
            "Bruxelles",
            "Brilllet",
            "align",
        ] {
            assert!(words.iter().any(|x| x == w), "{w} missing from {words:?}");
        }
    }

    #[test]
    fn html_text_keeps_alt_and_glues_inline_tags() {
        let text = html_text(
            "<head><style>p{}</style></head><body><p>1<sup>er</sup>&nbsp;&#8239;&lt;b&gt;</p><p>x</p><img alt=\"une image\"></body>",
        );
        assert!(text.contains("1er\u{A0}\u{202F}<b>"), "{text}");
        assert_eq!(tokens(&text), ["1er", "b", "x", "une", "image"]);
    }
}
