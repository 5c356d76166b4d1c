#!/usr/bin/env bash
# `infolettre render . --pdf`: N issues in one process (fonts, the standard
# library and typst's caches shared, the issues laid out on every core),
# against one cold `render --pdf` of one issue, for N = 1, 10 and 50.
#
#   benches/batch.sh                 # uses target/release/infolettre
#
# The issues are copies of the seed, one a day from 1 September 2017 (so
# that every agenda is still ahead, as in benches/site.sh), each
# made DIFFERENT where typst could otherwise reuse its work: every line of
# prose of every Markdown file starts with the issue's own words ("Numéro
# 7 :"), so no paragraph of one issue is shaped or broken like another's.
# What the issues still share is what any archive shares: the layout,
# the fonts, the agenda and calls (TOML, rebuilt per issue anyway).
#
# Environment: INFOLETTRE (binary), BENCH_DIR (scratch, default mktemp -d),
# RUNS (default 5), SIZES (default "1 10 50"). Needs hyperfine and python3.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
BIN=${INFOLETTRE:-$REPO/target/release/infolettre}
WORK=${BENCH_DIR:-$(mktemp -d -t infolettre-batch.XXXXXX)}
RUNS=${RUNS:-5}
SIZES=${SIZES:-"1 10 50"}
[ -x "$BIN" ] || { echo "no binary at $BIN: run cargo build --release" >&2; exit 2; }

cmds=()
for n in $SIZES; do
  ws=$WORK/archive-$n
  python3 - "$REPO" "$ws" "$n" <<'PY'
import datetime, pathlib, re, shutil, sys
repo, ws, n = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
if ws.exists():
    shutil.rmtree(ws)
(ws / "issues").mkdir(parents=True)
shutil.copy(repo / "infolettre.toml", ws / "infolettre.toml")
for i in range(n):
    day = datetime.date(2017, 9, 1) + datetime.timedelta(days=i)
    issue = ws / "issues" / day.isoformat()
    shutil.copytree(repo / "issues" / "2017-12", issue)
    (issue / "issue.toml").write_text(f"number = {i + 1}\ndate = {day.isoformat()}\n")
    for md in issue.rglob("*.md"):
        text = md.read_text(encoding="utf-8")
        head, sep, body = text.rpartition("+++\n") if text.startswith("+++") else ("", "", text)
        # A line of prose starts with a letter; headings, lists, links and
        # blank lines are left as they are.
        body = re.sub(r"(?m)^(?=[A-ZÀ-Ýa-zà-ý])", f"Numéro {i + 1} : ", body)
        md.write_text(head + sep + body, encoding="utf-8")
PY
  "$BIN" -C "$ws" --color never check "$ws/issues" >/dev/null \
    || { echo "archive-$n does not check clean" >&2; "$BIN" -C "$ws" check "$ws/issues"; exit 1; }
  cmds+=(--command-name "render . --pdf, $n issues" "$BIN -C $ws --color never render $ws/issues --pdf --out $ws/out")
done
mkdir -p "$WORK/results"
hyperfine -N --runs "$RUNS" --warmup 1 --export-json "$WORK/results/batch.json" "${cmds[@]}"
python3 - "$WORK/results/batch.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
one = None
print("\nissues   mean ± σ            per issue   vs one cold render")
for r in results:
    n = int(r["command"].split(", ")[1].split()[0])
    per = 1000 * r["mean"] / n
    one = one or (per if n == 1 else None)
    ratio = f"{per / one:.2f}" if one else "-"
    print(f"{n:>6}  {1000 * r['mean']:8.0f} ± {1000 * r['stddev']:4.0f} ms  {per:7.1f} ms   {ratio}")
PY
