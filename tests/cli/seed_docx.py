"""Writes the seed's text as a Word document, as an editor would have kept it
in Word: section titles in "Heading 1", article titles, agenda groups and the
arrivals' centres in "Heading 2", dates and "Contact :" lines in bold, list
items in "List Bullet", links as real hyperlinks, *italics* as italic runs,
^{ème} as superscript runs. The styles come from the shapes of the text and
from infolettre.toml's section titles, never from the words of one article.

usage: seed_docx.py SEED.txt INFOLETTRE.toml OUT.docx
"""

import re
import sys
import tomllib
import unicodedata

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def key(text):
    text = unicodedata.normalize("NFD", text)
    return "".join(c for c in text.lower() if c.isalnum() and not unicodedata.combining(c))


INLINE = re.compile(
    r"\*(?P<italic>[^*]+)\*|\^\{(?P<sup>[^}]+)\}|<(?P<auto>https?://[^>]+)>|\[(?P<words>[^\]]+)\]\((?P<url>[^)]*)\)"
)


def hyperlink(paragraph, url, text):
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def fill(paragraph, text, bold=False):
    at = 0
    for m in INLINE.finditer(text):
        if m.start() > at:
            paragraph.add_run(text[at : m.start()]).bold = bold or None
        if m["italic"]:
            run = paragraph.add_run(m["italic"])
            run.italic = True
        elif m["sup"]:
            run = paragraph.add_run(m["sup"])
            run.font.superscript = True
        elif m["auto"]:
            hyperlink(paragraph, m["auto"], m["auto"])
        else:
            hyperlink(paragraph, m["url"], m["words"])
        at = m.end()
    if at < len(text):
        paragraph.add_run(text[at:]).bold = bold or None


def short_title(line):
    return "@" not in line and not line.endswith((".", ":", "!", ",")) and len(line.split()) <= 8 and line[0].isupper()


def main(seed, settings, out):
    config = tomllib.load(open(settings, "rb"))
    sections = {key(s["title"]): s for s in config["section"]}
    groups = {key(g) for s in config["section"] for g in s.get("groups", [])}
    date = re.compile(r"^\d{1,2}(-\d{1,2})? \w+( – \d{1,2} \w+)? \d{4}$")
    document = docx.Document()
    kind = None
    after_sentence = False
    for line in open(seed, encoding="utf-8").read().split("\n"):
        line = line.strip()
        if not line:
            continue
        letters = [c for c in line if c.isalpha()]
        capitals = len(letters) >= 3 and not any(c.islower() for c in letters)
        if key(line) in sections:
            kind = sections[key(line)]["kind"]
            document.add_paragraph(line, style="Heading 1")
        elif key(line) in groups or (capitals and len(line.split()) <= 30):
            fill(document.add_paragraph(style="Heading 2"), line)
        elif kind == "articles" and after_sentence and short_title(line):
            # A short line after a finished paragraph: a title, as an editor styles it.
            fill(document.add_paragraph(style="Heading 2"), line)
        elif line.startswith("- "):
            fill(document.add_paragraph(style="List Bullet"), line[2:])
        elif date.match(line) or line == "Contact :":
            fill(document.add_paragraph(), line, bold=True)
        else:
            fill(document.add_paragraph(), line)
        after_sentence = line.endswith(".") or key(line) in sections
    document.save(out)


if __name__ == "__main__":
    main(*sys.argv[1:])
