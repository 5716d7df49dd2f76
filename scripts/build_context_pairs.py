#!/usr/bin/env python3
"""Writes data/context-pairs.tsv and data/context-words.tsv: which words stand next to the French
words the linter may propose, in French prose, so that a suggestion can be ranked by how well it
fits between the words around the flagged one ("un great nombre": "grand nombre" is written,
"bon nombre" far less).

Usage (from the repository; downloads the packages below with apt-get, without installing them):

    scripts/build_context_pairs.py             # writes both files

The prose is French documentation of Debian packages, written or translated by people, whose
licences let data derived from it ship under licences that are no GPL: the help of LibreOffice,
the Debian Administrator's Handbook, and the help of GNOME and of GNOME applications under
CC-BY-SA licences (`PACKAGES`, `GNOME_HELP`), read from their HTML and Mallard pages:
paragraphs of text, code and preformatted blocks left out, each paragraph kept when it reads as
French (at least two French function words, twice as many as English ones), each distinct
paragraph once. The Debian Reference and the man pages are left out: the evaluation sets of
scripts/eval/spinner.sh are made of them.

Words are cut as the linter cuts them (src/text/tokenize.rs): letters and digits, joined by a
hyphen or an apostrophe, an elided particle ("l'", "qu'") a word of its own, lowercased, the
typographic apostrophe straightened. Two words are neighbours when nothing but spaces lies
between them (punctuation parts them, as it does in the linter).

The proposals are the French words of data/reverse-spinner.tsv and data/translation-similarity.tsv
and their regular inflected forms (plural, feminine). For each proposal F written at least
`MIN_WORD` times, a line of context-pairs.tsv gives::

    F<TAB>count<TAB>L1:pmi,L2:pmi,...<TAB>R1:pmi,R2:pmi,...

the number of times F is written, then the words written right before it (L) and right after it
(R) at least `MIN_PAIR` times, each with the pair's smoothed pointwise mutual information,
``ln((pair count + 1) / (count(L) * count(F) / words + 1))`` to one decimal: above 0 when the two
stand together more often than chance has them, below when less. Lines are sorted by F.

context-words.tsv gives the `COMMON` most written words with their counts (sorted by word), and
its header the number of words read: for a common word next to F in no pair of F's line, the
linter takes the pair as never written and its information as ``-ln(count(L) * count(F) / words +
1)``; a rarer word next to F says nothing (0).

The linter reads both in src/lexicon/context.rs."""

import collections
import glob
import math
import os
import re
import subprocess
import sys
import tempfile
from html.parser import HTMLParser

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data")

#: Debian packages of French documentation whose licences let data derived from them ship under
#: licences that are no GPL, and where their French pages lie: the help of LibreOffice (MPL-2.0,
#: some of it Apache-2.0 or CC0-1.0) and the Debian Administrator's Handbook (GPL-2.0+ or
#: CC-BY-SA-3.0: taken under CC-BY-SA-3.0).
PACKAGES = {
    "libreoffice-help-fr": "usr/share/libreoffice/help/fr/",
    "debian-handbook": "usr/share/doc/debian-handbook/html/fr-FR/",
}
#: Debian packages of GNOME's user help and of GNOME applications, whose French help pages
#: (usr/share/help/fr/APPLICATION/) are taken for each application whose pages name only the
#: CC-BY-SA-3.0 or 4.0 licence (those that name the GFDL, the GPL, another licence or none are
#: left out).
GNOME_HELP = [
    "gnome-user-docs", "evolution-common", "seahorse", "pitivi", "eog",
    "gnome-system-monitor", "gnome-boxes", "epiphany-browser-data", "gnome-calculator",
    "file-roller", "iagno", "gnome-mahjongg", "gnome-sudoku", "baobab", "five-or-more",
    "gnome-mines", "gnome-robots", "gnome-clocks", "quadrapassel", "gnome-nibbles",
    "four-in-a-row", "simple-scan", "lightsoff", "gnome-taquin", "gnome-chess", "vinagre",
    "polari", "gnome-music", "gnome-tetravex", "swell-foop", "gnome-photos", "hitori",
    "gnome-logs", "gnome-connections",
]
#: The fewest times a proposal is written for it to have a line.
MIN_WORD = 3
#: The fewest times a pair is written for it to be listed.
MIN_PAIR = 2
#: How many of the most written words context-words.tsv lists.
COMMON = 3000

FRENCH_FUNCTION_WORDS = set(
    "le la les de des du un une et est en que qui pour dans par sur au aux ce cette ces il elle "
    "on vous nous ne pas plus ou à son sa ses leur leurs avec sont être peut".split())
ENGLISH_FUNCTION_WORDS = set(
    "the of and to is in that for it with as are this be by on you can from".split())
#: Elided particles, which end at their apostrophe (as src/text/tokenize.rs cuts them).
ELIDED = re.compile(r"^(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)'(.+)$")
WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
#: What parts two words: anything but letters, digits, spaces, hyphens and apostrophes.
PARTING = re.compile(r"[^\w\s'\-]|_")

#: Elements whose text is not prose.
SKIPPED = {"script", "style", "pre", "code", "tt", "kbd", "samp", "screen", "programlisting"}
#: Elements that end a paragraph.
BLOCKS = {"p", "div", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "br", "dd", "dt", "title",
          "tr", "section", "item", "note"}


class Paragraphs(HTMLParser):
    """The paragraphs of text of an HTML or Mallard page, outside code."""

    def __init__(self):
        super().__init__()
        self.paragraphs, self.buffer, self.skipping = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skipping += 1
        if tag in BLOCKS:
            self.flush()

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        if tag in BLOCKS:
            self.flush()

    def handle_data(self, data):
        if not self.skipping:
            self.buffer.append(data)

    def flush(self):
        text = " ".join("".join(self.buffer).split())
        if len(text.split()) >= 4:
            self.paragraphs.append(text)
        self.buffer = []


def unpacked(folder):
    """Downloads the packages of `PACKAGES` and `GNOME_HELP` (not installing them) and unpacks
    them into `folder`."""
    debs = os.path.join(folder, "debs")
    os.makedirs(debs)
    for package in [*PACKAGES, *GNOME_HELP]:
        # apt warns that root downloads unsandboxed into a folder its own user cannot reach.
        subprocess.run(["apt-get", "download", "-qq", package], cwd=debs, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root = os.path.join(folder, "root")
    for deb in sorted(os.listdir(debs)):
        subprocess.run(["dpkg-deb", "-x", os.path.join(debs, deb), root], check=True)
    return root


#: What a page says of its licence.
LICENCE_MARK = re.compile(r"creativecommons\.org/licenses/[a-z-]+/[0-9.]+|GNU Free Documentation|"
                          r"GFDL|GNU General Public", re.IGNORECASE)
#: The licences a page may name to be taken.
SHARE_ALIKE = {"creativecommons.org/licenses/by-sa/3.0", "creativecommons.org/licenses/by-sa/4.0"}


def only_share_alike(folder):
    """Whether the pages of `folder` name a licence, and only CC-BY-SA-3.0 or 4.0."""
    marks = set()
    for path in glob.glob(os.path.join(folder, "**", "*"), recursive=True):
        if os.path.isfile(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                marks |= {m.lower() for m in LICENCE_MARK.findall(f.read())}
    return bool(marks) and marks <= SHARE_ALIKE


def french_pages(root):
    """The French pages of the unpacked packages."""
    pages = []
    for folder in PACKAGES.values():
        pages += sorted(glob.glob(os.path.join(root, folder, "**", "*.html"), recursive=True))
    for application in sorted(glob.glob(os.path.join(root, "usr/share/help/fr/*"))):
        if only_share_alike(application):
            pages += sorted(glob.glob(os.path.join(application, "**", "*.page"), recursive=True))
    return pages


def reads_as_french(paragraph):
    words = re.findall(r"[a-zàâäçéèêëîïôöùûüÿœæ]+", paragraph.lower())
    french = sum(w in FRENCH_FUNCTION_WORDS for w in words)
    english = sum(w in ENGLISH_FUNCTION_WORDS for w in words)
    return len(words) >= 4 and french >= 2 and french > 2 * english


def paragraphs(root):
    """Each distinct French paragraph of the pages unpacked in `root`, once."""
    seen = set()
    for page in french_pages(root):
        with open(page, encoding="utf-8", errors="replace") as f:
            parser = Paragraphs()
            parser.feed(f.read())
            parser.flush()
        for paragraph in parser.paragraphs:
            if paragraph not in seen and reads_as_french(paragraph):
                seen.add(paragraph)
                yield paragraph


def runs_of_words(paragraph):
    """The runs of words of a paragraph that no punctuation parts, as the linter cuts words."""
    text = paragraph.lower().replace("\u2019", "'")
    for run in PARTING.split(text):
        words = []
        for word in WORD.findall(run):
            elided = ELIDED.match(word)
            words += [elided.group(1) + "'", elided.group(2)] if elided else [word]
        if words:
            yield words


def proposals():
    """The French words the linter may propose, and their regular inflected forms."""
    words = set()
    for name in ("reverse-spinner.tsv", "translation-similarity.tsv"):
        with open(os.path.join(DATA, name), encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or "\t" not in line:
                    continue
                for item in line.rstrip("\n").split("\t", 1)[1].split(","):
                    words.add(item.split(":")[0].lower())
    forms = set()
    for word in words:
        forms |= {word, word + "s", word + "x", word + "e", word + "es"}
        if word.endswith("al"):
            forms.add(word[:-2] + "aux")
    return forms


def main():
    counts, pairs = collections.Counter(), collections.Counter()
    with tempfile.TemporaryDirectory() as folder:
        for paragraph in paragraphs(unpacked(folder)):
            for words in runs_of_words(paragraph):
                counts.update(words)
                pairs.update(zip(words, words[1:]))
    total = sum(counts.values())
    wanted = {w for w in proposals() if counts[w] >= MIN_WORD}
    left, right = collections.defaultdict(list), collections.defaultdict(list)
    for (a, b), n in pairs.items():
        if n < MIN_PAIR:
            continue
        pmi = math.log((n + 1) / (counts[a] * counts[b] / total + 1))
        if b in wanted:
            left[b].append((a, pmi))
        if a in wanted:
            right[a].append((b, pmi))
    entries = lambda items: ",".join(f"{w}:{v:.1f}" for w, v in sorted(items))
    with open(os.path.join(DATA, "context-pairs.tsv"), "w", encoding="utf-8") as out:
        out.write("# french<TAB>count<TAB>word before:pmi,...<TAB>word after:pmi,...: the words "
                  "written next to the French words the linter may propose, in the French "
                  "documentation of Debian packages. Generated by "
                  "scripts/build_context_pairs.py.\n")
        for word in sorted(wanted):
            out.write(f"{word}\t{counts[word]}\t{entries(left[word])}\t{entries(right[word])}\n")
    with open(os.path.join(DATA, "context-words.tsv"), "w", encoding="utf-8") as out:
        out.write(f"# words {total}\n")
        out.write("# word<TAB>count: the most written words of the same prose. Generated by "
                  "scripts/build_context_pairs.py.\n")
        for word, n in sorted(counts.most_common(COMMON)):
            out.write(f"{word}\t{n}\n")
    print(f"{total} words; {len(wanted)} proposals written; "
          f"{sum(map(len, left.values())) + sum(map(len, right.values()))} pairs", file=sys.stderr)


if __name__ == "__main__":
    main()
