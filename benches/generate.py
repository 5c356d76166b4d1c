#!/usr/bin/env python3
"""Generates a benchmark workspace holding one issue of N articles.

The issue is the seed issue `issues/2017-12` of the repository, with its
articles multiplied: article k (k = 1..N) is a copy of the seed's article
k mod 12, kept in its own section (nouvelles-des-cdm, nouvelles-du-reseau,
arrivees-departs), with

  - a numbered file name   `0007-forum-entrepreneuriat-la-reunion.md`,
  - a numbered title       "Deuxième édition du forum … (n° 7)",
    so that `duplicate-title` never fires,
  - a unique contact       "Camille MOREL <camille.morel@citedesmetiers.re>",
    built from French first and last names, the email matching the name
    (no `contact-name-mismatch`) on the domain of the seed's contact,
    for every seed article that has a contact (the seed's 2 articles
    without one stay without one, as `contact = "optional"` allows).

The body of each article is the seed's, word for word. The other sections
(agenda, editorial, calls, text sections) are the seed's files as they are,
and `infolettre.toml` is the repository's. The result checks clean: the
script runs nothing itself; benches/check.sh verifies `check` exits 0.

Usage: generate.py REPO_ROOT OUT_DIR N
"""

import re
import shutil
import sys
from pathlib import Path

SEED_ID = "2017-12"
ARTICLE_SECTIONS = ["nouvelles-des-cdm", "nouvelles-du-reseau", "arrivees-departs"]

FIRST = """Camille Louise Jules Léa Hugo Chloé Lucas Manon Nathan Inès Théo Jade
Arthur Lina Raphaël Zoé Gabriel Alice Louis Emma Adam Rose Paul Anna Victor
Clara Martin Juliette Noé Margaux Antoine Sarah Simon Lou Mathis Elsa Tom
Agathe Maxime Romane Baptiste Éloïse Clément Lucie Julien Mila Vincent Nina
Thomas Héloïse""".split()
LAST = """Morel Girard André Lefèvre Mercier Dupont Lambert Bonnet François
Martinez Legrand Garnier Faure Rousseau Blanc Guérin Muller Henry Roussel
Nicolas Perrin Morin Mathieu Clément Gauthier Dumont Lopez Fontaine Chevalier
Robin Masson Sanchez Gérard Nguyen Boyer Denis Lemaire Duval Joly Gautier
Roger Roche Roy Noël Meyer Lucas Meunier Jean Pérez Marchand""".split()

ACCENTS = str.maketrans("àâäçéèêëîïôöùûüÿÉÈÊÀÂÎÔÛÇ", "aaaceeeeiioouuuyEEEAAIOUC")


def ascii_lower(s: str) -> str:
    return s.translate(ACCENTS).lower().replace(" ", "-")


def split_front(text: str):
    """Returns (front matter lines, body) of a `+++` Markdown file."""
    lines = text.split("\n")
    assert lines[0] == "+++", "seed articles start with front matter"
    end = lines.index("+++", 1)
    return lines[1:end], "\n".join(lines[end + 1 :])


def toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main() -> None:
    repo, out, n = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    assert n <= len(FIRST) * len(LAST), "not enough unique names"
    seed = repo / "issues" / SEED_ID
    if out.exists():
        shutil.rmtree(out)
    issue = out / "issues" / SEED_ID
    issue.mkdir(parents=True)
    shutil.copy(repo / "infolettre.toml", out / "infolettre.toml")
    for f in seed.iterdir():
        if f.is_file():
            shutil.copy(f, issue / f.name)

    articles = []  # (section, slug, title, contact domain or None, body)
    for section in ARTICLE_SECTIONS:
        for f in sorted((seed / section).glob("*.md")):
            front, body = split_front(f.read_text(encoding="utf-8"))
            title = re.search(r'^title = "((?:[^"\\]|\\.)*)"$', "\n".join(front), re.M)
            email = re.search(r'email = "[^"@]+@([^"]+)"', "\n".join(front))
            slug = f.stem.split("-", 1)[1]
            articles.append((section, slug, title.group(1), email and email.group(1), body))
    assert len(articles) == 12

    width = max(2, len(str(n)))
    for k in range(1, n + 1):
        section, slug, title, domain, body = articles[(k - 1) % len(articles)]
        front = [f"title = \"{title} (n° {k})\""]
        if domain:
            i = k - 1
            first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
            name = f"{first} {last.upper()}"
            email = f"{ascii_lower(first)}.{ascii_lower(last)}@{domain}"
            front.append(f"contacts = [{{ name = {toml_str(name)}, email = {toml_str(email)} }}]")
        d = issue / section
        d.mkdir(exist_ok=True)
        text = "+++\n" + "\n".join(front) + "\n+++\n" + body
        (d / f"{k:0{width}d}-{slug}.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
