#!/bin/sh
# Benchmark of `ctk classify lang` against CLD2 (libcld2, through
# bench/cld2-lang.cc) and Python langdetect (bench/langdetect-lang.py).
#
# Throughput rows, tab separated, in the common bench format:
#   name  input_MB  ctk_s  baseline  baseline_s  ratio  ctk_peak_MB
# where ratio = baseline_s / ctk_s (how many times faster ctk is).
# Accuracy on the held-out evaluation set (scripts/test-langid.sh) follows
# as comment lines starting with '#'.
#
# Input: the held-out sentences and messages of build/langid/corpus
# (rebuilt by scripts/langid-corpus.sh), repeated to about 20 MB of text,
# in bench/work/ (git-ignored).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
work=bench/work/langid-bench
mkdir -p "$work"
heldout=build/langid/corpus/heldout.tsv
[ -f "$heldout" ] || sh scripts/langid-corpus.sh >/dev/null
export CTK_DATADIR="$top/data"

# 20 MB of messages, and a 1 MB slice for the slow baseline.
if [ ! -f "$work/big.tsv" ]; then
	{
		echo "text"
		i=0
		while [ $i -lt 40 ]; do
			tail -n +2 "$heldout" | cut -f4
			i=$((i + 1))
		done
	} >"$work/big.tsv"
	head -c 1000000 "$work/big.tsv" | sed '$d' >"$work/small.tsv"
fi

have_cld2=0
if [ -f /usr/include/cld2/public/compact_lang_det.h ] &&
    ${CXX:-c++} -O2 -o "$work/cld2-lang" bench/cld2-lang.cc -lcld2 \
    2>/dev/null; then
	have_cld2=1
fi
have_langdetect=0
PY=/usr/bin/python3
$PY -c 'import langdetect' 2>/dev/null && have_langdetect=1

# seconds and peak resident MB of a command reading $1
measure() {
	in=$1
	shift
	/usr/bin/time -f '%e %M' -o "$work/time" "$@" <"$in" >/dev/null
	awk '{ printf "%.2f %.1f\n", $1, $2 / 1024 }' "$work/time"
}

mb() { awk -v b="$(wc -c <"$1")" 'BEGIN { printf "%.1f", b / 1e6 }'; }

row() {
	# name input baseline-name baseline-command...
	name=$1 in=$2 base=$3
	shift 3
	set -- $(measure "$in" bin/ctk-classify lang -q) "$@"
	ctk_s=$1 ctk_mb=$2
	shift 2
	base_s=$(measure "$in" "$@" | cut -d' ' -f1)
	ratio=$(awk -v a="$base_s" -v b="$ctk_s" \
	    'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$(mb "$in")" \
	    "$ctk_s" "$base" "$base_s" "$ratio" "$ctk_mb"
}

[ $have_cld2 = 1 ] && row langid "$work/big.tsv" cld2 "$work/cld2-lang"
[ $have_langdetect = 1 ] &&
    row langid-small "$work/small.tsv" langdetect "$PY" \
    bench/langdetect-lang.py

# Accuracy on the held-out set, per kind (sentence, short).
accuracy() {
	label=$1
	shift
	"$@" <"$heldout" | awk -F'\t' -v who="$label" '
	    NR == 1 { next }
	    { n[$2]++; if ($1 == $NF) ok[$2]++ }
	    END { printf "# accuracy %-10s sentence %.2f%%  short %.2f%%\n",
	        who, 100 * ok["sentence"] / n["sentence"],
	        100 * ok["short"] / n["short"] }'
}
accuracy ctk sh -c 'bin/ctk-classify lang -q -c text | cut -f1,2,5'
[ $have_cld2 = 1 ] && accuracy cld2 "$work/cld2-lang"
[ $have_langdetect = 1 ] && accuracy langdetect "$PY" \
    bench/langdetect-lang.py
exit 0
