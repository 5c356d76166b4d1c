#!/usr/bin/env bash
# Benchmark of the former worst cases of issue 9 (quadratic or unbounded
# paths on hostile input), each at growing sizes: a linear path doubles its
# time when its input doubles, a quadratic one quadruples it.
#
#   benches/worst_cases.sh            # uses target/release/infolettre
#   INFOLETTRE=target/debug/infolettre SIZES="5000 10000 20000" benches/worst_cases.sh
#
# Environment: INFOLETTRE (binary, default target/release/infolettre),
# BENCH_DIR (scratch dir, default a fresh mktemp -d), RUNS (default 5),
# WARMUP (default 1), SIZES (default "10000 20000 40000").
# Needs hyperfine and python3. Results: $BENCH_DIR/results/worst_cases.{json,md}.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
BIN=${INFOLETTRE:-$REPO/target/release/infolettre}
WORK=${BENCH_DIR:-$(mktemp -d -t infolettre-worst.XXXXXX)}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
SIZES=${SIZES:-"10000 20000 40000"}
RESULTS=$WORK/results
mkdir -p "$RESULTS"

[ -x "$BIN" ] || { echo "no binary at $BIN: run cargo build --release" >&2; exit 2; }

# Each case and the command that meets it: the human printer for TODO
# findings, typography (through the text edition) for backticks and empty
# links, check and render for deep nesting.
declare -A COMMAND=(
  [todo]="check"
  [backticks]="render --text --draft"
  [links]="render --text --draft"
  [quotes]="render --md --html --text --draft"
)

cmds=()
for case in todo backticks links quotes; do
  for n in $SIZES; do
    ws=$WORK/$case-$n
    python3 "$REPO/benches/worst_cases.py" "$REPO" "$ws" "$case" "$n"
    # Exit 0 or 1 (findings) is expected; a signal or exit 2 is a defect.
    code=0
    $BIN -C "$ws" --color never ${COMMAND[$case]} >/dev/null 2>&1 || code=$?
    [ "$code" -le 1 ] || { echo "$case $n: exit $code" >&2; exit 1; }
    cmds+=(-n "$case $n" "$BIN -C $ws --color never ${COMMAND[$case]}")
  done
done

echo "load average before timing: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine --warmup "$WARMUP" --runs "$RUNS" -i \
  --export-json "$RESULTS/worst_cases.json" --export-markdown "$RESULTS/worst_cases.md" \
  "${cmds[@]}"

# The growth of each case: time ratio between consecutive sizes (2 when
# linear and sizes double; 4 when quadratic).
python3 - "$RESULTS/worst_cases.json" <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
by_case = {}
for r in res:
    case, n = r["command"].rsplit(" ", 1)
    by_case.setdefault(case, []).append((int(n), r["mean"]))
print(f"\n{'case':<12}{'n':>8}{'mean':>12}{'ratio':>8}")
for case, points in by_case.items():
    prev = None
    for n, t in points:
        ratio = f"{t / prev:.2f}" if prev else ""
        print(f"{case:<12}{n:>8}{t * 1e3:>10.0f}ms{ratio:>8}")
        prev = t
PY
echo "results in $RESULTS"
