#!/usr/bin/env bash
# Instruction-count benchmark for mtlint: a deterministic companion to throughput.sh.
#
# Wall-clock time on a shared or virtual machine varies by 20% or more from run to run;
# the number of instructions a run executes (counted by valgrind's callgrind) does not.
# This script counts them for mtlint and for a reference build (e.g. an earlier commit)
# on the same corpus, on its first third, and on one tiny file. The per-byte cost is the
# difference between the whole corpus and its first third, divided by the bytes between
# them: one-time work is left out, start-up (loading packs and lexicons, shown apart from
# the tiny file) and what the first documents trigger once (regular expressions compiled on
# first use, the phrase automaton made a DFA after 256 kB).
#
# The corpus replicates fixtures/seeds/*.txt (each file = every seed concatenated) into
# MTLINT_BENCH_FILES files (default 100, about 2 MB).
#
# Usage:
#   MTLINT_BENCH_REFERENCE=/path/to/other/mtlint benches/instructions.sh
#   MTLINT_BENCH_WITHOUT_PACK=rules/grammar-fr.toml benches/instructions.sh
#       # also count this build without the rules of that pack (--ignore each of its ids)
# Needs valgrind (apt-get install valgrind).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
files="${MTLINT_BENCH_FILES:-100}"
reference="${MTLINT_BENCH_REFERENCE:-}"
bin="$root/target/release/mtlint"
command -v valgrind > /dev/null || { echo "valgrind not found (apt-get install valgrind)" >&2; exit 2; }

echo "building release binary..." >&2
cargo build --release --quiet

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/corpus"
cat fixtures/seeds/*.txt > "$tmp/unit"
mkdir -p "$tmp/third"
for ((i = 0; i < files; i++)); do
  cp "$tmp/unit" "$tmp/corpus/f$i.txt"
  ((i < files / 3)) && cp "$tmp/unit" "$tmp/third/f$i.txt"
done
head -c 2000 "$tmp/unit" > "$tmp/tiny.txt"
bytes=$(cat "$tmp"/corpus/* | wc -c)
third_bytes=$(cat "$tmp"/third/* | wc -c)

# instructions BINARY PATH [ARG...]: instructions executed by one single-threaded check of
# PATH, with the extra check arguments ARG.
instructions() {
  local binary=$1 path=$2
  shift 2
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" \
    "$binary" check --format jsonl --threads 1 "$@" "$path" > /dev/null 2> "$tmp/cg.err" || true
  grep -o 'refs: *[0-9,]*' "$tmp/cg.err" | tr -dc '0-9'
}

# report NAME BINARY [ARG...]
report() {
  local name=$1 binary=$2
  shift 2
  local total third start
  total=$(instructions "$binary" "$tmp/corpus" "$@")
  third=$(instructions "$binary" "$tmp/third" "$@")
  start=$(instructions "$binary" "$tmp/tiny.txt" "$@")
  echo "$name|$total|$third|$start"
}

rows="$(report mtlint "$bin")"
[ -n "$reference" ] && rows+=$'\n'"$(report reference "$reference")"
without_pack="${MTLINT_BENCH_WITHOUT_PACK:-}"
if [ -n "$without_pack" ]; then
  ids="$(sed -n 's/^id = "\(.*\)"/\1/p' "$without_pack" | paste -sd, -)"
  [ -n "$ids" ] || { echo "no rule ids in $without_pack" >&2; exit 2; }
  rows+=$'\n'"$(report without "$bin" --ignore "$ids")"
fi
python3 - "$bytes" "$third_bytes" "$rows" <<'EOF'
import sys
nbytes, third_bytes, rows = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
res = {}
print(f"\ncorpus: {nbytes / 1e6:.1f} MB in files of every seed\n")
print(f"{'build':<10} {'instructions':>15} {'start-up':>13} {'per byte':>9}")
for line in rows.strip().splitlines():
    name, total, third, start = line.split("|")
    total, third, start = int(total), int(third), int(start)
    res[name] = (total - third) / (nbytes - third_bytes)
    print(f"{name:<10} {total:>15,} {start:>13,} {res[name]:>9.0f}")
if "without" in res:
    print(f"\nper-byte cost: with the pack's rules / without them = {res['mtlint'] / res['without']:.2f}")
if "reference" in res:
    print(f"\nper-byte cost: mtlint / reference = {res['mtlint'] / res['reference']:.2f}")
EOF
