#!/usr/bin/env bash
# The suggestions for the English words real machine translation left: over the documents of
# ../shared/corpus/dev-mt (Apertium's French), each `english-leftover/english-word` diagnostic
# whose word scripts/eval/dev-mt-translations.tsv translates is graded: first suggestion (the
# fix, or the first candidate listed without one) among the translations, fixes right and
# wrong (per occurrence, and averaged per distinct word: one word can fill a document set).
# Printed for each half of the documents (odd numbers: may be tuned on; even: held out,
# as scripts/eval/dev-mt-halves.sh splits them), and for each origin.
# Usage: scripts/eval/dev-mt-suggestions.sh [BIN]        (BIN: default target/release/mtlint)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shared="${MTLINT_SHARED:-$root/../shared}"
bin="${1:-$root/target/release/mtlint}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for origin in auto translated spun; do
  "$bin" check --format jsonl --origin "$origin" "$shared"/corpus/dev-mt/docs/*.txt \
    > "$tmp/found.jsonl" 2> /dev/null || true
  python3 - "$root/scripts/eval/dev-mt-translations.tsv" "$origin" "$tmp/found.jsonl" <<'PY'
import collections, json, os, re, sys
table, origin, found = sys.argv[1:4]
right = {}
for line in open(table, encoding="utf-8"):
    if line.strip() and not line.startswith("#"):
        word, forms = line.rstrip("\n").split("\t")
        right[word] = {f.lower() for f in forms.split(",")}
counts = {half: collections.Counter() for half in ("odd", "even")}
by_word = {half: collections.defaultdict(list) for half in ("odd", "even")}
for line in open(found, encoding="utf-8"):
    d = json.loads(line)
    if d["rule"] != "english-leftover/english-word":
        continue
    word = d["message"][1:d["message"].find("\u201d")].lower()
    if word not in right:
        continue
    half = "odd" if int(os.path.basename(d["path"])[:3]) % 2 else "even"
    if d.get("fix"):
        first = d["fix"]["edits"][0]["replacement"].lower()
    else:
        listed = re.search(r"most likely the French \u201c([^\u201d]*)\u201d", d["message"])
        first = listed.group(1).lower() if listed else ""
    c = counts[half]
    c["graded"] += 1
    c["right"] += first in right[word]
    by_word[half][word].append(first in right[word])
    if d.get("fix"):
        c["fix right" if first in right[word] else "fix wrong"] += 1
for half, c in counts.items():
    name = "odd (tuned)" if half == "odd" else "even (held out)"
    graded, first_right = c["graded"], c["right"]
    words = by_word[half]
    per_word = sum(sum(v) / len(v) for v in words.values()) / max(len(words), 1)
    print(f"--origin {origin}, {name} documents: {graded} words graded, first suggestion "
          f"right {first_right} ({first_right / max(graded, 1):.1%}; {per_word:.1%} averaged "
          f"over {len(words)} distinct words); fixes right {c['fix right']}, wrong "
          f"{c['fix wrong']}")
PY
done
