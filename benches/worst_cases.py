#!/usr/bin/env python3
"""Generates a workspace whose article holds one former worst case, N times.

The workspace is the English test fixture (`tests/fixtures/english`) with
one article, `news/03-new-centre-in-lerwick.md`, extended by the payload:

  todo       N lines `TODO n`: N `placeholder` findings, each printed
             with its excerpt by the human format (was: the whole file
             rendered again per finding, quadratic)
  backticks  backtick runs of growing length, "` `` ``` ...", in one
             paragraph, 5·sqrt(N) runs so that the text grows with N: no
             two runs pair up into code, and typography's protected-text
             pattern finds a span between each two runs (was: every
             character tested against every span, quadratic)
  links      N empty links `[](https://a.fr/)` in one paragraph: typography's
             look-ahead past nodes without text (was: every later node
             read again for each node, quadratic)
  quotes     N `>` before one word: nesting N deep (was: a stack
             overflow from about 10,000 in render, 30,000 in check)

Usage: worst_cases.py REPO_ROOT OUT_DIR CASE N
"""

import shutil
import sys
from pathlib import Path

ARTICLE = "issues/2026-03/news/03-new-centre-in-lerwick.md"


def payload(case: str, n: int) -> str:
    if case == "todo":
        return "".join(f"TODO {k}\n" for k in range(n))
    if case == "backticks":
        runs = round(5 * n ** 0.5)
        return " ".join("`" * (k + 1) for k in range(runs)) + "\n"
    if case == "links":
        return "".join("[](https://a.fr/)" for _ in range(n)) + " end\n"
    if case == "quotes":
        return ">" * n + " deep\n"
    raise SystemExit(f"unknown case {case}")


def main() -> None:
    repo, out, case, n = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(repo / "tests" / "fixtures" / "english", out)
    article = out / ARTICLE
    text = article.read_text(encoding="utf-8")
    article.write_text(text + "\n" + payload(case, n), encoding="utf-8")


if __name__ == "__main__":
    main()
