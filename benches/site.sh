#!/usr/bin/env bash
# `infolettre site` on archives of 1, 12 and 100 issues (copies of the seed,
# one a day from 1 September 2017, so that every agenda is still ahead):
# the cost per issue of the archive, every page, PDF and calendar.
#
#   benches/site.sh                 # uses target/release/infolettre
#
# Environment: INFOLETTRE (binary), BENCH_DIR (scratch, default mktemp -d),
# RUNS (default 3), SIZES (default "1 12 100"). Needs hyperfine and python3.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
BIN=${INFOLETTRE:-$REPO/target/release/infolettre}
WORK=${BENCH_DIR:-$(mktemp -d -t infolettre-site.XXXXXX)}
RUNS=${RUNS:-3}
SIZES=${SIZES:-"1 12 100"}
[ -x "$BIN" ] || { echo "no binary at $BIN: run cargo build --release" >&2; exit 2; }

cmds=()
for n in $SIZES; do
  ws=$WORK/archive-$n
  python3 "$REPO/benches/archive.py" "$REPO" "$ws" "$n"
  cmds+=(--command-name "site $n" "$BIN -C $ws site --out $ws/site")
done
mkdir -p "$WORK/results"
hyperfine --runs "$RUNS" --warmup 1 --export-json "$WORK/results/site.json" "${cmds[@]}"
python3 - "$WORK/results/site.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
print("\narchive   mean      per issue")
for r in results:
    n = int(r["command"].split()[1])
    print(f"{n:>7}  {r['mean']:7.2f} s  {1000 * r['mean'] / n:7.0f} ms")
PY
