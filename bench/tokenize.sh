#!/bin/sh
# Benchmark of ctk tokenize on ~100 MB of French and English running text
# (translated and original manual pages, repeated), against
#   tr -cs '[:alpha:]' '\n'          (the classic shell word splitter)
#   NLTK word_tokenize               (python3-nltk; preserve_line=True so
#                                     that no downloaded Punkt model is
#                                     needed: it runs offline), timed on a
#                                     slice of BENCH_NLTK_MB (default 10)
#                                     MB and scaled linearly to the whole.
# Prints rows: name input_MB ctk_s baseline baseline_s ratio ctk_peak_MB
# (tab separated; ratio = baseline_s / ctk_s, how many times faster ctk is).
# The seconds are CPU seconds (user + sys), the best of BENCH_RUNS runs,
# with ctk on one core (-j 1): on a shared machine wall clock measures the
# neighbours as much as the program. A '#' note line gives the median wall
# clock seconds of the same runs and the load average.
# Input is generated once in bench/work/tokenize/ (git-ignored).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
work=$top/bench/work/tokenize
ctk=$top/bin/ctk-tokenize
target_mb=${BENCH_MB:-100}
nltk_mb=${BENCH_NLTK_MB:-10}
runs=${BENCH_RUNS:-3}
mkdir -p "$work"
export LC_ALL=C.UTF-8 CTK_DATADIR="$top/data"

# Plain text of roff manual pages: one paragraph per line, no tabs, no
# backslashes (so the TSV version needs no escaping).
man_text() {
	find "$@" -name '*.gz' 2>/dev/null | sort | while read -r f; do
		zcat "$f" 2>/dev/null
	done | sed -e 's/\\f[BIRP]//g' -e 's/\\(..//g' -e 's/\\[-&e]//g' \
	    -e 's/\\//g' -e '/^\.\(SH\|PP\|P\|LP\|TP\|IP\|sp\|br\)/s/.*//' \
	    -e 's/^\.[A-Za-z]* *//' -e 's/\t/ /g' |
	    awk 'NF { p = p (p == "" ? "" : " ") $0; next }
		p != "" { print p; p = "" } END { if (p != "") print p }'
}

if [ ! -s "$work/corpus.txt" ]; then
	man_text /usr/share/man/fr >"$work/seed.txt"
	man_text /usr/share/man/man1 /usr/share/man/man5 /usr/share/man/man8 \
	    >>"$work/seed.txt"
	[ -s "$work/seed.txt" ] || {
		echo "bench/tokenize.sh: no manual pages to build text from" >&2
		exit 1
	}
	: >"$work/repeated.txt"
	while [ "$(wc -c <"$work/repeated.txt")" -lt $((target_mb * 1048576)) ]; do
		cat "$work/seed.txt" >>"$work/repeated.txt"
	done
	head -c $((target_mb * 1048576)) "$work/repeated.txt" | sed '$d' \
	    >"$work/corpus.txt"
	rm -f "$work/repeated.txt"
	awk 'BEGIN { print "id\ttext" } { print NR "\t" $0 }' \
	    "$work/corpus.txt" >"$work/corpus.tsv"
	head -c $((nltk_mb * 1048576)) "$work/corpus.txt" |
	    sed '$d' >"$work/slice.txt"
fi

# measure CMD: least CPU seconds (user + sys) of $runs runs in $secs,
# median wall seconds in $wall, max RSS in $peak
measure() {
	times=""
	walls=""
	peak=0
	i=0
	while [ $i -lt "$runs" ]; do
		/usr/bin/time -f '%U %S %e %M' -o "$work/time" sh -c "$1" \
		    >/dev/null
		read -r u sy w kb <"$work/time"
		times="$times $(awk -v u="$u" -v s="$sy" \
		    'BEGIN { printf "%.2f", u + s }')"
		walls="$walls $w"
		[ $((kb / 1024)) -gt $peak ] && peak=$((kb / 1024))
		i=$((i + 1))
	done
	secs=$(echo $times | tr ' ' '\n' | sort -n | head -n 1)
	wall=$(echo $walls | tr ' ' '\n' | sort -n |
	    awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
}

row() {
	ratio=$(awk -v a="$5" -v b="$3" \
	    'BEGIN { if (b > 0) printf "%.2f", a / b; else print "inf" }')
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" \
	    "$ratio" "$6"
}

mb=$(awk -v b="$(wc -c <"$work/corpus.tsv")" 'BEGIN { printf "%.0f", b / 1048576 }')

load=$(cut -d' ' -f1-3 /proc/loadavg)
measure "'$ctk' -j 1 '$work/corpus.tsv'"
ctk_s=$secs
ctk_wall=$wall
ctk_peak=$peak

measure "tr -cs '[:alpha:]' '\\n' <'$work/corpus.txt'"
row tokenize "$mb" "$ctk_s" "tr -cs [:alpha:]" "$secs" "$ctk_peak"
notes="# tokenize: CPU s, best of $runs; wall s (median): ctk -j 1 $ctk_wall, tr $wall"

nltk_py=/usr/bin/python3
if $nltk_py -c 'import nltk' 2>/dev/null; then
	cat >"$work/nltk_tok.py" <<'PY'
import sys
from nltk.tokenize import word_tokenize
out = sys.stdout
for line in sys.stdin:
    out.write(" ".join(word_tokenize(line, preserve_line=True)))
    out.write("\n")
PY
	measure "$nltk_py '$work/nltk_tok.py' <'$work/slice.txt'"
	slice_mb=$(awk -v b="$(wc -c <"$work/slice.txt")" 'BEGIN { print b / 1048576 }')
	scaled=$(awk -v s="$secs" -v a="$slice_mb" -v m="$mb" \
	    'BEGIN { printf "%.2f", s * m / a }')
	row tokenize "$mb" "$ctk_s" "nltk word_tokenize (scaled from ${nltk_mb} MB)" \
	    "$scaled" "$ctk_peak"
	notes="$notes, nltk $(awk -v s="$wall" -v a="$slice_mb" -v m="$mb" \
	    'BEGIN { printf "%.2f", s * m / a }') (scaled)"
else
	echo "bench/tokenize.sh: python3-nltk missing, NLTK row skipped" >&2
fi
echo "$notes; load before: $load"
