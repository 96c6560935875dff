#!/bin/sh
# ctk tokenize | ctk stats: the two token layouts of ctk-tokenize (a tokens
# column, or --vertical) must give the same frequency table, and kwic
# must find every token that freq counts. Skipped until bin/ctk-tokenize
# is built. Prints PASS/FAIL/SKIP lines.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
corpora=${CORPORA:-${CTK_CORPORA:-$top/../shared/corpora}}
bin=$top/bin
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ ! -x "$bin/ctk-tokenize" ]; then
	echo "SKIP stats-pipeline: bin/ctk-tokenize not built"
	exit 0
fi
if [ ! -d "$corpora/telegram" ] || ! command -v python3 >/dev/null 2>&1
then
	echo "SKIP stats-pipeline: $corpora/telegram or python3 not found"
	exit 0
fi
CORPORA=$corpora python3 "$top/scripts/ref_stats.py" corpus "$tmp"
# the documents without the hand-made tokens column
cut -f1-12 "$tmp/docs.tsv" >"$tmp/plain.tsv"
"$bin/ctk-tokenize" -q "$tmp/plain.tsv" >"$tmp/tokens.tsv"
"$bin/ctk-tokenize" -q --vertical "$tmp/plain.tsv" >"$tmp/vertical.tsv"
"$bin/ctk-stats" freq "$tmp/tokens.tsv" >"$tmp/a.out"
"$bin/ctk-stats" freq "$tmp/vertical.tsv" >"$tmp/b.out"
if cmp -s "$tmp/a.out" "$tmp/b.out" && [ "$(wc -l <"$tmp/a.out")" -gt 10 ]
then
	echo "PASS stats-pipeline/freq-tokens-equals-vertical"
else
	echo "FAIL stats-pipeline/freq-tokens-equals-vertical"
	diff "$tmp/a.out" "$tmp/b.out" | head -n 5 | sed 's/^/    /'
fi
# n-grams of the vertical layout stop at sentence ends: never more
"$bin/ctk-stats" ngrams -n 2 "$tmp/tokens.tsv" | tail -n +2 |
    cut -f7 | sort -u >"$tmp/a.tot"
"$bin/ctk-stats" ngrams -n 2 "$tmp/vertical.tsv" | tail -n +2 |
    cut -f7 | sort -u >"$tmp/b.tot"
if [ "$(cat "$tmp/b.tot")" -le "$(cat "$tmp/a.tot")" ]; then
	echo "PASS stats-pipeline/ngrams-vertical-within-sentences"
else
	echo "FAIL stats-pipeline/ngrams-vertical-within-sentences"
fi
