#!/bin/sh
# Memory of `ctk stats freq` grows with the vocabulary, not with the text:
# peak RSS on token streams of 100 MB and 1 GB (CTK_MEMORY_SIZES, in MB)
# whose vocabulary keeps growing as in real text (Heaps' law: about
# 30 t^0.6 types after t tokens, drawn with Zipf-like frequencies), against
# `sort | uniq -c`, which spills to disk and so is the usual way to count
# what does not fit in memory. Target: under 2 GB for 1 GB of text.
#
# Rows, tab separated, in the common bench format:
#   name  input_MB  ctk_s  baseline  baseline_s  ratio  ctk_peak_MB
# The notes give the number of types, the peak RSS per million types and
# per 100 MB of text.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
work=$top/bench/work/memory
mkdir -p "$work"
BENCH_TMP=$work
. "$top/bench/lib.sh"
export LC_ALL=C PATH="$top/bin:$PATH"
sizes=${CTK_MEMORY_SIZES:-100 1000}

# gen MB: documents of 100 tokens, "id<TAB>tokens"
gen() {
	awk -v bytes="$(($1 * 1048576))" 'BEGIN {
		srand(7)
		printf "id\ttokens\n"
		for (d = 1; len < bytes; d++) {
			line = d "\t"
			for (i = 0; i < 100; i++) {
				v = 1000 + 30 * t ^ 0.6
				w = "w" int(exp(rand() * log(v)))
				line = line (i ? " " : "") w
				t++
			}
			print line
			len += length(line) + 1
		}
	}'
}

for size in $sizes; do
	in=$work/tokens-$size.tsv
	[ -s "$in" ] || { gen "$size" >"$in.tmp" && mv "$in.tmp" "$in"; }
	BENCH_RUNS=1
	measure "ctk-stats freq '$in' >'$work/freq.tsv'"
	ctk_s=$SECONDS_TAKEN ctk_peak=$PEAK_MB
	types=$(($(wc -l <"$work/freq.tsv") - 1))
	measure "tail -n +2 '$in' | cut -f 2 | tr ' ' '\n' | sort | uniq -c"
	row "stats-freq-memory-$size" "$size" "$ctk_s" "sort|uniq -c" \
	    "$SECONDS_TAKEN" "$ctk_peak"
	echo "# stats freq on $size MB of tokens: $types types," \
	    "peak RSS $ctk_peak MB" \
	    "($(awk -v p="$ctk_peak" -v t="$types" 'BEGIN {
		printf "%.0f", p / (t / 1e6) }') MB per million types," \
	    "$(awk -v p="$ctk_peak" -v s="$size" 'BEGIN {
		printf "%.1f", p / (s / 100) }') MB per 100 MB of text;" \
	    "target for 1 GB: under 2048 MB)"
	rm -f "$work/freq.tsv"
done
