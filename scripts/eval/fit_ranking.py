#!/usr/bin/env python3
"""Fits the weights of the suggestion ranking (src/kinds/lexicon/evidence.rs) on spun text.

Procedure (run from the repository, with ../shared beside it):

    scripts/eval/fit_ranking.py                  # fit on dev/spun, print the weights and figures
    scripts/eval/fit_ranking.py --write          # ... and write them into evidence.rs
    scripts/eval/fit_ranking.py --check DIR      # score the shipped weights on another spun set

1. Builds mtlint with `--features rank-trace` (target/trace), which writes, for every word it
   ranks, each candidate's evidence (the features of evidence.rs) and its agreeing form.
2. Runs it on every file of the set and keeps the spun words of the gold file (dev/spun's
   `gold.jsonl`) that are flagged and whose original is among the candidates (in its listed
   or agreeing form).
3. Fits a conditional logit: P(candidate) = exp(w . x) / sum over the word's candidates of
   exp(w . x'), by gradient ascent on the log-likelihood of the originals with an L2 penalty
   (lambda = 0.01, weights start at 0), then reports the share of flagged spun words whose
   first agreeing candidate is the original.
4. The no-fix threshold is the probability below which, on the fitted set, the first
   candidate is more often wrong than right: the largest p such that, among the words whose
   first candidate has a probability below p, fewer than half are right (searched on a grid of
   0.05), so that withholding those fixes removes more wrong fixes than right ones.

Only dev/spun is fitted on; `--check` scores another set (the second vocabulary built by
scripts/eval/spinner.sh) without changing anything."""

import argparse
import collections
import json
import math
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get("MTLINT_SHARED", os.path.join(ROOT, "..", "shared"))
EVIDENCE = os.path.join(ROOT, "src", "kinds", "lexicon", "evidence.rs")


def features_and_weights():
    text = open(EVIDENCE, encoding="utf-8").read()
    names = re.findall(r'^\s*"(\w+)",', text.split("pub(super) const FEATURES")[1].split("];")[0], re.M)
    weights_block = text.split("pub(super) const WEIGHTS")[1].split("];")[0]
    weights = [float(v) for v in re.findall(r"^\s*(-?[\d.]+),", weights_block, re.M)]
    threshold = float(re.search(r"NO_FIX_BELOW: f32 = ([\d.]+);", text).group(1))
    assert len(names) == len(weights), (names, weights)
    return names, weights, threshold


def build():
    subprocess.run(["cargo", "build", "--release", "--quiet", "--features", "rank-trace",
                    "--target-dir", os.path.join(ROOT, "target", "trace")], cwd=ROOT, check=True)
    return os.path.join(ROOT, "target", "trace", "release", "mtlint")


def traces(binary, folder):
    """For each file, the ranked words: (char start, char end, record)."""
    out = {}
    for name in sorted(f for f in os.listdir(folder) if f.endswith(".txt")):
        path = os.path.join(folder, name)
        raw = open(path, "rb").read()
        proc = subprocess.run([binary, "check", "--format", "jsonl", "-j", "1", path],
                              capture_output=True)
        records = []
        for line in proc.stderr.decode("utf-8").splitlines():
            if line.startswith("RANK-TRACE "):
                r = json.loads(line[len("RANK-TRACE "):])
                s = len(raw[:r["start"]].decode("utf-8", "replace"))
                e = len(raw[:r["end"]].decode("utf-8", "replace"))
                records.append((s, e, r))
        out[name] = records
    return out


def examples(binary, folder):
    """The flagged spun words: (candidate features, index of the original or None, forms)."""
    sys.path.insert(0, os.path.join(SHARED, "tools"))
    import score  # noqa: E402  (the shared scorer's gold loader)
    gold = score.load_gold(os.path.join(folder, "gold.jsonl"), folder)
    by_file = traces(binary, folder)
    items = []
    for g in gold:
        hits = [r for s, e, r in by_file.get(g["file"], []) if s < g["end"] and e > g["start"]]
        if not hits:
            continue
        r = hits[0]
        want = g["fix"].lower()
        xs, forms, right = [], [], None
        for k, c in enumerate(r["candidates"]):
            xs.append(c["evidence"])
            forms.append(c["form"])
            if right is None and (c["form"] or "").lower() == want:
                right = k
        items.append(dict(xs=xs, forms=forms, right=right, english=r["english"], fix=want))
    return items


def scores(w, xs):
    return [sum(a * b for a, b in zip(w, x)) for x in xs]


def first_right(w, item):
    """(the first agreeing candidate is the original, its probability)."""
    s = scores(w, item["xs"])
    best = max(s)
    z = sum(math.exp(v - best) for v in s)
    order = sorted(range(len(s)), key=lambda k: -s[k])
    for k in order:
        if item["forms"][k] is not None:
            return k == item["right"], math.exp(s[k] - best) / z
    return False, 0.0


def evaluate(w, items, flagged):
    right = sum(first_right(w, it)[0] for it in items)
    return right, flagged


def fit(items, n, lam=0.01, steps=3000, rate=0.05):
    data = [it for it in items if it["right"] is not None and len(it["xs"]) > 1]
    w = [0.0] * n
    for step in range(steps):
        grad = [-lam * v for v in w]
        for it in data:
            s = scores(w, it["xs"])
            best = max(s)
            e = [math.exp(v - best) for v in s]
            z = sum(e)
            for k, x in enumerate(it["xs"]):
                p = e[k] / z
                target = 1.0 if k == it["right"] else 0.0
                for j in range(n):
                    grad[j] += (target - p) * x[j]
        w = [v + rate * g / len(data) for v, g in zip(w, grad)]
    return w


def threshold(w, items):
    pairs = sorted(first_right(w, it)[::-1] for it in items)
    best = 0.0
    for step in range(1, 20):
        t = step * 0.05
        below = [ok for p, ok in pairs if p < t]
        if below and sum(below) < len(below) / 2:
            best = t
    return round(best, 2)


def report(label, w, t, items):
    right = withheld = withheld_right = 0
    for it in items:
        ok, p = first_right(w, it)
        right += ok
        if p < t:
            withheld += 1
            withheld_right += ok
    n = len(items)
    print(f"{label}: {n} flagged spun words; first suggestion right {right} ({right / max(n, 1):.1%}); "
          f"original among the candidates {sum(it['right'] is not None for it in items)}; "
          f"below the no-fix threshold {t}: {withheld} ({withheld_right} of them right)")


def write(names, w, t):
    text = open(EVIDENCE, encoding="utf-8").read()
    head, rest = text.split("pub(super) const WEIGHTS: [f32; FEATURE_COUNT] = [\n", 1)
    _, tail = rest.split("];", 1)
    body = "".join(f"    {v:.3f}, // {name}\n" for name, v in zip(names, w))
    text = head + "pub(super) const WEIGHTS: [f32; FEATURE_COUNT] = [\n" + body + "]" + ";" + tail
    text = re.sub(r"NO_FIX_BELOW: f32 = [\d.]+;", f"NO_FIX_BELOW: f32 = {t:.2f};", text)
    open(EVIDENCE, "w", encoding="utf-8").write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", default=os.path.join(SHARED, "corpus", "dev", "spun"))
    ap.add_argument("--check", help="a spun folder to score the shipped weights on")
    ap.add_argument("--write", action="store_true", help="write the fitted weights")
    a = ap.parse_args()
    names, shipped, shipped_t = features_and_weights()
    binary = build()
    if a.check:
        report(a.check, shipped, shipped_t, examples(binary, a.check))
        return
    items = examples(binary, a.set)
    report("shipped weights", shipped, shipped_t, items)
    w = fit(items, len(names))
    t = threshold(w, items)
    report("fitted weights", w, t, items)
    for name, v in zip(names, w):
        print(f"  {name:14} {v:7.3f}")
    if a.write:
        write(names, w, t)
        print(f"wrote {EVIDENCE}")


if __name__ == "__main__":
    main()
