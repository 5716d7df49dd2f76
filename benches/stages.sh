#!/usr/bin/env bash
# Where the instructions of a check go: per stage of a document's check (preparation, phrase
# rules, grammar rules, each other rule, judging the diagnostics, output and reading), per
# rule and per kind of rule, in instructions per byte.
#
# A build with the `stage-marks` feature (in target/stages, apart from the release build)
# writes a mark to standard error at the end of each stage; callgrind dumps its count at
# each mark, so each dump holds the instructions of one stage of one document. The corpus
# replicates fixtures/seeds/*.txt (each file = every seed concatenated) into
# MTLINT_BENCH_FILES files (default 40), checked on one thread with jsonl output as
# benches/instructions.sh does; the first half of the files is left out, so that start-up
# and the caches that the first documents fill (lazy automata, per-thread memos) do not
# count. A stage's first use of a lazily built document field (words, lines, sentences)
# counts in that stage.
#
# Usage: benches/stages.sh            # needs valgrind and python3
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
files="${MTLINT_BENCH_FILES:-40}"
command -v valgrind > /dev/null || { echo "valgrind not found (apt-get install valgrind)" >&2; exit 2; }

echo "building with stage marks..." >&2
cargo build --release --quiet --features stage-marks --target-dir target/stages
bin="$root/target/stages/release/mtlint"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/corpus" "$tmp/dumps"
cat fixtures/seeds/*.txt > "$tmp/unit"
for ((i = 0; i < files; i++)); do cp "$tmp/unit" "$(printf '%s/corpus/f%04d.txt' "$tmp" "$i")"; done
"$bin" rules --json > "$tmp/rules.json"
valgrind --tool=callgrind --dump-after='mtlint::stages::end' --dump-instr=no \
  --callgrind-out-file="$tmp/dumps/cg.out" \
  "$bin" check --isolated --format jsonl --threads 1 "$tmp/corpus" > /dev/null 2> "$tmp/marks" || true
python3 benches/stages.py "$tmp/marks" "$tmp/dumps" "$tmp/rules.json" "$files" "$(stat -c %s "$tmp/unit")"
