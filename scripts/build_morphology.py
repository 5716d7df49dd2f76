#!/usr/bin/env python3
"""Build the French morphology lexicon shipped in ``data/``: every reading of every form
(lemma, part of speech, gender, number, verb features, elision), and the reverse tables
that inflect a lemma.

Normally run by ``scripts/build-lexicons.sh``; by hand::

    python3 scripts/build_morphology.py OUT_DIR [--grammalecte /usr/lib/python3/dist-packages]

Source: the lexicon of Grammalecte (Debian package python3-grammalecte,
``grammalecte/graphspell/_dictionaries/fr-allvars.json``, built from Grammalecte's
``lexicons/French.lex``, the Dicollecte lexicon), read with Grammalecte's own reader
(``graphspell.ibdawg.IBDAWG.select``), which yields ``(form, lemma, tags)`` for each of its
513,249 entries. Tags look like ``:V1_i____e_:Q:A:m:p/*`` or ``:N:f:s;é/*``.

It writes, into OUT_DIR:

* ``fr-morph.tsv`` -- ``form<TAB>value`` for every lowercase form (straight apostrophes),
  sorted by UTF-8 bytes (input of ``cargo run --example build_fst``): bits 0-15 the id of the
  form's list of readings, bits 16-31 one more than the id of its paradigm when the form is
  a lemma (every lemma is one of its own forms), 0 otherwise;
* ``fr-morph.bin`` -- the tables those ids index (format below).

Readings and paradigms are shared: a reading is (affix id, tag id), where the affix turns the
form into its lemma (or, in a paradigm, the lemma into the form) by dropping characters from
its end and adding others, so every regular verb of one pattern shares one list.

Tag bits (u64), as ``src/morph.rs`` reads them
----------------------------------------------
  0 noun  1 adjective  2 verb  3 adverb  4 determiner  5 pronoun  6 preposition
  7 conjunction  8 proper noun  9 numeral  10 interjection  11 other (prefix, title, element
  of a locution, symbol)
  12 masculine  13 feminine (épicène: both)  14 singular  15 plural (invariable: both)
  16 infinitive  17 past participle  18 present participle  19 finite verb
  20-27 moods and tenses: Ip Iq Is If K Sp Sq E (indicative present, imperfect, simple past,
  future, conditional, subjunctive present, imperfect, imperative)
  28-33 persons: 1s 2s 3s 1p 2p 3p (of a finite verb, or of a personal pronoun)
  34 auxiliary être  35 auxiliary avoir (of the verb lemma; neither when the lexicon leaves it
  open)  36 transitive  37 intransitive  38 pronominal
  39 subject pronoun  40 object pronoun  41 relative pronoun  42 demonstrative (pronoun or
  determiner)  43 possessive determiner  44 indefinite (pronoun or determiner)  45 interrogative
  46 adverbial pronoun (en, y)  47 coordinating conjunction  48 subordinating conjunction
  49 negation adverb  50 the form elides (``;É``)  51 the form does not elide (``;é``: h
  aspiré, "onze", "yaourt")  52 variant spelling (classic, reform or contributors' sub-dictionary)
  53 interrogative first person ("aimé-je")

fr-morph.bin (little-endian)
----------------------------
  b"MTLMORPH" u32 version=1
  u32 T, then T x u64         tag table
  u32 A, then A x (u8 strip, u8 n, n bytes UTF-8)   affixes: drop `strip` characters, add the bytes
  u32 L, then (L+1) x u32 offsets, then entries (u16 affix, u16 tag)   reading lists (by form)
  u32 P, then (P+1) x u32 offsets, then entries (u16 affix, u16 tag)   paradigms (by lemma)
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from collections import Counter, defaultdict

NOUN, ADJ, VERB, ADV, DET, PRON, PREP, CONJ, PROPER, NUMERAL, INTERJ, OTHER = (
    1 << b for b in range(12))
MAS, FEM, SG, PL = (1 << b for b in range(12, 16))
INF, PPAS, PPRE, FINITE = (1 << b for b in range(16, 20))
MOODS = {m: 1 << (20 + i) for i, m in enumerate(["Ip", "Iq", "Is", "If", "K", "Sp", "Sq", "E"])}
PERSONS = {p: 1 << (28 + i) for i, p in enumerate(["1s", "2s", "3s", "1p", "2p", "3p"])}
AUX_ETRE, AUX_AVOIR, TRANSITIVE, INTRANSITIVE, PRONOMINAL = (1 << b for b in range(34, 39))
SUBJECT, OBJECT, RELATIVE, DEMONSTRATIVE, POSSESSIVE, INDEFINITE, INTERROGATIVE, ADVERBIAL = (
    1 << b for b in range(39, 47))
COORDINATING, SUBORDINATING, NEGATION, ELIDES, NO_ELISION, VARIANT, INTERROGATIVE_1S = (
    1 << b for b in range(47, 54))

SIMPLE = {
    "N": NOUN, "A": ADJ, "W": ADV, "J": INTERJ, "B": NUMERAL, "Br": NUMERAL, "T": OTHER,
    "M1": PROPER, "M2": PROPER, "MP": PROPER,
    "Y": VERB | INF, "P": VERB | PPRE, "Q": VERB | PPAS,
    "m": MAS, "f": FEM, "e": MAS | FEM, "s": SG, "p": PL, "i": SG | PL,
    "X": ADV | NEGATION, "U": ADV | INTERROGATIVE, "R": PREP, "Rv": PREP,
    "D": DET, "Dd": DET | DEMONSTRATIVE, "De": DET, "Dp": DET | POSSESSIVE,
    "Di": DET | INDEFINITE, "Dn": DET | INDEFINITE,
    "Od": PRON | DEMONSTRATIVE, "Oi": PRON | INDEFINITE, "On": PRON | INDEFINITE,
    "Ot": PRON | INTERROGATIVE, "Or": PRON | RELATIVE, "Ow": PRON | ADVERBIAL,
    "Os": PRON | SUBJECT, "Oo": PRON | OBJECT, "Ov": 0,
    "C": CONJ, "Cc": CONJ | COORDINATING, "Cs": CONJ | SUBORDINATING,
    "G": 0, "1ŝ": INTERROGATIVE_1S, "1ś": INTERROGATIVE_1S,
    "Zp": OTHER, "Zs": OTHER, "H": OTHER, "@p": OTHER, "@s": OTHER, "@": OTHER,
}


UNKNOWN: Counter = Counter()


def parse_tags(raw: str) -> int:
    """The tag bits of one Grammalecte tag string (``:V1_i____e_:Q:A:m:p/*``)."""
    body, _, subdic = raw.partition("/")
    body, _, marks = body.partition(";")
    bits = VARIANT if subdic not in ("", "*") else 0
    if marks.startswith("É"):
        bits |= ELIDES
    elif marks.startswith("é"):
        bits |= NO_ELISION
    person_of_pronoun = None
    for tag in body.split(":")[1:]:
        tag = tag.split("#", 1)[0]  # "#G" gentilé, "#L" language, "#C" city, "#P" country
        if not tag:
            continue
        if tag.startswith("V") and len(tag) >= 2 and tag[1] in "0123":
            info = tag[1:]
            bits |= VERB
            if len(info) >= 9:
                if info[7] == "e":
                    bits |= AUX_ETRE
                if info[8] == "a":
                    bits |= AUX_AVOIR
                if info[3] == "t":
                    bits |= TRANSITIVE
                if info[2] == "i":
                    bits |= INTRANSITIVE
                if info[5] not in "_":
                    bits |= PRONOMINAL
            continue
        if tag.startswith("É") or tag.startswith("L"):
            bits |= OTHER  # an element of a locution, or a locution
            continue
        if tag in MOODS:
            bits |= VERB | FINITE | MOODS[tag]
        elif tag.rstrip("!") in PERSONS:
            bits |= PERSONS[tag.rstrip("!")]
        elif tag in ("O1", "O2", "O3"):
            person_of_pronoun = tag[1]
        elif tag in SIMPLE:
            bits |= SIMPLE[tag]
        else:
            UNKNOWN[tag] += 1
            bits |= OTHER
    if person_of_pronoun:
        if bits & SG:
            bits |= PERSONS[person_of_pronoun + "s"]
        if bits & PL:
            bits |= PERSONS[person_of_pronoun + "p"]
    if not bits & (NOUN | ADJ | VERB | ADV | DET | PRON | PREP | CONJ | PROPER | NUMERAL
                   | INTERJ | OTHER):
        bits |= OTHER
    return bits


def affix(source: str, target: str) -> tuple[int, str]:
    """How to turn `source` into `target`: drop characters from its end, then add a suffix."""
    common = 0
    for a, b in zip(source, target):
        if a != b:
            break
        common += 1
    return len(source) - common, target[common:]


def norm(word: str) -> str:
    return word.replace("’", "'").lower()


def load(grammalecte_path: str):
    sys.path.insert(0, grammalecte_path)
    from grammalecte.graphspell import ibdawg  # noqa: E402

    dictionary = ibdawg.IBDAWG("fr-allvars.json")
    print("morphology: %s, %s, %d entries" % (dictionary.sDescription, dictionary.sDate,
                                               dictionary.nEntry), file=sys.stderr)
    return dictionary.select()


def build(entries):
    tag_ids: dict[int, int] = {}
    affix_ids: dict[tuple[int, str], int] = {}
    by_form: dict[str, set] = defaultdict(set)
    by_lemma: dict[str, set] = defaultdict(set)
    tag_use: Counter = Counter()
    affix_use: Counter = Counter()
    n = 0
    for form, lemma, raw in entries:
        n += 1
        key, lem = norm(form), norm(lemma)
        if not key or "\t" in key or "\n" in key or " " in key:
            continue  # multi-word entries ("Hong Kong") are not tokens
        if not lem or " " in lem:
            continue
        bits = parse_tags(raw)
        # Proper nouns keep their capital in the lemma's meaning, not in the key.
        by_form[key].add((affix(key, lem), bits))
        by_lemma[lem].add((affix(lem, key), bits))
    for readings in list(by_form.values()) + list(by_lemma.values()):
        for a, bits in readings:
            tag_use[bits] += 1
            affix_use[a] += 1
    # Frequent tags and affixes first: smaller ids, and a stable order.
    for bits, _ in sorted(tag_use.items(), key=lambda kv: (-kv[1], kv[0])):
        tag_ids[bits] = len(tag_ids)
    for a, _ in sorted(affix_use.items(), key=lambda kv: (-kv[1], kv[0])):
        affix_ids[a] = len(affix_ids)
    if len(tag_ids) > 0xFFFF or len(affix_ids) > 0xFFFF:
        sys.exit("more than 65,535 tags or affixes")

    def lists(table):
        """Distinct sorted entry lists, most used first, and each key's list id."""
        encoded = {k: tuple(sorted((affix_ids[a], tag_ids[b]) for a, b in v))
                   for k, v in table.items()}
        use = Counter(encoded.values())
        order = sorted(use, key=lambda l: (-use[l], l))
        ids = {l: i for i, l in enumerate(order)}
        return order, {k: ids[l] for k, l in encoded.items()}

    form_lists, form_ids = lists(by_form)
    paradigms, lemma_ids = lists(by_lemma)
    if UNKNOWN:
        print("morphology: tags read as `other`: %s" % dict(UNKNOWN), file=sys.stderr)
    print("morphology: %d entries -> %d forms (%d distinct reading lists), %d lemmas "
          "(%d paradigms), %d tags, %d affixes"
          % (n, len(form_ids), len(form_lists), len(lemma_ids), len(paradigms), len(tag_ids),
             len(affix_ids)), file=sys.stderr)
    return tag_ids, affix_ids, form_lists, form_ids, paradigms, lemma_ids


def write_bin(path, tag_ids, affix_ids, form_lists, paradigms):
    out = bytearray(b"MTLMORPH")
    out += struct.pack("<I", 1)
    out += struct.pack("<I", len(tag_ids))
    for bits in tag_ids:  # dicts keep insertion order: by id
        out += struct.pack("<Q", bits)
    out += struct.pack("<I", len(affix_ids))
    for strip, add in affix_ids:
        data = add.encode("utf-8")
        if strip > 255 or len(data) > 255:
            sys.exit("affix too long: %r" % ((strip, add),))
        out += struct.pack("<BB", strip, len(data)) + data
    for table in (form_lists, paradigms):
        out += struct.pack("<I", len(table))
        offset = 0
        for entries in table:
            out += struct.pack("<I", offset)
            offset += len(entries)
        out += struct.pack("<I", offset)
        for entries in table:
            for a, t in entries:
                out += struct.pack("<HH", a, t)
    with open(path, "wb") as fh:
        fh.write(out)


def write_tsv(path, ids):
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for key in sorted(ids, key=lambda k: k.encode("utf-8")):
            fh.write("%s\t%d\n" % (key, ids[key]))


def self_check(by_form_ids, form_lists, tag_ids, affix_ids):
    """Fail loudly when well-known readings are missing."""
    tags = list(tag_ids)
    affixes = list(affix_ids)

    def readings(form):
        out = []
        for a, t in form_lists[by_form_ids[form]]:
            strip, add = affixes[a]
            out.append(((form[:len(form) - strip] if strip else form) + add, tags[t]))
        return out

    expect = [
        ("arrivés", "arriver", VERB | PPAS | MAS | PL | AUX_ETRE),
        ("mange", "manger", VERB | FINITE | MOODS["Ip"] | PERSONS["3s"] | AUX_AVOIR),
        ("hache", "hache", NOUN | FEM | SG | NO_ELISION),
        ("homme", "homme", NOUN | MAS | SG | ELIDES),
        ("internationaux", "international", ADJ | MAS | PL),
        ("il", "il", PRON | SUBJECT | PERSONS["3s"]),
        ("nous", "nous", PRON | SUBJECT | PERSONS["1p"]),
        ("des", "des", DET | PL),
        ("vais", "aller", VERB | FINITE | PERSONS["1s"] | AUX_ETRE),
    ]
    bad = []
    for form, lemma, want in expect:
        got = readings(form) if form in by_form_ids else []
        if not any(l == lemma and b & want == want for l, b in got):
            bad.append("%s (%s)" % (form, [(l, hex(b)) for l, b in got]))
    if bad:
        sys.exit("morphology self-check failed: " + "; ".join(bad))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--grammalecte", default="/usr/lib/python3/dist-packages",
                    help="the folder holding the grammalecte package (python3-grammalecte)")
    args = ap.parse_args(argv)
    os.makedirs(args.out_dir, exist_ok=True)
    tag_ids, affix_ids, form_lists, form_ids, paradigms, lemma_ids = build(load(args.grammalecte))
    self_check(form_ids, form_lists, tag_ids, affix_ids)
    write_bin(os.path.join(args.out_dir, "fr-morph.bin"), tag_ids, affix_ids, form_lists,
              paradigms)
    missing = [lemma for lemma in lemma_ids if lemma not in form_ids]
    if missing:
        sys.exit("lemmas that are not forms: %s" % missing[:20])
    if len(form_lists) > 0xFFFF or len(paradigms) >= 0xFFFF:
        sys.exit("more than 65,535 reading lists or paradigms")
    values = {form: list_id | ((lemma_ids[form] + 1) << 16 if form in lemma_ids else 0)
              for form, list_id in form_ids.items()}
    write_tsv(os.path.join(args.out_dir, "fr-morph.tsv"), values)
    return 0


if __name__ == "__main__":
    sys.exit(main())
