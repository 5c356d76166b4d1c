//! A realistic sample issue for the renderers' tests: the InfoLettre of
//! December 2017 (the seed), already typeset the way `document` builds it,
//! with every section kind, lists, a table, links, images, superscripts,
//! contacts and a raw-HTML node. Also the helpers that check that an output
//! lost no word of it.

#[cfg(test)]
mod tests;
mod texts;
mod words;

use std::path::PathBuf;

use crate::document::{
    AgendaGroup, Article, Asset, Call, Contact, Document, Event, Image, Labels, Meta, Section,
    SectionBody, TeamMember, WrittenDate,
};
use crate::layouts::Layouts;
use crate::render::{RenderContext, Renderer};
use texts::{
    ADRESSE, ARRIVEES, CDM21, COCADE, EDITORIAL, EPHEMERE, FORUM, TROUVE_TA_PLACE, fr, inl, md,
};
pub use words::{html_text, missing_words, tokens, words_of};

fn day(iso: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").expect("a valid sample date")
}

/// The December 2017 issue (number 42) as the renderers receive it.
pub fn sample_document() -> Document {
    Document {
        meta: meta(),
        labels: labels(),
        language: crate::typography::lookup("fr")
            .expect("French is built in")
            .clone(),
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

/// What `renderer` writes for `doc` with the embedded layouts, as text.
pub fn render_with(renderer: &dyn Renderer, doc: &Document) -> String {
    let layouts = Layouts::embedded();
    let ctx = RenderContext {
        document: doc,
        layouts: &layouts,
        pdf: Default::default(),
    };
    String::from_utf8(renderer.render(&ctx).unwrap()).unwrap()
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
        date: Some(day("2017-12-15")),
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
        date: WrittenDate::Day(day(date)),
        end: end.map(|d| WrittenDate::Day(day(d))),
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
                    deadline: WrittenDate::Day(day("2018-02-01")),
                    deadline_text: "1er février 2018".into(),
                    programme: Some("Erasmus+".into()),
                    link: Some("https://info.erasmusplus.fr/".into()),
                    description: md("Mobilité des apprenants et des personnels."),
                },
                Call {
                    title: inl("Action clé 2 – Alliances sectorielles pour les compétences"),
                    deadline: WrittenDate::Day(day("2018-02-28")),
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

fn adresse_de_contact() -> Section {
    Section {
        id: "adresse-de-contact".into(),
        title: "Adresse de contact".into(),
        body: SectionBody::Text {
            blocks: md(ADRESSE),
        },
    }
}
