#!/usr/bin/env bash
# Doubling benchmark: does mtlint's time and memory grow linearly with the size of one input?
#
# For each shape of text and each size (1, 2, 4 ... MB, doubling), builds one file and times
#   mtlint check --isolated --format jsonl --threads 1 FILE > /dev/null
# with /usr/bin/time (wall seconds and peak resident memory), best of MTLINT_SCALE_RUNS runs.
# Shapes:
#   lf        the seed corpus (fixtures/seeds) repeated: paragraphs with LF line breaks
#   crlf      the same with CRLF line breaks
#   oneline   the same with every line break turned into a space: one long line
#   flagged   short distinct lines that every one holds two problems (a spinner word, a
#             missing space after a full stop)
#   layered   distinct lines that every one holds problems reported over one another: grammar
#             errors, a spinner word the grammar also trips on ("la drive", reported once), and
#             an English passage whose words are part of its report
#   suppressed  the flagged lines, each after a suppression comment that silences it
#   alike     distinct lines that all begin with the same 100 bytes, as a log or a template
#             writes them (lines are told apart by their whole text, not only their start)
#   elision   distinct lines that every one lacks two elisions ("le arbre"), in a text written
#             with straight apostrophes only (a fix writes the document's kind of apostrophe)
#   layered-fix   the layered text fixed in place (`--fix --unsafe-fixes` on a copy) instead
#             of checked: five fixes a line, many of them next to one another
# A step is linear when doubling the input doubles the time: the table prints each step's
# ratio, and the verdict flags a step whose ratio exceeds 2 by more than 10 %. Small inputs
# are dominated by start-up; each ratio is computed on time minus the start-up of an empty file.
#
# Usage: benches/scaling.sh                       # sizes 1 2 4 8 16 MB, every shape
#        MTLINT_SCALE_SIZES="1 2 4 8 16 32 64" MTLINT_SCALE_SHAPES="lf oneline" benches/scaling.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
sizes="${MTLINT_SCALE_SIZES:-1 2 4 8 16}"
shapes="${MTLINT_SCALE_SHAPES:-lf crlf oneline flagged layered suppressed alike elision layered-fix}"
runs="${MTLINT_SCALE_RUNS:-2}"
bin="${MTLINT_BIN:-$root/target/release/mtlint}"
[ -x /usr/bin/time ] || { echo "/usr/bin/time not found (apt-get install time)" >&2; exit 2; }
if [ -z "${MTLINT_BIN:-}" ]; then
  echo "building release binary..." >&2
  cargo build --release --quiet
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# make SHAPE MB FILE
make_input() {
  python3 - "${1%-fix}" "$2" "$3" fixtures/seeds <<'PY'
import glob, sys
shape, mb, out, seeds = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
target = mb * 1_000_000
if shape == "flagged":
    unit = "".join(f"Ligne {i} : le cupboard de l’État.Mais la suite est correcte.\n" for i in range(2000))
elif shape == "suppressed":
    unit = "".join("<!-- mtlint-disable-next-line spinner-synonym, punctuation -->\n"
                   f"Ligne {i} : le cupboard de l’État.Mais la suite est correcte.\n" for i in range(2000))
elif shape == "layered":
    unit = "".join(f"Ligne {i} : les gens aiment le cupboard mais ils a une problème avec la drive, "
                   "read the full story here.\n" for i in range(2000))
elif shape == "elision":
    unit = "".join(f"Ligne {i} : le arbre de le homme n'est pas là.\n" for i in range(2000))
elif shape == "alike":
    start = "Journal du serveur : la sauvegarde quotidienne de la base a été faite sans erreur pour "
    lines, size, i = [], 0, 0
    while size < target:
        line = f"{start}le client numéro {i} et la table {i * 7919 % 100003}.\n"
        lines.append(line)
        size += len(line.encode())
        i += 1
    unit = "".join(lines)
else:
    unit = "".join(open(p, encoding="utf-8").read() for p in sorted(glob.glob(seeds + "/*.txt")))
    if shape == "crlf":
        unit = unit.replace("\n", "\r\n")

    elif shape == "oneline":
        unit = unit.replace("\n", " ")
copies = max(1, target // len(unit.encode()))
with open(out, "w", encoding="utf-8", newline="") as f:
    for _ in range(copies):
        f.write(unit)
PY
}

# measure FILE [fix] → "seconds kilobytes" (best of $runs); with `fix`, the time of fixing a
# fresh copy of FILE in place rather than of checking it
measure() {
  local best_s="" best_kb="" target="$1" flags=()
  if [ "${2:-}" = fix ]; then
    target="$tmp/fixing.txt"
    flags=(--fix --unsafe-fixes)
  fi
  for ((r = 0; r < runs; r++)); do
    [ "$target" = "$1" ] || cp "$1" "$target"
    /usr/bin/time -f "%e %M" -o "$tmp/time" "$bin" check --isolated "${flags[@]}" --format jsonl --threads 1 "$target" > /dev/null 2> "$tmp/err" || {
      code=$?
      if [ "$code" -ne 1 ]; then cat "$tmp/err" >&2; exit 2; fi
    }
    read -r s kb < <(tail -n 1 "$tmp/time")
    if [ -z "$best_s" ] || python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$s" "$best_s"; then
      best_s=$s; best_kb=$kb
    fi
  done
  echo "$best_s $best_kb"
}

: > "$tmp/empty.txt"
read -r startup _ <<< "$(measure "$tmp/empty.txt")"
results=""
for shape in $shapes; do
  for mb in $sizes; do
    file="$tmp/$shape-$mb.txt"
    make_input "$shape" "$mb" "$file"
    bytes=$(stat -c %s "$file")
    mode=check
    [ "$shape" = "${shape%-fix}" ] || mode=fix
    read -r s kb <<< "$(measure "$file" "$mode")"
    results+="$shape $mb $bytes $s $kb"$'\n'
    rm -f "$file" "$tmp/fixing.txt"
  done
done

python3 - "$startup" "$results" <<'PY'
import sys
startup, rows = float(sys.argv[1]), sys.argv[2].strip().splitlines()
print(f"\nstart-up (empty file): {startup:.3f} s\n")
print(f"{'shape':<11} {'MB':>6} {'seconds':>8} {'MB/s':>7} {'peak MB':>8} {'time x':>7} {'memory x':>8}")
verdict = []
previous = {}
for row in rows:
    shape, mb, size, s, kb = row.split()
    size, s, peak = int(size), float(s), int(kb) / 1024
    work = max(s - startup, 1e-3)
    step_t = step_m = ""
    if shape in previous:
        p_size, p_work, p_peak = previous[shape]
        scale = size / p_size
        t_ratio = work / p_work * 2 / scale
        m_ratio = peak / p_peak * 2 / scale
        step_t, step_m = f"{t_ratio:.2f}", f"{m_ratio:.2f}"
        if t_ratio > 2.2 and work > 0.2:
            verdict.append(f"{shape}: time x{t_ratio:.2f} from {p_size / 1e6:.0f} to {size / 1e6:.0f} MB")
    previous[shape] = (size, work, peak)
    print(f"{shape:<11} {size / 1e6:>6.1f} {s:>8.2f} {size / 1e6 / max(s, 1e-3):>7.1f} {peak:>8.0f} {step_t:>7} {step_m:>8}")
print()
print("superlinear steps: " + ("; ".join(verdict) if verdict else "none (every doubling within 10 % of linear)"))
PY
