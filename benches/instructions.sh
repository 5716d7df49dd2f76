#!/usr/bin/env bash
# Instruction-count benchmark for mtlint: a deterministic companion to throughput.sh.
#
# Wall-clock time on a shared or virtual machine varies by 20% or more from run to run;
# the number of instructions a run executes (counted by valgrind's callgrind) does not.
# This script counts them for mtlint and for a reference build (e.g. an earlier commit)
# on the same corpus, and separately on one tiny file, so that the one-time start-up
# (loading packs and lexicons) and the per-byte cost can be told apart.
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
for ((i = 0; i < files; i++)); do cp "$tmp/unit" "$tmp/corpus/f$i.txt"; done
head -c 2000 "$tmp/unit" > "$tmp/tiny.txt"
bytes=$(cat "$tmp"/corpus/* | wc -c)

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
  local total start
  total=$(instructions "$binary" "$tmp/corpus" "$@")
  start=$(instructions "$binary" "$tmp/tiny.txt" "$@")
  echo "$name|$total|$start"
}

rows="$(report mtlint "$bin")"
[ -n "$reference" ] && rows+=$'\n'"$(report reference "$reference")"
without_pack="${MTLINT_BENCH_WITHOUT_PACK:-}"
if [ -n "$without_pack" ]; then
  ids="$(sed -n 's/^id = "\(.*\)"/\1/p' "$without_pack" | paste -sd, -)"
  [ -n "$ids" ] || { echo "no rule ids in $without_pack" >&2; exit 2; }
  rows+=$'\n'"$(report without "$bin" --ignore "$ids")"
fi
python3 - "$bytes" "$rows" <<'EOF'
import sys
nbytes, rows = int(sys.argv[1]), sys.argv[2]
res = {}
print(f"\ncorpus: {nbytes / 1e6:.1f} MB in files of every seed\n")
print(f"{'build':<10} {'instructions':>15} {'start-up':>13} {'per byte':>9}")
for line in rows.strip().splitlines():
    name, total, start = line.split("|")
    total, start = int(total), int(start)
    res[name] = (total - start) / nbytes
    print(f"{name:<10} {total:>15,} {start:>13,} {res[name]:>9.0f}")
if "without" in res:
    print(f"\nper-byte cost: with the pack's rules / without them = {res['mtlint'] / res['without']:.2f}")
if "reference" in res:
    print(f"\nper-byte cost: mtlint / reference = {res['mtlint'] / res['reference']:.2f}")
EOF
