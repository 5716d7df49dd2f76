#!/usr/bin/env bash
# Untranslated-word recall and false alarms on the two halves of ../shared/corpus/dev-mt: odd
# document numbers (the half rules may be tuned on) and even ones (held out: never looked at
# while writing rules). Runs dev-mt's own score.py on each half, then counts, per 1,000 words,
# the leftover diagnostics that overlap no untranslated word (false alarms), apart from those on
# names and code, which the gold marks but does not count as leftovers.
# Usage: scripts/eval/dev-mt-halves.sh [BIN] [--misses]     (BIN: default target/release/mtlint)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shared="${MTLINT_SHARED:-$root/../shared}"
corpus="$shared/corpus/dev-mt"
bin="${1:-$root/target/release/mtlint}"
shift || true
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for half in tuned held-out; do
  mkdir -p "$tmp/$half/docs"
  if [ "$half" = tuned ]; then parity=1; else parity=0; fi
  for doc in "$corpus"/docs/*.txt; do
    number=$((10#$(basename "$doc" .txt)))
    [ $((number % 2)) -eq "$parity" ] && ln -s "$doc" "$tmp/$half/docs/"
  done
  python3 - "$corpus/gold.jsonl" "$tmp/$half" <<'PY'
import json, os, sys
gold, folder = sys.argv[1], sys.argv[2]
keep = set(os.listdir(os.path.join(folder, 'docs')))
with open(os.path.join(folder, 'gold.jsonl'), 'w') as out:
    for line in open(gold):
        if line.strip() and json.loads(line)['file'] in keep:
            out.write(line)
PY
  echo "== dev-mt, $half half ($(ls "$tmp/$half/docs" | wc -l) documents)"
  python3 "$corpus/score.py" "$bin" "$tmp/$half" "$@" > "$tmp/$half.out"
  python3 - "$tmp/$half.out" <<'PY'
import json, sys
text = open(sys.argv[1]).read()
end = text.index('\n}') + 2
res = json.loads(text[:end])
words = res['words']
eng = res['english-leftover']
other = res['other-leftover']
print(f"english-leftover recall {eng['recall']:.3f} ({eng['found']}/{eng['n']}; not valid French "
      f"{eng['not_valid_french']}, valid French {eng['valid_french']}, compounds {eng['compound']}); "
      f"other-leftover recall {other['recall']:.3f} ({other['found']}/{other['n']})")
no_gold = res['leftover_diagnostics_on_no_gold_item']
names = res['name']['found']
print(f"{words} words: false alarms {no_gold} ({1000 * no_gold / words:.2f} per 1,000 words); "
      f"names or code flagged {names}/{res['name']['n']} ({1000 * names / words:.2f} per 1,000 words)")
print('other categories per 1,000 words:', res['other_categories_per_1k_words'])
rest = text[end:].strip()
if rest:
    print(rest)
PY
done
