#!/usr/bin/env bash
# Throughput of mtlint on the translation formats, one core: the machine's French system
# catalogs (/usr/share/locale/fr/LC_MESSAGES/*.mo) as gettext PO (msgunfmt), and the same
# catalogs as XLIFF 1.2 (po2xliff) and TMX (po2tmx) from translate-toolkit, each timed as
# `mtlint check --threads 1 --format jsonl DIR` (best of 3). Prints MB/s per format (1 MB =
# 10^6 bytes of files read). Needs gettext and translate-toolkit (pip install translate-toolkit).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cargo build --release --quiet
bin="${MTLINT_BENCH_BIN:-$root/target/release/mtlint}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/po" "$tmp/xliff" "$tmp/tmx"
for mo in /usr/share/locale/fr/LC_MESSAGES/*.mo; do
  name="$(basename "$mo" .mo)"
  msgunfmt "$mo" 2> /dev/null | msgconv --to-code=UTF-8 -o "$tmp/po/$name.po" 2> /dev/null || rm -f "$tmp/po/$name.po"
done
for po in "$tmp"/po/*.po; do
  name="$(basename "$po" .po)"
  po2xliff --progress=none -i "$po" -o "$tmp/xliff/$name.xlf" > /dev/null 2>&1 || rm -f "$tmp/xliff/$name.xlf"
  po2tmx --progress=none -l fr -i "$po" -o "$tmp/tmx/$name.tmx" > /dev/null 2>&1 || rm -f "$tmp/tmx/$name.tmx"
done
best() {
  local best=""
  for _ in 1 2 3; do
    local start end
    start=$(date +%s.%N)
    "$bin" check --isolated --threads 1 --format jsonl "$1" > /dev/null 2>&1 || true
    end=$(date +%s.%N)
    best=$(echo "$start $end $best" | awk '{t = $2 - $1; if ($3 == "" || t < $3) print t; else print $3}')
  done
  echo "$best"
}
for format in po xliff tmx; do
  bytes=$(find "$tmp/$format" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
  files=$(find "$tmp/$format" -type f | wc -l)
  seconds=$(best "$tmp/$format")
  echo "$format: $files files, $bytes bytes, ${seconds} s, $(echo "$bytes $seconds" | awk '{printf "%.2f", $1 / $2 / 1e6}') MB/s (one core)"
done
