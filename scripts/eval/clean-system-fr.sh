#!/usr/bin/env bash
# Warnings per 10,000 words on clean French found on this machine: the French man pages
# (rendered with preconv and groff), the French vim tutor, and the French interface strings of
# the installed packages (the msgstr of /usr/share/locale/fr/LC_MESSAGES/*.mo, four words or
# more each). Human translations, none spun: every warning there is a false alarm or a real
# error of the translation. Prints the counts per rule, lexical warnings apart.
# Needs groff (for the man pages) and python3; skips what the machine lacks.
# Usage: scripts/eval/clean-system-fr.sh [BIN]   (BIN: default, the release build of this tree)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
if [ $# -gt 0 ]; then
  bin="$(realpath "$1")"
else
  cargo build --release --quiet
  bin="$root/target/release/mtlint"
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/man" "$tmp/strings"
if command -v groff > /dev/null && command -v preconv > /dev/null; then
  for page in /usr/share/man/fr/man*/*.gz; do
    [ -e "$page" ] || continue
    zcat "$page" | preconv 2> /dev/null | groff -Tutf8 -man -P-cbou 2> /dev/null \
      > "$tmp/man/$(basename "$page" .gz).txt" || true
  done
fi
for tutor in /usr/share/vim/vim*/tutor/tutor.fr; do
  [ -e "$tutor" ] && iconv -f latin1 -t utf-8 "$tutor" > "$tmp/man/vimtutor.txt"
done
python3 - "$tmp/strings" <<'PY'
import gettext, glob, os, sys
for path in glob.glob('/usr/share/locale/fr/LC_MESSAGES/*.mo'):
    try:
        catalog = gettext.GNUTranslations(open(path, 'rb'))._catalog
    except Exception:
        continue
    strings = [v.strip().replace('\n', ' ') for k, v in catalog.items()
               if k and isinstance(v, str) and len(v.split()) >= 4]
    if strings:
        with open(os.path.join(sys.argv[1], os.path.basename(path) + '.txt'), 'w') as out:
            out.write(''.join(s + '\n\n' for s in strings))
PY
for set in man strings; do
  files=$(find "$tmp/$set" -name '*.txt' | wc -l)
  [ "$files" -gt 0 ] || { echo "$set: nothing found on this machine"; continue; }
  "$bin" check --format jsonl "$tmp/$set" > "$tmp/$set.jsonl" || true
  words=$(find "$tmp/$set" -name '*.txt' -exec cat {} + | wc -w)
  python3 - "$set" "$files" "$words" "$tmp/$set.jsonl" <<'PY'
import collections, json, sys
name, files, words, found = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rules = collections.Counter()
for line in open(found):
    d = json.loads(line)
    if d['severity'] != 'info':
        rules[d['rule']] += 1
lexical = sum(n for r, n in rules.items()
              if r.startswith(('spinner-synonym/', 'english-leftover/')))
total = sum(rules.values())
print(f"{name}: {files} files, {words} words: {total} warnings ({total * 1e4 / words:.2f} per 10k), "
      f"{lexical} lexical ({lexical * 1e4 / words:.2f} per 10k)")
for rule, n in rules.most_common():
    print(f"  {n:5d}  {rule}")
PY
done
