#!/usr/bin/env bash
# Measures the lexicon detector on spun text, as the spinner issue defines it:
#   - the share of spun words flagged, and, of those, the share whose first suggestion is the
#     original word (per occurrence, and averaged per spinner pair);
#   - warnings per 10,000 words on clean French.
# Sets: ../shared/corpus/dev/spun (its own spinner vocabulary), and the clean French of
# ../shared/corpus/dev/clean spun again with scripts/eval/spin-table-heldout.tsv (a second,
# independent vocabulary) by ../shared/tools/spin.py. Needs the ../shared folder beside the
# repository; the build and the tests do not.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shared="${MTLINT_SHARED:-$root/../shared}"
cd "$root"
cargo build --release --quiet
bin="$root/target/release/mtlint"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 "$shared/tools/spin.py" scripts/eval/spin-table-heldout.tsv "$shared/corpus/dev/clean" \
    "$tmp/heldout" --seed 7 > /dev/null
for set in "$shared/corpus/dev/spun" "$tmp/heldout"; do
  python3 "$shared/tools/adapt_mtlint.py" "$bin" "$set" > "$tmp/found.jsonl"
  python3 - "$shared/tools" "$set" "$tmp/found.jsonl" <<'PY'
import collections, json, sys
sys.path.insert(0, sys.argv[1])
import score
folder, found = sys.argv[2], sys.argv[3]
gold = score.load_gold(folder + "/gold.jsonl", folder)
by_file = collections.defaultdict(list)
for line in open(found):
    d = json.loads(line)
    by_file[d["file"]].append(d)
flagged = first = 0
pairs = collections.defaultdict(lambda: [0, 0])
for g in gold:
    hits = [d for d in by_file[g["file"]] if d["start"] < g["end"] and d["end"] > g["start"]]
    if not hits:
        continue
    flagged += 1
    suggestions = [e["replacement"] for d in hits for e in d["edits"]]
    right = bool(suggestions) and suggestions[0].lower() == g["fix"].lower()
    first += right
    pair = pairs[(g["text"].lower(), g["fix"])]
    pair[0] += right
    pair[1] += 1
macro = sum(r / n for r, n in pairs.values()) / max(len(pairs), 1)
name = "dev/spun" if "dev/spun" in folder else "held-out vocabulary"
print(f"{name}: {len(gold)} spun words, flagged {flagged} ({flagged / len(gold):.1%}); "
      f"original first {first} ({first / max(flagged, 1):.1%} of flagged; "
      f"{macro:.1%} averaged per pair)")
PY
done
"$bin" check --format jsonl "$shared/corpus/dev/clean" > "$tmp/clean.jsonl" || true
words=$(cat "$shared"/corpus/dev/clean/*.txt | wc -w)
warnings=$(grep -vc '"severity":"info"' "$tmp/clean.jsonl" || true)
python3 -c "import sys; w, n = int(sys.argv[1]), int(sys.argv[2]); print(f'dev/clean: {n} warnings in {w} words = {n * 10000 / w:.2f} per 10,000 words')" "$words" "$warnings"
