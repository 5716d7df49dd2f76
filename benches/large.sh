#!/usr/bin/env bash
# One large input, checked part by part: time, MB/s and peak resident memory.
#
# Builds, in a temporary folder, one plain-text file (the seed corpus repeated), the same text on
# one line (every line break turned into a space: read in pieces of about 1 MB cut after a
# sentence) and one JSON Lines file (the seed paragraphs as records with an id) of
# MTLINT_LARGE_MB megabytes each (default 1000: 1 GB), and times
#   mtlint check --isolated --format summary-jsonl FILE            (every core)
#   mtlint check --isolated --format jsonl --threads 1 FILE        (one core)
# with /usr/bin/time. A large file is read in parts of 1 MB and never held whole: the peak
# memory stays flat whatever the size.
#
# Usage: benches/large.sh                 # 1 GB each
#        MTLINT_LARGE_MB=200 benches/large.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mb="${MTLINT_LARGE_MB:-1000}"
bin="${MTLINT_BIN:-$root/target/release/mtlint}"
[ -x /usr/bin/time ] || { echo "/usr/bin/time not found (apt-get install time)" >&2; exit 2; }
if [ -z "${MTLINT_BIN:-}" ]; then
  echo "building release binary..." >&2
  cargo build --release --quiet
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

python3 - "$mb" "$tmp" fixtures/seeds <<'PY'
import glob, json, sys
mb, out, seeds = int(sys.argv[1]), sys.argv[2], sys.argv[3]
target = mb * 1_000_000
texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(seeds + "/*.txt"))]
unit = "".join(texts).encode()
with open(f"{out}/large.txt", "wb") as f:
    written = 0
    while written < target:
        f.write(unit)
        written += len(unit)
one_line = unit.replace(b"\r\n", b" ").replace(b"\n", b" ")
with open(f"{out}/large-oneline.txt", "wb") as f:
    written = 0
    while written < target:
        f.write(one_line)
        written += len(one_line)
    f.write(b"\n")
paragraphs = [p for t in texts for p in t.split("\n\n") if p.strip()]
with open(f"{out}/large.jsonl", "wb") as f:
    written, i = 0, 0
    while written < target:
        line = (json.dumps({"id": i, "text": paragraphs[i % len(paragraphs)]}, ensure_ascii=False) + "\n").encode()
        f.write(line)
        written += len(line)
        i += 1
PY

run() {
  local label=$1
  shift
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$bin" "$@" > /dev/null 2> "$tmp/err" || {
    code=$?
    if [ "$code" -ne 1 ]; then cat "$tmp/err" >&2; exit 2; fi
  }
  read -r seconds kb < <(tail -n 1 "$tmp/time")
  echo "$label $seconds $kb"
}

{
  for file in large.txt large-oneline.txt large.jsonl; do
    size=$(stat -c %s "$tmp/$file")
    echo "size $file $size"
    run "$file all-cores" check --isolated --format summary-jsonl "$tmp/$file"
    run "$file one-core" check --isolated --format jsonl --threads 1 "$tmp/$file"
  done
} > "$tmp/results"

python3 - "$tmp/results" "$(nproc)" <<'PY'
import sys
sizes, rows = {}, []
for line in open(sys.argv[1]):
    parts = line.split()
    if parts[0] == "size":
        sizes[parts[1]] = int(parts[2])
    else:
        rows.append((parts[0], parts[1], float(parts[2]), int(parts[3])))
print(f"\n{'file':<19} {'threads':<10} {'MB':>7} {'seconds':>8} {'MB/s':>7} {'peak MB':>8}")
for file, threads, seconds, kb in rows:
    mb = sizes[file] / 1e6
    print(f"{file:<19} {threads:<10} {mb:>7.0f} {seconds:>8.1f} {mb / seconds:>7.1f} {kb / 1024:>8.0f}")
PY
