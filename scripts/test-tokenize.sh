#!/bin/sh
# Checks of ctk-tokenize beyond the golden files: every rule example of
# the man page (".Dl TEXT \(-> TOKENS" lines) gives the tokens it shows,
# and a 100 MB text in one field goes through in one piece.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
bin=$top/bin/ctk-tokenize
man=$top/man/ctk-tokenize.1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export CTK_DATADIR="$top/data" LC_ALL=C.UTF-8

if [ ! -x "$bin" ]; then
	echo "SKIP tokenize/man-examples: $bin not built"
	exit 0
fi

# The man page examples, run as tests so that the documentation cannot rot.
n=0
grep '^\.Dl .* \\(-> ' "$man" | sed 's/^\.Dl //' >"$tmp/examples"
while IFS= read -r line; do
	n=$((n + 1))
	text=${line%% \\(-> *}
	want=${line#* \\(-> }
	got=$(printf 'text\n%s\n' "$text" | "$bin" | tail -n 1 |
	    awk -F'\t' '{print $NF}')
	if [ "$got" = "$want" ]; then
		echo "PASS tokenize/man-example-$n"
	else
		echo "FAIL tokenize/man-example-$n"
		echo "    text:     $text"
		echo "    expected: $want"
		echo "    got:      $got"
	fi
done <"$tmp/examples"
[ "$n" -gt 0 ] || echo "FAIL tokenize/man-examples: none found in $man"

# 100 MB in one field: 6 tokens per repetition of the unit.
unit='Le chat, 12 000 #tags https://x.fr 👍'
reps=2500000
{
	printf 'id\ttext\n1\t'
	yes "$unit" | head -n $reps | tr '\n' ' '
	echo
} >"$tmp/big.tsv"
count=$("$bin" "$tmp/big.tsv" | sed 1d | cut -f 3 |
    tr ' ' '\n' | grep -c .)
if [ "$count" = $((reps * 6)) ]; then
	echo "PASS tokenize/one-field-100MB"
else
	echo "FAIL tokenize/one-field-100MB: $count tokens, expected $((reps * 6))"
fi
