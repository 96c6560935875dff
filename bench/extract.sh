#!/bin/sh
# Benchmark of the news-article reader of ctk ingest: HTML pages in a WARC
# (the evaluation pages repeated, bench/gen-warc.py, CTK_BENCH_MB MB,
# default 20) through `ctk-ingest -q FILE > /dev/null` on one core, against
# cat (the I/O floor). Prints the row
#   extract-html-warc input_MB ctk_s cat cat_s ratio ctk_peak_MB
# then notes: the throughput in MB/s of HTML (target >= 20 MB/s) and the
# extraction quality of scripts/eval-extract.sh (token precision, recall,
# F1 and title/date/author accuracy over the evaluation pages).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/lib.sh"
mb=${CTK_BENCH_MB:-20}
work=$top/bench/work
file=$work/articles-$mb.warc
mkdir -p "$work"
if [ ! -s "$file" ]; then
	python3 "$top/bench/gen-warc.py" "$mb" "$top" > "$file.tmp"
	mv "$file.tmp" "$file"
fi
size_mb=$(awk -v b="$(wc -c < "$file")" 'BEGIN { printf "%.1f", b / 1048576 }')
cat "$file" > /dev/null		# warm the page cache

# ctk-ingest is single-threaded: one core without pinning it
measure "'$top/bin/ctk-ingest' -q '$file'"
ctk_s=$SECONDS_TAKEN
ctk_peak=$PEAK_MB
measure "cat '$file'"
cat_s=$SECONDS_TAKEN
row extract-html-warc "$size_mb" "$ctk_s" cat "$cat_s" "$ctk_peak"
awk -v mb="$size_mb" -v c="$ctk_s" 'BEGIN {
	printf "# ctk-ingest news HTML throughput: %.1f MB/s on one core (target 20)\n",
	    (c > 0) ? mb / c : 0 }'
# on a shared machine wall time includes waiting: CPU time says more
/usr/bin/time -f '%U %S' -o "$BENCH_TMP/cpu" "$top/bin/ctk-ingest" -q "$file" \
    > /dev/null
awk -v mb="$size_mb" '{ c = $1 + $2
	printf "# ctk-ingest news HTML throughput by CPU time: %.1f MB/s (%.2f s user+sys)\n",
	    (c > 0) ? mb / c : 0, c }' "$BENCH_TMP/cpu"
sh "$top/scripts/eval-extract.sh" -q | sed 's/^/# /'
