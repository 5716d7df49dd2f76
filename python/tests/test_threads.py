"""The GIL is released while a text is linted: Python threads run during a call, and calls
from two threads run at the same time.

These tests look at what can happen only without the GIL, not at speed, so a loaded machine
does not make them fail: another thread records the times at which it makes progress, and we
count the records that fall well inside one long call. A call that held the GIL would let no
other thread run between its first and last few milliseconds (Python switches threads only
between bytecodes, every 5 ms), so none could fall there.
"""

from __future__ import annotations

import threading
import time

import mtlint

#: Seconds trimmed from each end of the long call: many times Python's switch interval.
MARGIN = 0.05


def long_text(linter: mtlint.Linter, seeds, at_least: float) -> str:
    """A text of the seed documents repeated until scoring it lasts `at_least` seconds."""
    text = "\n\n".join(seed.read_text(encoding="utf-8") for seed in seeds)
    while True:
        started = time.perf_counter()
        linter.score(text)
        if time.perf_counter() - started >= at_least:
            return text
        text += text


def records_inside_a_long_call(linter: mtlint.Linter, text: str, work) -> tuple[int, int]:
    """Runs `work(record, stop)` in a thread while this one scores `text` (a call with a tiny
    result: all of its time is spent in the engine). Returns how many of the times `work`
    recorded fall inside the call, its ends trimmed by MARGIN, and how many it recorded."""
    times: list[float] = []
    stop = threading.Event()
    thread = threading.Thread(target=work, args=(times.append, stop))
    thread.start()
    try:
        time.sleep(0.05)
        started = time.perf_counter()
        linter.score(text)
        ended = time.perf_counter()
    finally:
        stop.set()
        thread.join()
    inside = [t for t in times if started + MARGIN < t < ended - MARGIN]
    return len(inside), len(times)


def test_a_python_thread_runs_during_a_call(seeds):
    linter = mtlint.Linter()
    text = long_text(linter, seeds, at_least=0.4)

    def count(record, stop):
        counter = 0
        while not stop.is_set():
            counter += 1
            if counter % 1000 == 0:
                record(time.perf_counter())

    inside, total = records_inside_a_long_call(linter, text, count)
    assert inside >= 5, (inside, total)


def test_calls_from_two_threads_run_at_once(seeds):
    linter = mtlint.Linter()
    text = long_text(linter, seeds, at_least=0.4)
    paragraph = " ".join(seeds[0].read_text(encoding="utf-8").split()[:500])

    def check(record, stop):
        while not stop.is_set():
            linter.check(paragraph)
            record(time.perf_counter())

    inside, total = records_inside_a_long_call(linter, text, check)
    assert inside >= 3, (inside, total)


def test_threads_share_one_linter_and_agree(seeds):
    linter = mtlint.Linter()
    texts = [seed.read_text(encoding="utf-8") for seed in seeds]
    expected = [linter.check(text) for text in texts]
    fixed = [linter.fix(text, unsafe=True) for text in texts]
    results: list[list] = [[] for _ in range(4)]

    def work(i: int):
        for _ in range(3):
            results[i].append(([linter.check(t) for t in texts], [linter.fix(t, unsafe=True) for t in texts]))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for per_thread in results:
        assert per_thread == [(expected, fixed)] * 3
