#!/usr/bin/env python3
"""Writes a benchmark archive: a workspace of N copies of the seed issue.

The issues are `issues/2017-12` of the repository, one a day from
1 September 2017 (so that every agenda is still ahead), numbered 1..N, with
`infolettre.toml` the repository's.

With --distinct, every line of prose of every Markdown file starts with the
issue's own words ("Numéro 7 : "), so that no paragraph of one issue is
shaped or broken like another's and typst cannot reuse one issue's work for
the next; headings, lists, links and blank lines are left as they are.

Usage: archive.py REPO_ROOT OUT_DIR N [--distinct]
"""

import datetime
import re
import shutil
import sys
from pathlib import Path


def distinguish(issue: Path, number: int) -> None:
    for md in issue.rglob("*.md"):
        text = md.read_text(encoding="utf-8")
        head, sep, body = text.rpartition("+++\n") if text.startswith("+++") else ("", "", text)
        body = re.sub(r"(?m)^(?=[A-ZÀ-Ýa-zà-ý])", f"Numéro {number} : ", body)
        md.write_text(head + sep + body, encoding="utf-8")


def main() -> None:
    repo, ws, n = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    distinct = "--distinct" in sys.argv[4:]
    if ws.exists():
        shutil.rmtree(ws)
    (ws / "issues").mkdir(parents=True)
    shutil.copy(repo / "infolettre.toml", ws / "infolettre.toml")
    for i in range(n):
        day = datetime.date(2017, 9, 1) + datetime.timedelta(days=i)
        issue = ws / "issues" / day.isoformat()
        shutil.copytree(repo / "issues" / "2017-12", issue)
        (issue / "issue.toml").write_text(f"number = {i + 1}\ndate = {day.isoformat()}\n")
        if distinct:
            distinguish(issue, i + 1)


if __name__ == "__main__":
    main()
