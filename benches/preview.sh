#!/usr/bin/env bash
# `infolettre preview`: for a one-word change in an article of the seed
# issue, the time from the file write to the new email HTML being served,
# and to the new print pages being served; beside it, a cold
# `render --pdf` of the same issue (a new process: fonts parsed, nothing
# memoized), which is what the preview's print pages are measured against.
#
#   benches/preview.sh              # uses target/release/infolettre
#
# Environment: INFOLETTRE (binary), BENCH_DIR (scratch, default mktemp -d),
# RUNS (edits, default 20), COLD_RUNS (render --pdf runs, default 5).
# Needs python3 (standard library only).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
BIN=${INFOLETTRE:-$REPO/target/release/infolettre}
WORK=${BENCH_DIR:-$(mktemp -d -t infolettre-preview.XXXXXX)}
RUNS=${RUNS:-20}
COLD_RUNS=${COLD_RUNS:-5}
[ -x "$BIN" ] || { echo "no binary at $BIN: run cargo build --release" >&2; exit 2; }

python3 - "$REPO" "$BIN" "$WORK" "$RUNS" "$COLD_RUNS" <<'PY'
import json, pathlib, shutil, statistics, subprocess, sys, time, urllib.request

repo, binary, work = pathlib.Path(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3])
runs, cold_runs = int(sys.argv[4]), int(sys.argv[5])
DEBOUNCE_MS = 100  # src/preview/watch.rs: DEBOUNCE

ws = work / "workspace"
if ws.exists():
    shutil.rmtree(ws)
(ws / "issues").mkdir(parents=True)
shutil.copy(repo / "infolettre.toml", ws / "infolettre.toml")
shutil.copytree(repo / "issues" / "2017-12", ws / "issues" / "2017-12")
article = ws / "issues/2017-12/nouvelles-du-reseau/01-cocade.md"

# The cold figure: a whole `render --pdf`, a new process each time.
cold = []
for _ in range(cold_runs):
    start = time.perf_counter()
    subprocess.run([binary, "-C", ws, "render", "2017-12", "--pdf", "--draft", "--out", work / "cold"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cold.append((time.perf_counter() - start) * 1000)
shutil.rmtree(work / "cold")

preview = subprocess.Popen([binary, "-C", ws, "preview", "--port", "0"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
try:
    url = preview.stdout.readline().strip()
    def get(path):
        with urllib.request.urlopen(url + path.lstrip("/"), timeout=30) as answer:
            return answer.read()
    def status():
        return json.loads(get("/status"))

    html, pages, server_html, server_pages, parts = [], [], [], [], []
    text = article.read_text()
    for i in range(runs):
        before = status()
        word = f"Banc{i}x"
        # The write is the start: one word more in the article.
        changed = text.replace("Au total", f"{word} au total", 1)
        start = time.perf_counter()
        article.write_text(changed)
        seen_html = None
        while True:
            now = status()
            email = now["email"]
            if seen_html is None and email and email["generation"] != before["email"]["generation"]:
                seen_html = (time.perf_counter() - start) * 1000
                assert word.encode() in get(email["url"]), "the new word is not in the HTML"
            if seen_html is not None and not now["printing"] and now["pages"] != before["pages"]:
                seen_pages = (time.perf_counter() - start) * 1000
                break
            if time.perf_counter() - start > 30:
                raise SystemExit("no render within 30 s")
            time.sleep(0.002)
        html.append(seen_html)
        pages.append(seen_pages)
        t = now["timings_ms"]
        server_html.append(t["email_ready"])
        server_pages.append(t["print_ready"])
        split = t["print_split"]
        parts.append((t["load"], t["email"], t["print"], split["layout"], split["drawing"], split["drawn"]))
        time.sleep(0.3)  # let the watcher settle between edits
finally:
    preview.terminate()
    preview.wait(timeout=30)

def line(name, values):
    values = sorted(values)
    return f"{name:<46} {statistics.median(values):8.1f} {values[0]:8.1f} {values[-1]:8.1f}"

cold_median = statistics.median(cold)
print(f"\n{runs} one-word edits of {article.relative_to(ws)}; debounce {DEBOUNCE_MS} ms")
print(f"{'ms':<46} {'median':>8} {'min':>8} {'max':>8}")
print(line("cold render --pdf (new process)", cold))
print(line("write -> new HTML served", html))
print(line("write -> new HTML served, after the debounce", [h - DEBOUNCE_MS for h in html]))
print(line("write -> new pages served", pages))
print(line("write -> new pages served, after the debounce", [p - DEBOUNCE_MS for p in pages]))
print(line("server: first event -> HTML published", server_html))
print(line("server: first event -> pages published", server_pages))
print(line("server: load + check + document", [p[0] for p in parts]))
print(line("server: email HTML", [p[1] for p in parts]))
print(line("server: print (incremental layout + pages)", [p[2] for p in parts]))
print(line("server:   of which layout", [p[3] for p in parts]))
print(line("server:   of which drawing the changed pages", [p[4] for p in parts]))
print(line("server:   pages drawn (of all pages)", [p[5] for p in parts]))
html_after = statistics.median(html) - DEBOUNCE_MS
pages_after = statistics.median(pages) - DEBOUNCE_MS
print(f"\nHTML after the debounce: {html_after:.0f} ms (target < 100 ms): {'met' if html_after < 100 else 'MISSED'}")
print(f"pages after the debounce: {pages_after:.0f} ms = {100 * pages_after / cold_median:.0f} % of a cold render --pdf "
      f"(target < 40 %): {'met' if pages_after < 0.4 * cold_median else 'MISSED'}")
PY
