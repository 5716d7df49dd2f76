#!/usr/bin/env bash
# Start-up benchmark for mtlint: what a run costs before and around its first document.
#
# What it measures, for mtlint and optionally a reference build (e.g. an earlier commit):
#   - the wall-clock time of `mtlint check FILE` on a one-line file ("Bonjour."), and of
#     `echo Bonjour. | mtlint check -` (the same through standard input): mean ± standard
#     deviation over MTLINT_BENCH_RUNS runs (default 50) after 5 warm-up runs, with
#     hyperfine when installed (apt-get install hyperfine), otherwise a loop timed with
#     `date` (mean only);
#   - the instructions the first run executes (valgrind's callgrind, when installed), which
#     do not vary from run to run as wall-clock time does on a shared machine.
# Everything such a run does is start-up: loading the rule packs, opening the lexicons,
# building the engine, and the one-time work the first document triggers.
#
# Usage (from anywhere):
#   benches/startup.sh
#   MTLINT_BENCH_REFERENCE=/path/to/other/mtlint benches/startup.sh
#   MTLINT_BENCH_RUNS=200 benches/startup.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs="${MTLINT_BENCH_RUNS:-50}"
reference="${MTLINT_BENCH_REFERENCE:-}"
bin="$root/target/release/mtlint"

echo "building release binary..." >&2
cargo build --release --quiet

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
printf 'Bonjour.\n' > "$tmp/one.txt"

builds=("mtlint|$bin")
[ -n "$reference" ] && builds+=("reference|$reference")

# wall NAME COMMAND: "NAME|mean ms|sd ms" of COMMAND (a shell command line).
wall() {
  local name=$1 command=$2
  if command -v hyperfine > /dev/null; then
    # mtlint exits 0 on this clean line; -i keeps a build that reports something timed too.
    # A command with a pipe runs through the shell, whose own start-up hyperfine subtracts.
    local shell=(-N)
    [[ "$command" == *"|"* ]] && shell=()
    hyperfine "${shell[@]}" -i --style none --warmup 5 --runs "$runs" \
      --export-json "$tmp/h.json" "$command" > /dev/null 2>&1
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%s|%.1f|%.1f" % (sys.argv[2], r["mean"]*1e3, r["stddev"]*1e3))' "$tmp/h.json" "$name"
  else
    for ((i = 0; i < 5; i++)); do bash -c "$command" > /dev/null 2>&1 || true; done
    local start end
    start=$(date +%s%N)
    for ((i = 0; i < runs; i++)); do bash -c "$command" > /dev/null 2>&1 || true; done
    end=$(date +%s%N)
    echo "$name|$(awk -v ns=$((end - start)) -v n="$runs" 'BEGIN { printf "%.1f", ns / n / 1e6 }')|-"
  fi
}

# instructions BINARY: instructions executed by one check of the one-line file.
instructions() {
  command -v valgrind > /dev/null || { echo "-"; return; }
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" \
    "$1" check "$tmp/one.txt" > /dev/null 2> "$tmp/cg.err" || true
  local count
  count="$(grep -o 'refs: *[0-9,]*' "$tmp/cg.err" | tr -dc '0-9' || true)"
  echo "${count:--}"
}

rows=""
for build in "${builds[@]}"; do
  name="${build%%|*}"
  binary="${build#*|}"
  file="$(wall "$name" "$binary check $tmp/one.txt")"
  stdin="$(wall "$name" "echo Bonjour. | $binary check -")"
  rows+="$file|${stdin#*|}|$(instructions "$binary")"$'\n'
done

python3 - "$runs" "$rows" <<'EOF'
import sys
runs, rows = sys.argv[1], sys.argv[2]
print(f"\none-line document, {runs} runs each (mean ± sd, ms); instructions of one run (callgrind)\n")
print(f"{'build':<10} {'check FILE':>14} {'check - (stdin)':>16} {'instructions':>14}")
for line in rows.strip().splitlines():
    name, mean, sd, smean, ssd, ins = line.split("|")
    ins = f"{int(ins):,}" if ins.isdigit() else ins
    print(f"{name:<10} {mean + ' ± ' + sd:>14} {smean + ' ± ' + ssd:>16} {ins:>14}")
print("\n(hyperfine subtracts the shell that runs the piped command; the timed loop used without\nhyperfine counts a shell in both columns)")
EOF
