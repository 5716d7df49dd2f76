#!/usr/bin/env bash
# Measures the lexicon detector on spun text:
#   - the share of spun words flagged, and, of those, the share whose first suggestion is the
#     original word: the fix, or the first candidate listed when the evidence was too weak for
#     a fix (per occurrence, and averaged per spinner pair); the share whose fix is the original;
#     how many flagged words got no fix (first candidate below the no-fix threshold); and the
#     share whose original is among the suggestions at any rank (the fix or first candidate and
#     the other candidates listed): what ranking alone could reach;
#   - warnings per 10,000 words on clean French.
# A spun word flagged as part of a paragraph the linter reports as English (the spinner changed
# a word of an English example or comment of a man page) is counted as flagged with no right
# suggestion; how many there are, and the figure without them, are printed after.
# Sets:
#   - ../shared/corpus/dev/spun (its own spinner vocabulary; the ranking is fitted on it);
#   - the clean French of ../shared/corpus/dev/clean spun with scripts/eval/spin-table-heldout.tsv
#     (a second vocabulary, used to tune earlier versions: not a clean held-out set);
#   - the French man pages of Debian's manpages-fr (sections 1, 5, 7, 8, rendered with groff)
#     spun with scripts/eval/spin-table-unseen.tsv (a vocabulary and a text never fitted on;
#     its per-pair results have been read while changing the suggestions, so it is no longer
#     a clean held-out set; installs manpages-fr when missing);
#   - every fourth French man page of sections 2 and 3 (Debian's manpages-fr-dev) spun with
#     scripts/eval/spin-table-blind.tsv (a third vocabulary, held out from every change to the
#     suggestions; installs manpages-fr-dev when missing);
#   - another fourth of those pages (none of the blind set's) spun with
#     scripts/eval/spin-table-analysis.tsv (a fourth vocabulary chosen by the blind set's
#     procedure, whose per-pair results are read to find what the suggestions miss);
#   - dev/clean spun with scripts/eval/spin-table-prose.tsv (a fifth vocabulary, held out like
#     the blind one: the prose dev/spun was made from, spun with other pairs than dev/spun's);
#   - the French paragraphs of the manuals of Debian's debian-edu-doc-fr and aptitude-doc-fr
#     spun with scripts/eval/spin-table-manuals.tsv (a sixth vocabulary, over prose written
#     apart from dev/clean; an analysis set: its per-pair results are read; installs both
#     packages when missing);
#   - the French paragraphs of Debian's reference manuals (debian-reference-fr,
#     developers-reference-fr, maint-guide-fr) spun with scripts/eval/spin-table-reference.tsv
#     (an eighth vocabulary, one the ranking's weights are fitted on; installs the three
#     packages when missing);
#   - the French paragraphs of the GIMP user manual (Debian's gimp-help-fr) spun with
#     scripts/eval/spin-table-gimp.tsv (a seventh vocabulary over a seventh text, held out like
#     the blind one: only its totals are read; installs gimp-help-fr when missing);
#   - untranslated words: dev/clean with scripts/eval/spin-table-leftover.tsv (French words
#     replaced by their English translation, as an unfinished machine translation leaves them;
#     read per pair), and the man pages of sections 1, 5, 7, 8 with
#     scripts/eval/spin-table-leftover-heldout.tsv (another such vocabulary, held out); both
#     are checked twice: as spun text (the default) and with `--origin translated`, the
#     ranking fitted on the first of them (scripts/eval/fit_ranking.py --origin translated).
# MTLINT_SPINNER_ORIGIN=auto (or translated) checks every set with that `--origin` instead of
# `spun`; MTLINT_SPINNER_SPLIT=1 checks each paragraph as a document of its own, as a pipeline
# that checks short records does (a document too short to tell how it was produced).
# MTLINT_SPINNER_SETS=DIR builds the sets in DIR and keeps them there.
# MTLINT_SPINNER_PAIRS=1 also prints, on standard error, each pair's counts and most frequent
# suggestions (for the sets one may tune on; not for the blind and held-out ones).
# Needs the ../shared folder beside the repository; the build and the tests do not.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shared="${MTLINT_SHARED:-$root/../shared}"
cd "$root"
cargo build --release --quiet
bin="${MTLINT_BIN:-$root/target/release/mtlint}"
if [ -n "${MTLINT_SPINNER_SETS:-}" ]; then
  # The sets are kept in that folder (to fit or trace on them: scripts/eval/fit_ranking.py --set).
  tmp="$MTLINT_SPINNER_SETS"
  mkdir -p "$tmp"
else
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
fi
python3 "$shared/tools/spin.py" scripts/eval/spin-table-heldout.tsv "$shared/corpus/dev/clean" \
    "$tmp/heldout" --seed 7 > /dev/null
# A package removed leaves a dpkg record without files: ask for its state, not its record. A fresh
# machine's package lists may be empty: they are updated once when an installation fails.
for package in manpages-fr manpages-fr-dev debian-edu-doc-fr aptitude-doc-fr gimp-help-fr \
    debian-reference-fr developers-reference-fr maint-guide-fr; do
  if [ "$(dpkg-query -W -f='${db:Status-Status}' "$package" 2> /dev/null)" != installed ]; then
    apt-get install -y -qq "$package" > /dev/null 2>&1 \
      || { apt-get update -qq > /dev/null 2>&1 && apt-get install -y -qq "$package" > /dev/null 2>&1; } \
      || { echo "$package unavailable: the sets made of its pages are left out" >&2; exit 2; }
  fi
done
# render PACKAGE SECTIONS EVERY DIR [OFFSET]: the package's man pages of SECTIONS (one in EVERY,
# those whose rank modulo EVERY is OFFSET, 0 by default), as text.
render() {
  mkdir -p "$4"
  for page in $(dpkg -L "$1" 2> /dev/null | grep -E "/man[$2]/.*\.gz$" | sort | awk "NR % $3 == ${5:-0}"); do
    zcat "$page" | preconv 2> /dev/null | groff -Tutf8 -man -P-cbou 2> /dev/null \
      > "$4/$(basename "$page" .gz).txt" || true
  done
}
render manpages-fr 1578 1 "$tmp/man"
render manpages-fr-dev 23 4 "$tmp/man23"
render manpages-fr-dev 23 4 "$tmp/man23-analysis" 2
python3 "$shared/tools/spin.py" scripts/eval/spin-table-unseen.tsv "$tmp/man" "$tmp/unseen" \
    --seed 11 > /dev/null
python3 "$shared/tools/spin.py" scripts/eval/spin-table-blind.tsv "$tmp/man23" "$tmp/blind" \
    --seed 13 > /dev/null
python3 "$shared/tools/spin.py" scripts/eval/spin-table-analysis.tsv "$tmp/man23-analysis" \
    "$tmp/analysis" --seed 17 > /dev/null
python3 "$shared/tools/spin.py" scripts/eval/spin-table-prose.tsv "$shared/corpus/dev/clean" \
    "$tmp/prose" --seed 29 > /dev/null
# The French manuals of debian-edu-doc-fr and aptitude-doc-fr as text: their French paragraphs
# (the Debian Edu manual leaves some sections in English), in files of about 20 kB.
python3 scripts/eval/html_paragraphs.py "$tmp/manuals-text" per-page \
    /usr/share/doc/debian-edu-doc-fr/debian-edu-bookworm-manual.html \
    /usr/share/doc/aptitude/html/fr/*.html
python3 "$shared/tools/spin.py" scripts/eval/spin-table-manuals.tsv "$tmp/manuals-text" "$tmp/manuals" \
    --seed 31 > /dev/null
# Debian's reference manuals as text: their pages' French paragraphs, joined as the GIMP manual's.
python3 scripts/eval/html_paragraphs.py "$tmp/reference-text" joined reference \
    $(dpkg -L debian-reference-fr | grep '\.fr\.html$' | sort) \
    $(dpkg -L developers-reference-fr | grep '/fr/.*\.html$' | sort) \
    $(dpkg -L maint-guide-fr | grep '\.fr\.html$' | sort)
python3 "$shared/tools/spin.py" scripts/eval/spin-table-reference.tsv "$tmp/reference-text" \
    "$tmp/reference" --seed 41 > /dev/null
# The GIMP user manual (gimp-help-fr) as text: its pages' French paragraphs, pages in their
# order joined into files of about 20 kB.
python3 scripts/eval/html_paragraphs.py "$tmp/gimp-text" joined gimp \
    $(dpkg -L gimp-help-fr | grep '\.html$')
python3 "$shared/tools/spin.py" scripts/eval/spin-table-gimp.tsv "$tmp/gimp-text" "$tmp/gimp" \
    --seed 37 > /dev/null
python3 "$shared/tools/spin.py" scripts/eval/spin-table-leftover.tsv "$shared/corpus/dev/clean" \
    "$tmp/leftover" --seed 19 > /dev/null
python3 "$shared/tools/spin.py" scripts/eval/spin-table-leftover-heldout.tsv "$tmp/man" \
    "$tmp/leftover-heldout" --seed 23 > /dev/null
# SET[:ORIGIN]: the untranslated-word sets are also checked as the output of a translation.
for entry in "$shared/corpus/dev/spun" "$tmp/heldout" "$tmp/unseen" "$tmp/blind" "$tmp/analysis" "$tmp/prose" \
    "$tmp/manuals" "$tmp/reference" "$tmp/gimp" \
    "$tmp/leftover" "$tmp/leftover-heldout" "$tmp/leftover:translated" \
    "$tmp/leftover-heldout:translated"; do
  set="${entry%%:*}"
  origin="${MTLINT_SPINNER_ORIGIN:-spun}"
  [ "$entry" = "$set" ] || origin="${entry##*:}"
  python3 - "$shared/tools" "$set" "$bin" "$origin" <<'PY'
import atexit, collections, json, os, re, shutil, subprocess, sys, tempfile
sys.path.insert(0, sys.argv[1])
import score
folder, binary, origin = sys.argv[2], sys.argv[3], sys.argv[4]
gold = score.load_gold(folder + "/gold.jsonl", folder)
name_of_set = folder
if os.environ.get("MTLINT_SPINNER_SPLIT") == "1":
    # Each paragraph checked as a document of its own, as a pipeline checks short records.
    split = tempfile.mkdtemp()
    atexit.register(shutil.rmtree, split)
    where = collections.defaultdict(list)
    for f in sorted(f for f in os.listdir(folder) if f.endswith(".txt")):
        text = open(os.path.join(folder, f), encoding="utf-8").read()
        at = 0
        for k, paragraph in enumerate(text.split("\n\n")):
            piece = f"{f[:-4]}-{k:04d}.txt"
            if paragraph.strip():
                open(os.path.join(split, piece), "w", encoding="utf-8").write(paragraph + "\n")
                where[f].append((at, at + len(paragraph), piece))
            at += len(paragraph) + 2
    for g in gold:
        for start, end, piece in where.get(g["file"], []):
            if start <= g["start"] < end:
                g["file"], g["start"], g["end"] = piece, g["start"] - start, g["end"] - start
                break
    folder = split
files = sorted(f for f in os.listdir(folder) if f.endswith(".txt"))
out = subprocess.run([binary, "check", "--format", "jsonl", "--origin", origin, *[os.path.join(folder, f) for f in files]],
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
flagged = first = fixed = fixed_wrong = unfixed = listed_any = english_text = english_right = 0
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
        fixed_wrong += suggestion.lower() != g["fix"].lower()
    else:
        listed = re.search(r"candidates: `([^`]*)`", d["message"])
        suggestion = listed.group(1) if listed else ""
        unfixed += bool(listed)
    right = suggestion.lower() == g["fix"].lower()
    # A word the spinner changed inside a passage of English (a man page's example or code
    # comment) is reported with its paragraph, as English text: no suggestion is due there.
    if d["rule"] == "language/foreign-paragraph":
        english_text += 1
        english_right += right
    others = re.search(r"candidates: (`[^)]*)", (d.get("fix") or {}).get("message", "") + " " + d["message"])
    offered = {suggestion.lower()} | {c.lower() for c in re.findall(r"`([^`]*)`", others.group(1) if others else "")}
    listed_any += g["fix"].lower() in offered
    first += right
    pair = pairs[(g["text"].lower(), g["fix"])]
    pair[0] += right
    pair[1] += 1
    pair.append(suggestion)
macro = sum(p[0] / p[1] for p in pairs.values()) / max(len(pairs), 1)
folder = name_of_set
name = ("dev/spun" if "dev/spun" in folder else
        "held-out untranslated table on man pages" if folder.endswith("leftover-heldout") else
        "heldout table on dev/clean" if folder.endswith("/heldout") else
        "unseen table on man pages" if folder.endswith("unseen") else
        "analysis table on man pages 2, 3" if folder.endswith("analysis") else
        "prose table on dev/clean" if folder.endswith("prose") else
        "manuals table on Debian manuals" if folder.endswith("manuals") else
        "reference table on Debian reference manuals" if folder.endswith("/reference") else
        "gimp table on the GIMP manual" if folder.endswith("gimp") else
        "untranslated table on dev/clean" if folder.endswith("/leftover") else
        "blind table on man pages 2, 3")
if origin != "spun":
    name += f" (--origin {origin})"
if os.environ.get("MTLINT_SPINNER_SPLIT") == "1":
    name += " (one paragraph per document)"
if (os.environ.get("MTLINT_SPINNER_PAIRS") == "1" and origin == "spun"
        and not folder.endswith(("blind", "prose", "gimp", "leftover-heldout"))):
    for (spun, original), p in sorted(pairs.items(), key=lambda kv: kv[1][0] / kv[1][1]):
        top = collections.Counter(p[2:]).most_common(3)
        print(f"  {name}: {spun} -> {original}: {p[0]}/{p[1]} right; suggested {top}", file=sys.stderr)
print(f"{name}: {len(gold)} spun words, flagged {flagged} ({flagged / len(gold):.1%}); "
      f"first suggestion right {first} ({first / max(flagged, 1):.1%} of flagged; "
      f"{macro:.1%} averaged per pair); fix right {fixed} ({fixed / max(flagged, 1):.1%}), wrong {fixed_wrong}; "
      f"no fix (uncertain) {unfixed}; original among the suggestions {listed_any} "
      f"({listed_any / max(flagged, 1):.1%} of flagged)"
      + (f"; {english_text} flagged in paragraphs reported as English, without them first "
         f"suggestion right {(first - english_right) / max(flagged - english_text, 1):.1%}"
         if english_text else ""))
PY
done
"$bin" check --format jsonl "$shared/corpus/dev/clean" > "$tmp/clean.jsonl" || true
words=$(cat "$shared"/corpus/dev/clean/*.txt | wc -w)
warnings=$(grep -vc '"severity":"info"' "$tmp/clean.jsonl" || true)
python3 -c "import sys; w, n = int(sys.argv[1]), int(sys.argv[2]); print(f'dev/clean: {n} warnings in {w} words = {n * 10000 / w:.2f} per 10,000 words')" "$words" "$warnings"
