#!/usr/bin/env bash
# Throughput benchmark for mtlint.
#
# What it measures: wall-clock time and MB/s of
#   - mtlint check --format jsonl --threads 1 DIR   (one core)
#   - mtlint check --format jsonl DIR               (all cores)
#   - rg -j1 -F -c worldwide DIR / rg -F -c worldwide DIR  (ripgrep, as a
#     "how fast can the files be read and scanned" reference)
#   - cat of every file (one process per batch of files, as find -exec + runs it): reading alone
# on a corpus built by replicating fixtures/seeds/*.txt into a temporary folder
# (~MTLINT_BENCH_MB megabytes, 1 MB = 10^6 bytes, in a few thousand files over
# subfolders). Each replica file is the concatenation of every seed.
#
# Timing uses hyperfine (--warmup 1 --runs 3, mean) when installed, otherwise
# the best of 3 runs timed with `date` (after one warm-up run).
# mtlint exits 1 when it reports problems and rg exits 1 when nothing matches:
# both count as success; any other exit code aborts the benchmark.
#
# Usage (from anywhere):
#   benches/throughput.sh                   # ~50 MB
#   MTLINT_BENCH_MB=200 benches/throughput.sh
#   MTLINT_BENCH_FILE_BYTES=4000 benches/throughput.sh   # ~12,500 files of ~4 kB
#   MTLINT_BENCH_SEEDS=other/seeds benches/throughput.sh   # other seed folder
#   MTLINT_BENCH_REFERENCE=/path/to/mtlint benches/throughput.sh
#       # also time another mtlint build (e.g. an earlier commit) on one core, same corpus
#   MTLINT_BENCH_WITHOUT_PACK=rules/grammar-fr.toml benches/throughput.sh
#       # also time this build on one core without the rules of that pack (--ignore each of
#       # its ids): what those rules cost, on the same build and corpus
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mb="${MTLINT_BENCH_MB:-50}"
files_per_dir=100
cores="$(nproc)"
bin="$root/target/release/mtlint"

shopt -s nullglob
seed_dir="${MTLINT_BENCH_SEEDS:-fixtures/seeds}"
seeds=("$seed_dir"/*.txt)
((${#seeds[@]})) || { echo "no seed files in $seed_dir" >&2; exit 2; }

echo "building release binary..." >&2
cargo build --release --quiet

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Build the corpus: one file = all seeds concatenated; one subfolder holds
# $files_per_dir copies; the subfolder is copied until the target size.
# MTLINT_BENCH_FILE_BYTES=N cuts that text at paragraph ends into files of about N bytes
# instead (4000: about 12,500 files in 50 MB, as a corpus of web pages or records comes).
cat "${seeds[@]}" > "$tmp/unit"
file_bytes="${MTLINT_BENCH_FILE_BYTES:-}"
if [ -n "$file_bytes" ]; then
  python3 - "$tmp" "$mb" "$file_bytes" "$files_per_dir" <<'PY'
import os, sys
tmp, mb, size, per_dir = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
text = open(os.path.join(tmp, "unit"), "rb").read()
pieces, current = [], b""
for paragraph in text.split(b"\n\n"):
    current += paragraph + b"\n\n"
    if len(current) >= size:
        pieces.append(current)
        current = b""
if current:
    pieces.append(current)
total, n = 0, 0
while total < mb * 1000000:
    folder = os.path.join(tmp, "corpus", "d%04d" % (n // per_dir))
    os.makedirs(folder, exist_ok=True)
    piece = pieces[n % len(pieces)]
    open(os.path.join(folder, "f%d.txt" % (n % per_dir)), "wb").write(piece)
    total += len(piece)
    n += 1
PY
  corpus="$tmp/corpus"
else
unit_bytes=$(stat -c %s "$tmp/unit")
nfiles=$(( (mb * 1000000 + unit_bytes - 1) / unit_bytes ))
ndirs=$(( (nfiles + files_per_dir - 1) / files_per_dir ))
corpus="$tmp/corpus"
mkdir -p "$corpus/d0000"
for ((i = 0; i < files_per_dir; i++)); do cp "$tmp/unit" "$corpus/d0000/f$i.txt"; done
for ((d = 1; d < ndirs; d++)); do cp -r "$corpus/d0000" "$(printf '%s/d%04d' "$corpus" "$d")"; done
# Trim the last subfolder so the file count is exact.
for ((i = nfiles - (ndirs - 1) * files_per_dir; i < files_per_dir; i++)); do
  rm -f "$(printf '%s/d%04d/f%d.txt' "$corpus" $((ndirs - 1)) "$i")"
done
fi
total_bytes=$(find "$corpus" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
nfiles=$(find "$corpus" -type f | wc -l)

# name|threads|command   (exit code 1 is tolerated, >1 fails)
ok='|| [ $? -eq 1 ]'
benches=(
  "mtlint 1 thread|1|$bin check --format jsonl --threads 1 $corpus > /dev/null $ok"
  "mtlint $cores threads|$cores|$bin check --format jsonl $corpus > /dev/null $ok"
)
reference="${MTLINT_BENCH_REFERENCE:-}"
if [ -n "$reference" ]; then
  benches+=("reference 1 thread|1|$reference check --format jsonl --threads 1 $corpus > /dev/null $ok")
fi
without_pack="${MTLINT_BENCH_WITHOUT_PACK:-}"
if [ -n "$without_pack" ]; then
  ids="$(sed -n 's/^id = "\(.*\)"/\1/p' "$without_pack" | paste -sd, -)"
  [ -n "$ids" ] || { echo "no rule ids in $without_pack" >&2; exit 2; }
  benches+=("without pack 1 thread|1|$bin check --format jsonl --threads 1 --ignore $ids $corpus > /dev/null $ok")
fi
if command -v rg > /dev/null; then
  benches+=(
    "rg -j1|1|rg -j1 -F -c worldwide $corpus > /dev/null $ok"
    "rg|$cores|rg -F -c worldwide $corpus > /dev/null $ok"
  )
else
  echo "ripgrep not found: skipping the rg reference (apt-get install ripgrep)" >&2
fi
# cat: reading every file once, the floor of any tool over the same corpus.
benches+=("cat|1|find $corpus -type f -exec cat {} + > /dev/null")

declare -A secs
if command -v hyperfine > /dev/null; then
  args=()
  for b in "${benches[@]}"; do IFS='|' read -r name _ cmd <<< "$b"; args+=(-n "$name" "$cmd"); done
  hyperfine --style basic --warmup 1 --runs 3 --export-json "$tmp/hf.json" "${args[@]}" >&2
  python3 -c 'import json, sys
for r in json.load(open(sys.argv[1]))["results"]: print(r["command"] + "|" + str(r["mean"]))' \
    "$tmp/hf.json" > "$tmp/means"
  while IFS='|' read -r name mean; do secs[$name]=$mean; done < "$tmp/means"
else
  echo "hyperfine not found: timing with date, best of 3 (apt-get install hyperfine)" >&2
  for b in "${benches[@]}"; do
    IFS='|' read -r name _ cmd <<< "$b"
    sh -c "$cmd"   # warm-up
    best=""
    for _ in 1 2 3; do
      t0=$(date +%s.%N); sh -c "$cmd"; t1=$(date +%s.%N)
      best=$(python3 -c "import sys; d=float(sys.argv[2])-float(sys.argv[1]); b=sys.argv[3]; print(min(d, float(b)) if b else d)" "$t0" "$t1" "$best")
    done
    secs[$name]=$best
  done
fi

# Report.
rows=""
for b in "${benches[@]}"; do
  IFS='|' read -r name threads _ <<< "$b"
  rows+="$name|$threads|${secs[$name]}"$'\n'
done
python3 - "$total_bytes" "$nfiles" "$cores" "$rows" <<'EOF'
import sys
total, nfiles, cores, rows = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
mb = total / 1e6
res = {}
print(f"\ncorpus: {mb:.1f} MB in {nfiles} files; nproc = {cores}\n")
print(f"{'run':<20} {'threads':>7} {'seconds':>9} {'MB/s':>10} {'MB/s/core':>10}")
for line in rows.strip().splitlines():
    name, threads, s = line.split("|")
    threads, s = int(threads), float(s)
    res[name] = mb / s
    print(f"{name:<20} {threads:>7} {s:>9.3f} {mb / s:>10.1f} {mb / s / threads:>10.1f}")
print()
if "reference 1 thread" in res:
    ref = res["reference 1 thread"]
    print(f"mtlint 1 thread: {res['mtlint 1 thread']:.1f} MB/s; reference build: {ref:.1f} MB/s; "
          f"reference is {ref / res['mtlint 1 thread']:.2f}x as fast")
if "without pack 1 thread" in res:
    without = res["without pack 1 thread"]
    print(f"mtlint 1 thread: {res['mtlint 1 thread']:.1f} MB/s; without the pack's rules: "
          f"{without:.1f} MB/s; with them, {100 * (without / res['mtlint 1 thread'] - 1):.1f} % slower")
for mt, rg, label in [("mtlint 1 thread", "rg -j1", "rg -j1"), (f"mtlint {cores} threads", "rg", "rg")]:
    if rg in res:
        print(f"{mt}: {res[mt]:.1f} MB/s ({label}: {res[rg]:.0f} MB/s; ratio {res[mt] / res[rg]:.3f}; "
              f"cat: {res['cat']:.0f} MB/s; ratio {res[mt] / res['cat']:.3f})")
    else:
        print(f"{mt}: {res[mt]:.1f} MB/s (cat: {res['cat']:.0f} MB/s; ratio {res[mt] / res['cat']:.3f})")
EOF
