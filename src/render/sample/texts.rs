//! The text of the sample issue: French spacing as `typography` applies it,
//! Markdown parsed the way contributors' files are, and the longer texts
//! written in that Markdown.

use crate::markup::{Block, Inline, parse_str};

/// French spacing as `typography` applies it: a narrow no-break space
/// before `; ! ?` and inside guillemets, a no-break space before `:`.
pub(super) fn fr(text: &str) -> String {
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
pub(super) fn md(text: &str) -> Vec<Block> {
    parse_str(&fr(text))
}

/// Typeset inline Markdown (a title).
pub(super) fn inl(text: &str) -> Vec<Inline> {
    match md(text).into_iter().next() {
        Some(Block::Paragraph { content }) => content,
        other => panic!("not a one-paragraph title: {other:?}"),
    }
}

pub(super) const EDITORIAL: &str = "\
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

pub(super) const FORUM: &str = "\
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

pub(super) const TROUVE_TA_PLACE: &str = "\
Décrocher sa place d’apprentissage est un défi de taille pour chaque jeune qui s’engage \
dans la formation professionnelle initiale car convaincre un patron ne s’improvise pas !

Du 24 janvier au 2 mars 2018, une vingtaine de jeunes intégrera le programme \
« Trouve ta place » et bénéficiera d’une série d’ateliers collectifs liés à l’insertion : \
la confiance en soi, la gestion du stress, le dossier de candidature, l’entretien \
d’embauche, la photo professionnelle, etc. Rien n’est laissé au hasard !
";

pub(super) const EPHEMERE: &str = "\
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

pub(super) const COCADE: &str = "\
Une première session de formation au métier de conseil en lieux intégrés s’est tenue du \
5 au 7 décembre 2017 à la Cité des Sciences et de l’Industrie. Au total, 19 personnes \
étaient présentes dont 7 conseiller.e.s débutant.e.s.

![Les participants de la formation COCADE](images/cocade-formation.jpg)

Les retours ont été très positifs ! Retrouvez les photos sur notre \
[page facebook](https://www.facebook.com/reseaucitesdesmetiers/) et plus d’informations \
sur le projet sur notre site internet : \
http://www.reseaucitesdesmetiers.com/25-projet_eu.php
";

pub(super) const CDM21: &str = "\
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

pub(super) const ARRIVEES: &str = "\
#### Cité des métiers du Grand Genève

**Grégoire Evequoz** a quitté la direction de l’Office pour l’orientation, la formation \
professionnelle et continue (OFPC) fin novembre.

#### Cité des métiers des Côtes d’Armor

Marie ~~Brilllet~~ Brillet a pris ses fonctions de Directrice début décembre.\\
<m.brillet@citedesmetiers22.fr>
";

pub(super) const ADRESSE: &str = "\
L’adresse e-mail de contact pour toutes informations concernant l’InfoLettre, la Spring \
School et les réunions du Réseau est : <delegationexecutive@citedesmetiers.fr> \
(indiquez `[InfoLettre]` dans l’objet).

<p align=\"center\">Merci de votre collaboration,</p>

Bien cordialement,
";
