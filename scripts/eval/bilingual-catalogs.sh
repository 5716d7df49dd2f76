#!/usr/bin/env bash
# The bilingual checks on real catalogs: this machine's French system catalogs
# (/usr/share/locale/fr/LC_MESSAGES/*.mo, converted with msgunfmt and msgconv to UTF-8 PO), split
# by name into a dev half (even positions, used for tuning) and a held-out half (odd positions,
# never tuned on). For each half: mtlint's translation/* diagnostics per check and per 10,000
# translated words, and translate-toolkit's pofilter (all its checks, default options) flags
# per check, both timed in the same run. Human translations: most diagnostics there are
# deliberate choices (jargon kept in English, names), so the counts measure noise.
# Needs gettext (msgunfmt, msgconv) and, for the comparison, pofilter (pip install
# translate-toolkit); MTLINT_EVAL_KEEP=DIR keeps the catalogs and the reports in DIR.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
cargo build --release --quiet
bin="$root/target/release/mtlint"
work="${MTLINT_EVAL_KEEP:-$(mktemp -d)}"
[ -n "${MTLINT_EVAL_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work/dev" "$work/held"
i=0
for mo in $(ls /usr/share/locale/fr/LC_MESSAGES/*.mo | sort); do
  half=$([ $((i % 2)) -eq 0 ] && echo dev || echo held)
  po="$work/$half/$(basename "$mo" .mo).po"
  msgunfmt "$mo" 2> /dev/null | msgconv --to-code=UTF-8 -o "$po" 2> /dev/null || rm -f "$po"
  i=$((i + 1))
done
seconds() { python3 -c 'import sys,time; print(f"{time.time():.3f}")'; }
for half in dev held; do
  bytes=$(cat "$work/$half"/*.po | wc -c)
  start=$(seconds)
  "$bin" check --isolated --threads 1 --format jsonl "$work/$half" > "$work/$half.jsonl" || true
  mtlint_s=$(python3 -c "print(round($(seconds) - $start, 2))")
  echo "== $half: $(ls "$work/$half" | wc -l) catalogs, $bytes bytes; mtlint (all rules, one thread) ${mtlint_s} s"
  python3 - "$work/$half" "$work/$half.jsonl" <<'PY'
import collections, glob, json, re, sys
folder, report = sys.argv[1:]
words = 0
for path in glob.glob(folder + "/*.po"):
    text = open(path, encoding="utf-8").read()
    for block in re.findall(r'^msgstr(?:\[\d+\])? ((?:".*"\n?)+)', text, re.M):
        words += len(re.findall(r"\w+", block.replace('\\n', ' ')))
counts = collections.Counter(json.loads(line)["rule"] for line in open(report))
total = sum(counts.values())
print(f"translated words (header included): {words}; all diagnostics {total} ({total * 1e4 / words:.1f} per 10k words)")
for rule, n in sorted(counts.items()):
    if rule.startswith("translation/"):
        print(f"  {rule:28} {n:6}  {n * 1e4 / words:6.2f} per 10k words")
PY
  if command -v pofilter > /dev/null; then
    start=$(seconds)
    pofilter --progress=none "$work/$half" "$work/$half.pofilter" > /dev/null 2>&1 || true
    pofilter_s=$(python3 -c "print(round($(seconds) - $start, 2))")
    flags=$(grep -rhoE '^# \(pofilter\) [a-z]+' "$work/$half.pofilter" | awk '{print $3}' | sort | uniq -c | sort -rn)
    echo "pofilter ${pofilter_s} s, $(echo "$flags" | awk '{s += $1} END {print s}') flags:"
    echo "$flags" | awk '{printf "%s=%s ", $2, $1} END {print ""}'
  fi
done
