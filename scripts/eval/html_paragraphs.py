#!/usr/bin/env python3
"""The French paragraphs of HTML manuals as text files, for scripts/eval/spinner.sh.

Usage: html_paragraphs.py OUT per-page PAGE...   each page's paragraphs, cut into files of
                                                 about 20 kB (PAGE-NN.txt), keep the French ones
       html_paragraphs.py OUT joined NAME PAGE...  the French paragraphs of every page in turn
                                                 (pages sorted by path), a file (NAME-NNN.txt)
                                                 closed after the page that brings it past 20 kB

A paragraph is French when it has eight words or more, three French function words or more and
three times as many as English ones (some manuals leave sections in English). Text inside
script, style, pre, code and tt elements is left out."""
import os
import re
import sys
from html.parser import HTMLParser

FRENCH = set("le la les de des du un une et est pour dans que qui sur avec par pas sont vous il ce "
             "cette au aux".split())
ENGLISH = set("the of and to is for in that with on are you it this be by as can will from".split())
SKIPPED = ("script", "style", "pre", "code", "tt")
BREAKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "br", "tr", "dt", "dd", "title")
FILE_BYTES = 20000


class Text(HTMLParser):
    """The text of a page, a blank line at each block element."""

    def __init__(self):
        super().__init__()
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in SKIPPED
        if tag in BREAKS:
            self.out.append("\n\n")

    def handle_endtag(self, tag):
        self.skip -= tag in SKIPPED

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def paragraphs(page):
    """The non-empty paragraphs of an HTML page, each on one line."""
    parser = Text()
    parser.feed(open(page, encoding="utf-8", errors="replace").read())
    text = "".join(parser.out)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return [p for p in (re.sub(r"\s+", " ", p).strip() for p in text.split("\n\n")) if p]


def is_french(paragraph):
    """Whether a paragraph is French prose (see the module's documentation)."""
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ]+", paragraph.lower())
    f, e = sum(w in FRENCH for w in words), sum(w in ENGLISH for w in words)
    return len(words) >= 8 and f >= 3 and f >= 3 * e


def per_page(out, pages):
    for page in pages:
        chunks, current = [], ""
        for paragraph in paragraphs(page):
            current += paragraph + "\n\n"
            if len(current) > FILE_BYTES:
                chunks.append(current)
                current = ""
        if current:
            chunks.append(current)
        name = os.path.basename(page)[: -len(".html")]
        for i, chunk in enumerate(chunks):
            kept = [p for p in chunk.split("\n\n") if is_french(p)]
            if kept:
                with open(f"{out}/{name}-{i:02d}.txt", "w", encoding="utf-8") as fh:
                    fh.write("\n\n".join(kept) + "\n")


def joined(out, name, pages):
    current, count = "", 0
    for i, page in enumerate(pages):
        current += "".join(p + "\n\n" for p in paragraphs(page) if is_french(p))
        if current and (len(current) > FILE_BYTES or i == len(pages) - 1):
            with open(f"{out}/{name}-{count:03d}.txt", "w", encoding="utf-8") as fh:
                fh.write(current)
            count += 1
            current = ""


def main():
    out, mode, *rest = sys.argv[1:]
    os.makedirs(out, exist_ok=True)
    if mode == "per-page":
        per_page(out, rest)
    elif mode == "joined":
        joined(out, rest[0], sorted(rest[1:]))
    else:
        sys.exit(f"unknown mode {mode}: per-page or joined")


if __name__ == "__main__":
    main()
