#!/usr/bin/env bash
# Throughput of mtlint on each file format it reads.
#
# Builds one corpus per format from the same prose (fixtures/seeds/*.txt, replicated to about
# MTLINT_BENCH_MB megabytes of prose, default 20) and times `mtlint check --format jsonl
# --threads 1` on each (best of 3 after a warm-up run):
#   text    the seeds as .txt files (the reference: the same prose without markup)
#   html    each seed as an article page: a head with a stylesheet, scripts and metadata,
#           navigation and share widgets, paragraphs with character references
#   json    each seed as a JSON array of {"id", "url", "text"} paragraphs
#   jsonl   one {"id", "url", "text"} record per paragraph, escapes and \u escapes included
#   srt     each line of each seed as a SubRip cue, in italics
#   vtt     each line of each seed as a WebVTT cue with a voice tag, after a header and NOTE
# It prints, for each format, the corpus size, MB/s of file bytes, MB/s of prose bytes (the
# seed text each corpus carries) and the prose rate as a ratio of the text corpus's.
# With MTLINT_BENCH_INSTRUCTIONS=1 it counts instructions instead (valgrind's callgrind, which
# a loaded machine does not disturb) and prints instructions per byte of prose and the ratio
# to the text corpus; use a smaller corpus (MTLINT_BENCH_MB=2).
#
# Usage: benches/formats.sh          MTLINT_BENCH_MB=50 benches/formats.sh
#        MTLINT_BENCH_BIN=path/to/mtlint benches/formats.sh     (no build)
#        MTLINT_BENCH_ARGS="--lang fr" benches/formats.sh       (more options for every run)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mb="${MTLINT_BENCH_MB:-20}"
bin="${MTLINT_BENCH_BIN:-$root/target/release/mtlint}"
if [ -z "${MTLINT_BENCH_BIN:-}" ]; then
  echo "building release binary..." >&2
  cargo build --release --quiet
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

python3 - "$tmp" "$mb" fixtures/seeds/*.txt <<'PY'
import json, os, sys
out, mb, seeds = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
texts = [open(s, encoding="utf-8").read() for s in seeds]
unit = sum(len(t.encode()) for t in texts)
copies = max(1, mb * 1_000_000 // unit)

def html_escape(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
             .replace("’", "&rsquo;").replace("\u00a0", "&nbsp;"))

HEAD = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{title}</title>
<meta name="description" content="{title}"><meta property="og:title" content="{title}">
<link rel="stylesheet" href="/site.css">
<style>body {{ font-family: "Helvetica Neue", Arial; }} .share a::before {{ content: "Partager"; }}
nav > ul > li {{ display: inline-block; margin: 0 1em; }} article p {{ line-height: 1.5; }}</style>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{ dataLayer.push(arguments); }}
if (window.innerWidth < 600) {{ console.log("mobile"); }} gtag("config", "G-XXXX");</script>
</head><body><header><nav aria-label="Menu"><ul><li><a href="/politique">Politique</a></li>
<li><a href="/economie">&Eacute;conomie</a></li><li><a href="/monde">Monde</a></li></ul></nav></header>
<main><article>
"""
TAIL = """</article><aside class="share"><a href="https://www.facebook.com/sharer.php?u=x" title="Partager sur Facebook">Facebook</a>
<a href="https://twitter.com/intent/tweet?text=x" title="Partager sur Twitter">Twitter</a></aside></main>
<footer><p>&copy; 2024 Le Quotidien</p></footer><script src="/app.js" defer></script></body></html>
"""

def paragraphs(t):
    return [p.strip() for p in t.split("\n\n") if p.strip()]

for fmt in ["text", "html", "json", "jsonl", "srt", "vtt"]:
    os.makedirs(f"{out}/{fmt}", exist_ok=True)
for c in range(copies):
    d = c // 100
    for fmt in ["text", "html", "json", "jsonl", "srt", "vtt"]:
        os.makedirs(f"{out}/{fmt}/d{d}", exist_ok=True)
    for i, t in enumerate(texts):
        name = f"d{d}/c{c}_{i}"
        open(f"{out}/text/{name}.txt", "w", encoding="utf-8").write(t)
        paras = paragraphs(t)
        title = html_escape(paras[0].splitlines()[0]) if paras else ""
        body = "".join(f"<p>{html_escape(p)}</p>\n" for p in paras)
        open(f"{out}/html/{name}.html", "w", encoding="utf-8").write(HEAD.format(title=title) + body + TAIL)
        records = [{"id": f"doc-{c}-{i}-{j}", "url": f"https://example.org/{c}/{i}/{j}", "text": p}
                   for j, p in enumerate(paras)]
        open(f"{out}/json/{name}.json", "w", encoding="utf-8").write(json.dumps(records, ensure_ascii=False, indent=1))
        # Every other record escapes non-ASCII as \u escapes, as Python's json does by default.
        open(f"{out}/jsonl/{name}.jsonl", "w", encoding="utf-8").write(
            "".join(json.dumps(r, ensure_ascii=(j % 2 == 0)) + "\n" for j, r in enumerate(records)))
        lines = [l for l in t.splitlines() if l.strip()]
        srt, vtt = [], ["WEBVTT\n\nNOTE generated for the benchmark\n"]
        for k, l in enumerate(lines):
            a, b = k * 2, k * 2 + 1
            srt.append(f"{k + 1}\n00:{a // 60:02}:{a % 60:02},000 --> 00:{b // 60:02}:{b % 60:02},500\n<i>{l}</i>\n")
            vtt.append(f"00:{a // 60:02}:{a % 60:02}.000 --> 00:{b // 60:02}:{b % 60:02}.500 line:0\n<v Narrateur>{html_escape(l)}</v>\n")
        open(f"{out}/srt/{name}.srt", "w", encoding="utf-8").write("\n".join(srt))
        open(f"{out}/vtt/{name}.vtt", "w", encoding="utf-8").write("\n".join(vtt))
PY

prose_bytes=$(find "$tmp/text" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
best_of_3() {
  local best=""
  "$@" > /dev/null || [ $? -eq 1 ]
  for _ in 1 2 3; do
    local start end secs
    start=$(date +%s.%N)
    "$@" > /dev/null || [ $? -eq 1 ]
    end=$(date +%s.%N)
    secs=$(echo "$end - $start" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$secs < $best" | bc -l)" = 1 ]; then best=$secs; fi
  done
  echo "$best"
}

if [ "${MTLINT_BENCH_INSTRUCTIONS:-}" = 1 ]; then
  printf '%-6s %9s %16s %16s %10s\n' format "file MB" instructions "per prose byte" "vs text"
  text_cost=""
  for fmt in text html json jsonl srt vtt; do
    bytes=$(find "$tmp/$fmt" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
    count=$({ valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" check --isolated \
      --format jsonl --threads 1 ${MTLINT_BENCH_ARGS:-} "$tmp/$fmt" 2>&1 >/dev/null || true; } | sed -n 's/.*Collected : *//p')
    cost=$(echo "$count / $prose_bytes" | bc -l)
    [ -n "$text_cost" ] || text_cost=$cost
    printf '%-6s %9.1f %16s %16.0f %9.2fx\n' "$fmt" "$(echo "$bytes / 1000000" | bc -l)" \
      "$count" "$cost" "$(echo "$cost / $text_cost" | bc -l)"
  done
  exit 0
fi

printf '%-6s %9s %14s %15s %10s\n' format "file MB" "file MB/s" "prose MB/s" "vs text"
text_rate=""
for fmt in text html json jsonl srt vtt; do
  bytes=$(find "$tmp/$fmt" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
  secs=$(best_of_3 "$bin" check --isolated --format jsonl --threads 1 ${MTLINT_BENCH_ARGS:-} "$tmp/$fmt")
  file_rate=$(echo "$bytes / 1000000 / $secs" | bc -l)
  prose_rate=$(echo "$prose_bytes / 1000000 / $secs" | bc -l)
  [ -n "$text_rate" ] || text_rate=$prose_rate
  printf '%-6s %9.1f %14.1f %15.1f %9.2fx\n' "$fmt" "$(echo "$bytes / 1000000" | bc -l)" \
    "$file_rate" "$prose_rate" "$(echo "$prose_rate / $text_rate" | bc -l)"
done
