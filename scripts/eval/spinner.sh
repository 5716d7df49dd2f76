#!/usr/bin/env bash
# Measures the lexicon detector on spun text:
#   - the share of spun words flagged, and, of those, the share whose first suggestion is the
#     original word: the fix, or the first candidate listed when the evidence was too weak for
#     a fix (per occurrence, and averaged per spinner pair); the share whose fix is the original;
#     how many flagged words got no fix (first candidate below the no-fix threshold); and the
#     share whose original is among the suggestions at any rank (the fix or first candidate and
#     the other candidates listed): what ranking alone could reach;
#   - warnings per 10,000 words on clean French.
# Sets:
#   - ../shared/corpus/dev/spun (its own spinner vocabulary; the ranking is fitted on it);
#   - the clean French of ../shared/corpus/dev/clean spun with scripts/eval/spin-table-heldout.tsv
#     (a second vocabulary, used to tune earlier versions: not a clean held-out set);
#   - the French man pages of Debian's manpages-fr (sections 1, 5, 7, 8, rendered with groff)
#     spun with scripts/eval/spin-table-unseen.tsv (a vocabulary and a text never fitted or
#     tuned on; installs manpages-fr when missing).
# Needs the ../shared folder beside the repository; the build and the tests do not.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shared="${MTLINT_SHARED:-$root/../shared}"
cd "$root"
cargo build --release --quiet
bin="${MTLINT_BIN:-$root/target/release/mtlint}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 "$shared/tools/spin.py" scripts/eval/spin-table-heldout.tsv "$shared/corpus/dev/clean" \
    "$tmp/heldout" --seed 7 > /dev/null
if ! dpkg-query -W manpages-fr > /dev/null 2>&1; then
  apt-get install -y -qq manpages-fr > /dev/null 2>&1 || echo "manpages-fr unavailable" >&2
fi
mkdir -p "$tmp/man"
for page in $(dpkg -L manpages-fr 2> /dev/null | grep -E '/man[1578]/.*\.gz$'); do
  zcat "$page" | preconv 2> /dev/null | groff -Tutf8 -man -P-cbou 2> /dev/null \
    > "$tmp/man/$(basename "$page" .gz).txt" || true
done
python3 "$shared/tools/spin.py" scripts/eval/spin-table-unseen.tsv "$tmp/man" "$tmp/unseen" \
    --seed 11 > /dev/null
for set in "$shared/corpus/dev/spun" "$tmp/heldout" "$tmp/unseen"; do
  python3 - "$shared/tools" "$set" "$bin" <<'PY'
import collections, json, os, re, subprocess, sys
sys.path.insert(0, sys.argv[1])
import score
folder, binary = sys.argv[2], sys.argv[3]
gold = score.load_gold(folder + "/gold.jsonl", folder)
files = sorted(f for f in os.listdir(folder) if f.endswith(".txt"))
out = subprocess.run([binary, "check", "--format", "jsonl", *[os.path.join(folder, f) for f in files]],
                     capture_output=True).stdout.decode("utf-8")
by_file = collections.defaultdict(list)
raw = {}
for line in out.splitlines():
    d = json.loads(line)
    name = os.path.basename(d["path"])
    if name not in raw:
        raw[name] = open(os.path.join(folder, name), "rb").read()
    cp = lambda b: len(raw[name][:b].decode("utf-8", "replace"))
    d["s"], d["e"] = cp(d["start"]["offset"]), cp(d["end"]["offset"])
    by_file[name].append(d)
flagged = first = fixed = unfixed = listed_any = 0
pairs = collections.defaultdict(lambda: [0, 0])
for g in gold:
    hits = [d for d in by_file[g["file"]] if d["s"] < g["end"] and d["e"] > g["start"]]
    if not hits:
        continue
    flagged += 1
    d = hits[0]
    if d.get("fix"):
        suggestion = d["fix"]["edits"][0]["replacement"]
        fixed += suggestion.lower() == g["fix"].lower()
    else:
        listed = re.search(r"candidates: `([^`]*)`", d["message"])
        suggestion = listed.group(1) if listed else ""
        unfixed += bool(listed)
    right = suggestion.lower() == g["fix"].lower()
    others = re.search(r"candidates: (`[^)]*)", (d.get("fix") or {}).get("message", "") + " " + d["message"])
    offered = {suggestion.lower()} | {c.lower() for c in re.findall(r"`([^`]*)`", others.group(1) if others else "")}
    listed_any += g["fix"].lower() in offered
    first += right
    pair = pairs[(g["text"].lower(), g["fix"])]
    pair[0] += right
    pair[1] += 1
macro = sum(r / n for r, n in pairs.values()) / max(len(pairs), 1)
name = ("dev/spun" if "dev/spun" in folder else
        "heldout table on dev/clean" if folder.endswith("heldout") else "unseen table on man pages")
print(f"{name}: {len(gold)} spun words, flagged {flagged} ({flagged / len(gold):.1%}); "
      f"first suggestion right {first} ({first / max(flagged, 1):.1%} of flagged; "
      f"{macro:.1%} averaged per pair); fix right {fixed} ({fixed / max(flagged, 1):.1%}); "
      f"no fix (uncertain) {unfixed}; original among the suggestions {listed_any} "
      f"({listed_any / max(flagged, 1):.1%} of flagged)")
PY
done
"$bin" check --format jsonl "$shared/corpus/dev/clean" > "$tmp/clean.jsonl" || true
words=$(cat "$shared"/corpus/dev/clean/*.txt | wc -w)
warnings=$(grep -vc '"severity":"info"' "$tmp/clean.jsonl" || true)
python3 -c "import sys; w, n = int(sys.argv[1]), int(sys.argv[2]); print(f'dev/clean: {n} warnings in {w} words = {n * 10000 / w:.2f} per 10,000 words')" "$words" "$warnings"
