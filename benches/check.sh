#!/usr/bin/env bash
# Benchmark of `infolettre check`: whole-process wall time (startup included)
# on the seed issue and on generated issues of 100, 300 and 1,000 articles.
#
#   benches/check.sh                  # uses target/release/infolettre
#   RUNS=30 WARMUP=3 benches/check.sh
#
# Environment: INFOLETTRE (binary, default target/release/infolettre),
# BENCH_DIR (scratch dir, default a fresh mktemp -d), RUNS (default 30),
# WARMUP (default 3), SIZES (default "100 300 1000").
# Needs hyperfine and python3. Results: $BENCH_DIR/results/check.{json,md}.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
BIN=${INFOLETTRE:-$REPO/target/release/infolettre}
WORK=${BENCH_DIR:-$(mktemp -d -t infolettre-bench.XXXXXX)}
RUNS=${RUNS:-30}
WARMUP=${WARMUP:-3}
SIZES=${SIZES:-"100 300 1000"}
RESULTS=$WORK/results
mkdir -p "$RESULTS"

[ -x "$BIN" ] || { echo "no binary at $BIN: run cargo build --release" >&2; exit 2; }

# The seed workspace: the repository's settings and its issue, but no
# layouts/ folder (the repository's own layouts/ would act as overrides).
rm -rf "$WORK/seed"
mkdir -p "$WORK/seed/issues"
cp "$REPO/infolettre.toml" "$WORK/seed/"
cp -r "$REPO/issues/2017-12" "$WORK/seed/issues/"

for n in $SIZES; do
  python3 "$REPO/benches/generate.py" "$REPO" "$WORK/n$n" "$n"
done

# Every workspace must check clean (exit 0, no finding at all), or the
# benchmark would time an error path; above the print edition's limit of 500
# articles (`too-large`), exactly that one finding, every other rule having run.
for ws in seed $(printf 'n%s ' $SIZES); do
  out=$("$BIN" -C "$WORK/$ws" --color never check --format json || true)
  case "$out" in *'"errors":1,"warnings":0'*'"code":"too-large"'*)
    if [ "$(grep -o '"code"' <<<"$out" | wc -l)" = 1 ]; then
      echo "$ws: only too-large, as expected above 500 articles"; continue
    fi;;
  esac
  articles=$(find "$WORK/$ws/issues/2017-12" -mindepth 2 -name '*.md' | wc -l)
  words=$(cat "$WORK/$ws"/issues/2017-12/*.md "$WORK/$ws"/issues/2017-12/*/*.md | wc -w)
  echo "$ws: $articles articles, $words words, check: $out"
  case "$out" in *'"errors":0,"warnings":0'*|*'"errors": 0, "warnings": 0'*) ;;
    *) echo "workspace $ws does not check clean" >&2; exit 1;; esac
done

echo "load average before timing: $(cut -d' ' -f1-3 /proc/loadavg)"
cmds=(-n "seed (12 articles)" "$BIN -C $WORK/seed --color never check")
for n in $SIZES; do
  cmds+=(-n "$n articles" "$BIN -C $WORK/n$n --color never check")
done

# -i: the largest workspace ends in exit 1 (too-large) by design.
hyperfine -i --warmup "$WARMUP" --runs "$RUNS" \
  --export-json "$RESULTS/check.json" --export-markdown "$RESULTS/check.md" \
  "${cmds[@]}"

# The cost per article: a least-squares line through (articles, mean time).
python3 - "$RESULTS/check.json" "$SIZES" <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
ns = [12] + [int(s) for s in sys.argv[2].split()]
ts = [r["mean"] for r in res]
n = len(ns); mx = sum(ns) / n; my = sum(ts) / n
slope = sum((x - mx) * (y - my) for x, y in zip(ns, ts)) / sum((x - mx) ** 2 for x in ns)
icpt = my - slope * mx
print(f"\n{'workspace':<20}{'mean':>10}{'± σ':>10}{'min':>10}{'runs':>6}")
for r, x in zip(res, ns):
    print(f"{r['command']:<20}{r['mean']*1e3:>8.1f}ms{r['stddev']*1e3:>8.1f}ms{r['min']*1e3:>8.1f}ms{len(r['times']):>6}")
print(f"\nfit t = a + b·n: a = {icpt*1e3:.2f} ms, b = {slope*1e6:.1f} µs per article")
for x, y in zip(ns, ts):
    print(f"  n={x:>5}: measured {y*1e3:8.1f} ms, line {1e3*(icpt+slope*x):8.1f} ms")
if len(ns) >= 3:
    # Slope of each segment: a constant slope means linear cost.
    for (x0, y0), (x1, y1) in zip(zip(ns, ts), zip(ns[1:], ts[1:])):
        print(f"  segment {x0}→{x1}: {(y1-y0)/(x1-x0)*1e6:.1f} µs per article")
PY
echo "results in $RESULTS"
