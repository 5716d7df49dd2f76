"""Calls per second of the Python package on short documents, against spawning the binary
for each document, in the same run; and two threads against one.

Usage: python benches/python_calls.py MTLINT_BIN [--corpus DIR] [--words 500] [--seconds 5]
                                                 [--spawns 100]

The documents are windows of WORDS words over the `*.txt` files of DIR (default: the seed
corpus, fixtures/seeds: spun French dense with artifacts), at most 400 of them. Run by
benches/python.sh.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import pathlib
import subprocess
import time

import mtlint

REPO = pathlib.Path(__file__).resolve().parents[1]


SEEDS = REPO / "fixtures" / "seeds"


def documents(words: int, corpus: pathlib.Path = SEEDS, most: int = 400) -> list[str]:
    """Windows of `words` consecutive words of the corpus's texts, overlapping by three
    quarters when the corpus is small, at most `most` of them."""
    tokens = []
    for path in sorted(corpus.glob("*.txt")):
        tokens += path.read_text(encoding="utf-8").split()
    step = max(words // 4, (len(tokens) - words) // most + 1)
    return [" ".join(tokens[i : i + words]) + "\n" for i in range(0, len(tokens) - words, step)][:most]


def rate(call, docs: list[str], seconds: float) -> tuple[float, float]:
    """Calls per second and MB per second of `call` cycled over `docs` for `seconds`."""
    done = size = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        for doc in docs:
            call(doc)
            size += len(doc.encode())
        done += len(docs)
    elapsed = time.perf_counter() - started
    return done / elapsed, size / elapsed / 1e6


def threaded(linter: mtlint.Linter, docs: list[str], threads: int, rounds: int) -> tuple[float, float]:
    """Seconds to check `rounds` times every document on `threads` threads, and the CPU
    seconds the process used meanwhile per wall-clock second (2 when two threads ran all
    along on two cores; less on a loaded machine)."""
    work = docs * rounds
    started, cpu = time.perf_counter(), time.process_time()
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        list(pool.map(linter.check, work, chunksize=16))
    wall = time.perf_counter() - started
    return wall, (time.process_time() - cpu) / wall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--corpus", type=pathlib.Path, default=SEEDS)
    parser.add_argument("--words", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--spawns", type=int, default=100)
    args = parser.parse_args()
    docs = documents(args.words, args.corpus)
    size = sum(len(d.encode()) for d in docs) / len(docs)
    print(f"{args.corpus}: {len(docs)} documents of {args.words} words "
          f"({size / 1000:.1f} KB on average)")

    started = time.perf_counter()
    linter = mtlint.Linter()
    print(f"Linter() built in {1000 * (time.perf_counter() - started):.1f} ms")
    results = {}
    for name, call in [
        ("Linter.check", linter.check),
        ("mtlint.check (module, cached linter)", mtlint.check),
        ("Linter.score", linter.score),
        ("Linter.fix", linter.fix),
    ]:
        results[name] = rate(call, docs, args.seconds)
        calls, mbs = results[name]
        print(f"{name:40} {calls:8.1f} calls/s  {mbs:6.2f} MB/s")

    spawned = docs[: args.spawns] if len(docs) >= args.spawns else (docs * args.spawns)[: args.spawns]
    started = time.perf_counter()
    for doc in spawned:
        subprocess.run(
            [args.binary, "check", "--isolated", "--format", "json", "-"],
            input=doc.encode(),
            capture_output=True,
            check=False,
        )
    elapsed = time.perf_counter() - started
    spawn_rate = len(spawned) / elapsed
    print(f"{'binary spawned per document':40} {spawn_rate:8.1f} calls/s  "
          f"({1000 * elapsed / len(spawned):.1f} ms a call)")
    print(f"ratio Linter.check / spawn: {results['Linter.check'][0] / spawn_rate:.1f}x")

    rounds = max(1, int(4000 / len(docs)))
    one, one_cpu = threaded(linter, docs, 1, rounds)
    two, two_cpu = threaded(linter, docs, 2, rounds)
    print(f"{len(docs) * rounds} checks: 1 thread {one:.2f} s (CPU {one_cpu:.2f}), "
          f"2 threads {two:.2f} s (CPU {two_cpu:.2f}), speed-up {one / two:.2f}x")


if __name__ == "__main__":
    main()
