#!/bin/sh
# No quadratic behaviour on long lines and long tokens: each tool is timed
# on one huge record of S megabytes and of 4 S megabytes (CTK_LINEAR_MB,
# default 8), in CPU seconds (user + system: the cost of the work, which
# the load of a shared machine does not change). Linear cost takes 4 times
# as long on 4 times the input; quadratic cost 16 times.
#
# Rows, tab separated, in the common bench format:
#   name  input_MB  ctk_s  baseline  baseline_s  ratio  ctk_peak_MB
# where ctk_s is the CPU time on 4 S MB, baseline_s is 4 times the CPU
# time on S MB ("linear from S MB"), so ratio = 4 t(S) / t(4 S): about 1
# for linear cost (above 1 when the fixed cost shows), 0.25 for quadratic
# cost. The notes say which cases fall below 0.5.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
work=$top/bench/work/linear
mkdir -p "$work"
BENCH_TMP=$work
. "$top/bench/lib.sh"
export LC_ALL=C.UTF-8 CTK_DATADIR="$top/data" PATH="$top/bin:$PATH"
mb=${CTK_LINEAR_MB:-8}

# words MB: one document whose text is MB megabytes of distinct words
words() {
	awk -v n="$(($1 * 1048576))" 'BEGIN {
		printf "id\ttext\n1\t"
		for (i = 0; len < n; i++) { w = "w" i " "; printf "%s", w
			len += length(w) }
		printf "\n" }'
}

# token MB: one document whose text is one MB-megabyte token
token() {
	awk -v n="$(($1 * 1048576))" 'BEGIN {
		printf "id\ttext\n1\t"; s = "abcdefghij"
		while (length(s) < n) s = s s
		printf "%s\n", substr(s, 1, n) }'
}

# sentences MB: running French text on one line (words, sentences)
sentences() {
	awk -v n="$(($1 * 1048576))" 'BEGIN {
		printf "id\ttext\n1\t"
		s = "Le gouvernement a annoncé une réforme. Les syndicats " \
		    "appellent à la grève, aujourd\047hui et demain ! "
		for (len = 0; len < n; len += length(s)) printf "%s", s
		printf "\n" }'
}

# html MB: one article whose body is one MB-megabyte paragraph
html() {
	awk -v n="$(($1 * 1048576))" 'BEGIN {
		printf "<!DOCTYPE html><html lang=\"fr\"><head><meta " \
		    "charset=\"utf-8\"><title>Titre</title></head><body>" \
		    "<article><h1>Titre</h1><p>"
		s = "Le gouvernement a annoncé une réforme des retraites. "
		for (len = 0; len < n; len += length(s)) printf "%s", s
		printf "</p></article></body></html>\n" }'
}

slow="" fast=""
# case NAME GENERATOR COMMAND: COMMAND reads the input file as $IN
case_row() {
	name=$1 gen=$2 cmd=$3
	small=$work/$name-$mb.in
	big=$work/$name-$((4 * mb)).in
	[ -s "$small" ] || $gen "$mb" >"$small"
	[ -s "$big" ] || $gen "$((4 * mb))" >"$big"
	measure "IN='$small'; $cmd"
	small_cpu=$CPU_TAKEN
	measure "IN='$big'; $cmd"
	big_cpu=$CPU_TAKEN
	linear=$(awk -v s="$small_cpu" 'BEGIN { printf "%.2f", 4 * s }')
	row "linear-$name" "$((4 * mb))" "$big_cpu" \
	    "4x CPU s on $mb MB" "$linear" "$PEAK_MB"
	# below 0.2 s the clock's 0.01 s steps make the ratio meaningless
	if awk -v b="$big_cpu" 'BEGIN { exit !(b < 0.2) }'; then
		fast="$fast $name"
	elif awk -v a="$linear" -v b="$big_cpu" 'BEGIN { exit !(a / b < 0.5) }'
	then
		slow="$slow $name"
	fi
}

case_row tokenize-words words 'ctk-tokenize "$IN"'
case_row tokenize-one-token token 'ctk-tokenize "$IN"'
case_row tokenize-sentences sentences 'ctk-tokenize --sentences "$IN"'
case_row classify-lang-words words 'ctk-classify lang "$IN"'
case_row kwic-words words 'ctk-kwic w5 "$IN"'
case_row kwic-sentences sentences 'ctk-kwic réforme "$IN"'
case_row stats-freq-words words \
    'ctk-tokenize "$IN" | ctk-stats freq'
case_row ingest-tsv-field words 'ctk-ingest "$IN"'
case_row ingest-html-paragraph html 'ctk-ingest "$IN"'
case_row split-words words 'ctk-split -n 2 -o "$BENCH_TMP/part" "$IN"'

echo "# linear cost on one record of $mb and $((4 * mb)) MB (CPU s):" \
    "ratio = 4 t($mb MB) / t($((4 * mb)) MB), 1 when linear, 0.25 when" \
    "quadratic; below 0.5:${slow:- none}; too fast to tell (under 0.2 s" \
    "on $((4 * mb)) MB):${fast:- none}"
