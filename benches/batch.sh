#!/usr/bin/env bash
# `infolettre render . --pdf`: N issues in one process (fonts, the standard
# library and typst's caches shared, the issues laid out on every core),
# against one cold `render --pdf` of one issue, for N = 1, 10 and 50.
#
#   benches/batch.sh                 # uses target/release/infolettre
#
# The issues are copies of the seed (benches/archive.py --distinct), each
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
  python3 "$REPO/benches/archive.py" "$REPO" "$ws" "$n" --distinct
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
