"""Instructions per byte by stage of a document's check, from benches/stages.sh's marks.

Arguments: MARKS DUMPS RULES_JSON FILES UNIT_BYTES. MARKS is the standard error of the marked
build (one "stage-mark NAME" line per mark, in order); DUMPS holds callgrind's dump after each
mark (cg.out.1, cg.out.2, ...), whose total is the instructions run since the previous mark;
RULES_JSON is `mtlint rules --json`, which gives each rule's kind. The first half of the FILES
documents (UNIT_BYTES each) is left out.
"""

import collections
import json
import pathlib
import sys


def dump_totals(folder):
    """The instruction total of each numbered dump, in order."""
    dumps = [p for p in pathlib.Path(folder).glob("cg.out.*") if p.suffix[1:].isdigit()]
    totals = []
    for path in sorted(dumps, key=lambda p: int(p.suffix[1:])):
        with open(path, encoding="utf-8", errors="replace") as lines:
            for line in lines:
                if line.startswith(("summary:", "totals:")):
                    totals.append(int(line.split()[1]))
                    break
    return totals


def main():
    marks_path, dumps, rules_json, files, unit_bytes = sys.argv[1:6]
    files, unit_bytes = int(files), int(unit_bytes)
    with open(marks_path, encoding="utf-8") as lines:
        marks = [line.split(" ", 1)[1].strip() for line in lines if line.startswith("stage-mark ")]
    totals = dump_totals(dumps)
    if not marks or len(marks) != len(totals):
        sys.exit(f"{len(marks)} marks but {len(totals)} callgrind dumps: the run failed")
    if len(marks) % files:
        sys.exit(f"{len(marks)} marks for {files} documents: not the same stages in each")
    per_document = len(marks) // files
    kept = files - files // 2
    kind = {rule["id"]: rule["kind"] for rule in json.load(open(rules_json, encoding="utf-8"))}
    stages = collections.Counter()
    for name, total in list(zip(marks, totals))[(files // 2) * per_document :]:
        stages[name] += total
    nbytes = kept * unit_bytes
    kinds = collections.Counter()
    for name, total in stages.items():
        kinds[kind.get(name, name)] += total
    print(f"\n{kept} documents of {unit_bytes:,} bytes measured; instructions per byte")
    print(f"total: {sum(stages.values()) / nbytes:.1f}\n")
    print("by kind of rule (and the stages that are not rules):")
    for name, total in kinds.most_common():
        print(f"{total / nbytes:8.1f}  {name}")
    print("\nby stage and rule:")
    for name, total in stages.most_common():
        if total / nbytes >= 0.05:
            print(f"{total / nbytes:8.2f}  {name}")


if __name__ == "__main__":
    main()
