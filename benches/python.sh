#!/usr/bin/env bash
# The Python package's speed: calls per second of mtlint.check on 500-word documents against
# spawning the binary per document, two threads against one (benches/python_calls.py), and
# the Spark example's throughput on local[2] against one Python process
# (benches/spark_throughput.py). It builds the wheel and the binary in release mode first,
# in the virtual environment of .ci/python.
#
# Usage: benches/python.sh [MEGABYTES_FOR_SPARK (default 20)]
set -euo pipefail
cd "$(dirname "$0")/.."
python="$(bash .ci/python --prepare | tail -1)"
cargo build --release --locked --quiet
binary="${CARGO_TARGET_DIR:-target}/release/mtlint"
echo "== calls per second ($(nproc) cores)"
"$python" benches/python_calls.py "$binary"
# Text the rules were not written on, when the shared corpus is beside the repository.
if [ -d ../shared/corpus/dev/spun ]; then
  "$python" benches/python_calls.py "$binary" --corpus ../shared/corpus/dev/spun
fi
echo "== spark"
PYSPARK_PYTHON="$python" SPARK_LOCAL_IP=127.0.0.1 "$python" benches/spark_throughput.py --mb "${1:-20}" 2>/dev/null
