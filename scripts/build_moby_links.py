#!/usr/bin/env python3
"""Writes data/moby-links.tsv: which French words the linter may propose for an English word
are that word's synonyms in Moby Thesaurus II (public domain; `words.txt` of the npm package
moby 1.1.2), read in both directions.

Usage (from the repository):

    scripts/build_moby_links.py MOBY_WORDS_TXT            # writes data/moby-links.tsv

The words the linter may propose for an English word E are those of E's line in
data/reverse-spinner.tsv and data/translation-similarity.tsv, and of the reviewed pairs of
data/spinner-supplement.tsv; a plural English word also takes the proposals of its singular,
put in the plural. A proposal F is linked to E when Moby lists one of F's base forms among the
synonyms of one of E's, or the reverse. Base forms are found by the regular inflection of each
language only: an English plural or superlative ("chunks" → "chunk", "smallest" → "small"),
a French plural or feminine ("segments" → "segment", "importante" → "important", "globaux" →
"global"). Moby's multi-word entries are left out.

Each output line is ``E<TAB>F1,F2,...`` (the linked proposals as the data files spell them,
sorted), sorted by E; English words with no linked proposal have no line. The linter reads it
as one more piece of evidence for ranking its candidates (src/lexicon/moby.rs): a thesaurus far
broader than WordNet, which links most words a synonym spinner swaps ("chunk" and "segment",
"hint" and "indication"), and far looser, so it only adds to the other evidence."""

import collections
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data")


def read_moby(path):
    """Moby's synonym lists as a symmetric relation between single lowercase words. Unlike
    `build_lexicons.read_moby`, a line whose head is several words is left out whole: its first
    single word is only one synonym among others, not the head of the list."""
    synonyms = collections.defaultdict(set)
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            words = [w.strip().lower() for w in line.rstrip("\n").split(",")]
            head = words[0]
            if " " in head or not head:
                continue
            for word in words[1:]:
                if word and " " not in word and word != head:
                    synonyms[head].add(word)
                    synonyms[word].add(head)
    return synonyms


def english_bases(word):
    """`word` and the base forms regular English inflection may have given it."""
    out = {word}
    if word.endswith("ies") and len(word) > 4:
        out.add(word[:-3] + "y")
    if word.endswith("es") and len(word) > 3:
        out.add(word[:-2])
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        out.add(word[:-1])
    if word.endswith("est") and len(word) > 5:
        stem = word[:-3]
        out |= {stem, stem + "e"}
        if stem[-1] == stem[-2]:
            out.add(stem[:-1])
        if stem.endswith("i"):
            out.add(stem[:-1] + "y")
    return out


def french_bases(word):
    """`word` and the base forms regular French inflection may have given it."""
    out = {word}
    if word.endswith("aux") and len(word) > 4:
        out.add(word[:-3] + "al")
    if word.endswith(("s", "x")) and len(word) > 3:
        out.add(word[:-1])
    for form in list(out):
        if form.endswith("e") and len(form) > 3:
            out.add(form[:-1])
    return out


def pluralize(word):
    """A French word's regular plural."""
    if word.endswith(("s", "x", "z")):
        return word
    if word.endswith("al"):
        return word[:-2] + "aux"
    if word.endswith(("au", "eu")):
        return word + "x"
    return word + "s"


def read_proposals():
    """E → the French words the data files propose for it."""
    proposals = collections.defaultdict(set)
    for name in ("reverse-spinner.tsv", "translation-similarity.tsv"):
        with open(os.path.join(DATA, name), encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or "\t" not in line:
                    continue
                english, raw = line.rstrip("\n").split("\t", 1)
                proposals[english].update(entry.split(":", 1)[0] for entry in raw.split(","))
    with open(os.path.join(DATA, "spinner-supplement.tsv"), encoding="utf-8") as f:
        for line in f:
            row = line.rstrip("\n").split("\t")
            if not line.startswith("#") and len(row) >= 2:
                proposals[row[0]].add(row[1])
    for english in list(proposals):
        if english.endswith("s") and english[:-1] in proposals:
            proposals[english].update(pluralize(f) for f in proposals[english[:-1]])
    return proposals


def linked(synonyms, english, french):
    """Whether Moby links a base form of `french` to one of `english`, other than the English
    word's own forms (Moby lists "term" among the synonyms of "terms": "termes" is a cognate,
    not a synonym)."""
    own = english_bases(english)
    return any(f in synonyms.get(e, ()) for e in own for f in french_bases(french) - own)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.split("\n\n")[1])
    synonyms = read_moby(sys.argv[1])
    lines = []
    for english, french in sorted(read_proposals().items()):
        kept = sorted(f for f in french if f and linked(synonyms, english, f.lower()))
        if kept:
            lines.append(f"{english}\t{','.join(kept)}")
    out = os.path.join(DATA, "moby-links.tsv")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# english<TAB>french,...: the French words the linter may propose for an English word "
                "that Moby Thesaurus II (public domain) links to it. Generated by "
                "scripts/build_moby_links.py from words.txt of the npm package moby 1.1.2.\n")
        f.write("\n".join(lines) + "\n")
    print(f"{out}: {len(lines)} English words, {sum(l.count(',') + 1 for l in lines)} links",
          file=sys.stderr)


if __name__ == "__main__":
    main()
