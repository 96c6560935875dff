#!/bin/sh
# Benchmark of `ctk stats freq` against the classic shell pipeline
#   tr -cs '[:alpha:]' '\n' | sort | uniq -c | sort -rn
# on the same generated text (CTK_BENCH_MB megabytes, default 500: the size
# issue #13 sets for this comparison), and of
# `ctk stats keyness` on two large frequency tables (1,000,000 terms each)
# against an awk script computing the same 4-term G2.
#
# Rows, tab separated, in the common bench format:
#   name  input_MB  ctk_s  baseline  baseline_s  ratio  ctk_peak_MB
# where ratio = baseline_s / ctk_s (how many times faster ctk is). Times
# are the median of BENCH_RUNS runs (default 3), wall clock; peak memory
# is the maximum resident set size.
#
# Inputs are generated once into bench/work/stats/ (git-ignored): words of
# a 50,000-word synthetic vocabulary drawn with Zipf-like frequencies
# (a fixed seed), 10 MB generated and repeated up to the size asked.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
mb=${CTK_BENCH_MB:-500}
work=bench/work/stats
mkdir -p "$work"
stats=$top/bin/ctk-stats
export LC_ALL=C

measure() {
	runs=${BENCH_RUNS:-3}
	times=""
	PEAK_MB=0
	i=0
	while [ "$i" -lt "$runs" ]; do
		/usr/bin/time -f '%e %M' -o "$work/time" sh -c "$1" \
		    >/dev/null 2>"$work/err" || {
			echo "bench: command failed: $1" >&2
			cat "$work/err" >&2
			exit 1
		}
		read -r s kb <"$work/time"
		times="$times $s"
		[ $((kb / 1024)) -gt "$PEAK_MB" ] && PEAK_MB=$((kb / 1024))
		i=$((i + 1))
	done
	SECONDS_TAKEN=$(echo $times | tr ' ' '\n' | sort -n |
	    awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
}

row() {
	ratio=$(awk -v a="$5" -v b="$3" \
	    'BEGIN { if (b > 0) printf "%.2f", a / b; else print "inf" }')
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" \
	    "$ratio" "$6"
}

# 10 MB of lines of words; the same words as a tokens column.
gen_chunk() {
	awk -v seed="$1" -v bytes=10000000 'BEGIN {
		srand(seed)
		for (i = 0; i < 50000; i++) {
			w = ""
			n = 2 + int(rand() * 8)
			for (j = 0; j < n; j++)
				w = w sprintf("%c", 97 + int(rand() * 26))
			vocab[i] = w
		}
		total = 0
		while (total < bytes) {
			line = ""
			for (k = 0; k < 12; k++) {
				# rank ~ exp(u * ln 50000): a Zipf-like spread
				r = int(exp(rand() * log(50000))) - 1
				line = line (k ? " " : "") vocab[r]
			}
			print line
			total += length(line) + 1
		}
	}'
}

text=$work/text-$mb.txt
tokens=$work/tokens-$mb.tsv
if [ ! -f "$tokens" ]; then
	gen_chunk 7 >"$work/chunk.txt"
	: >"$text"
	i=0
	while [ "$i" -lt "$mb" ]; do
		cat "$work/chunk.txt" >>"$text"
		i=$((i + 10))
	done
	awk 'BEGIN { print "id\ttokens" } { print NR "\t" $0 }' "$text" \
	    >"$tokens"
fi
size=$(awk -v b="$(wc -c <"$text")" 'BEGIN { printf "%.0f", b / 1e6 }')

measure "'$stats' freq '$tokens'"
ctk_s=$SECONDS_TAKEN ctk_mb=$PEAK_MB
measure "tr -cs '[:alpha:]' '\\n' <'$text' | sort | uniq -c | sort -rn"
row stats-freq "$size" "$ctk_s" "tr|sort|uniq" "$SECONDS_TAKEN" "$ctk_mb"

# two tables of 1,000,000 terms with random counts
tables() {
	awk -v seed="$1" 'BEGIN {
		srand(seed)
		total = 0
		for (i = 0; i < 1000000; i++) {
			c[i] = 1 + int(exp(rand() * log(10000)))
			total += c[i]
		}
		print "term\tcount\ttotal"
		for (i = 0; i < 1000000; i++)
			printf "w%d\t%d\t%d\n", i, c[i], total
	}'
}
[ -f "$work/target.tsv" ] || tables 1 >"$work/target.tsv"
[ -f "$work/ref.tsv" ] || tables 2 >"$work/ref.tsv"
tsize=$(awk -v b="$(($(wc -c <"$work/target.tsv") + \
    $(wc -c <"$work/ref.tsv")))" 'BEGIN { printf "%.0f", b / 1e6 }')
cat >"$work/g2.awk" <<'AWK'
function xlx(o, e) { return o > 0 ? o * log(o / e) : 0 }
BEGIN { FS = "\t" }
FNR == 1 { next }
NR == FNR { a[$1] = $2; n1 = $3; next }
{
	b = $2; n2 = $3; x = a[$1] + 0; n = n1 + n2; k = x + b
	g = 2 * (xlx(x, n1 * k / n) + xlx(b, n2 * k / n) + \
	    xlx(n1 - x, n1 * (n - k) / n) + xlx(n2 - b, n2 * (n - k) / n))
	printf "%s\t%.6f\n", $1, g
}
AWK
measure "'$stats' keyness '$work/target.tsv' '$work/ref.tsv'"
ctk_s=$SECONDS_TAKEN ctk_mb=$PEAK_MB
measure "awk -f '$work/g2.awk' '$work/target.tsv' '$work/ref.tsv' | sort -t '	' -k2,2gr"
row stats-keyness "$tsize" "$ctk_s" "awk-g2|sort" "$SECONDS_TAKEN" "$ctk_mb"
