#!/bin/sh
# Benchmark of ctk ingest on a synthetic Telegram JSON export.
#
# Generates bench/work/tg-<MB>.json (CTK_BENCH_MB, default 100) with
# bench/gen-telegram.py, then times
#   ctk-ingest FILE > /dev/null
# against two baselines:
#   jq -c '.messages[] | [.id,.date,.text]' FILE   (what a user would do)
#   cat FILE > /dev/null                           (the disk/cache floor)
# and prints one tab-separated row per baseline:
#   name input_MB ctk_s baseline baseline_s ratio ctk_peak_MB
# ratio = baseline_s / ctk_s (how many times faster ctk is). Peak RSS comes
# from /usr/bin/time -f %M. Targets: >= 5x jq, >= 100 MB/s, peak < 100 MB.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
mb=${CTK_BENCH_MB:-100}
work=$top/bench/work
file=$work/tg-$mb.json
mkdir -p "$work"
if [ ! -s "$file" ]; then
	python3 "$top/bench/gen-telegram.py" "$mb" > "$file.tmp"
	mv "$file.tmp" "$file"
fi
size_mb=$(awk -v b="$(wc -c < "$file")" 'BEGIN { printf "%.1f", b / 1048576 }')

# seconds and peak KB of a command, best of 3 runs (the machine is shared)
measure() {
	best_s=
	best_kb=
	for run in 1 2 3; do
		/usr/bin/time -f '%e %M' -o "$work/time.out" "$@" > /dev/null
		read -r s kb < "$work/time.out"
		if [ -z "$best_s" ] || awk -v a="$s" -v b="$best_s" \
		    'BEGIN { exit !(a < b) }'; then
			best_s=$s
		fi
		if [ -z "$best_kb" ] || [ "$kb" -gt "$best_kb" ]; then
			best_kb=$kb
		fi
	done
	echo "$best_s $best_kb"
}

cat "$file" > /dev/null		# warm the page cache
read -r ctk_s ctk_kb <<EOT
$(measure "$top/bin/ctk-ingest" -q "$file")
EOT
ctk_mb=$(awk -v k="$ctk_kb" 'BEGIN { printf "%.1f", k / 1024 }')

row() {
	awk -v n="$1" -v mb="$size_mb" -v c="$ctk_s" -v b="$2" -v bs="$3" \
	    -v peak="$ctk_mb" 'BEGIN {
		r = (c > 0) ? bs / c : 0
		printf "%s\t%s\t%.2f\t%s\t%.2f\t%.2f\t%s\n", n, mb, c, b, bs, r, peak
	}'
}

if command -v jq > /dev/null 2>&1; then
	read -r jq_s jq_kb <<EOT
$(measure jq -c '.messages[] | [.id,.date,.text]' "$file")
EOT
	row ingest-telegram-json jq "$jq_s"
else
	echo "ingest.sh: jq not found, skipping the jq baseline" >&2
fi
read -r cat_s cat_kb <<EOT
$(measure cat "$file")
EOT
row ingest-telegram-json cat "$cat_s"
awk -v mb="$size_mb" -v c="$ctk_s" 'BEGIN {
	printf "# ctk-ingest throughput: %.0f MB/s\n", (c > 0) ? mb / c : 0 }'

# Constant memory: a large export (CTK_BENCH_MEM_MB, default 500) must
# ingest with a peak RSS under 100 MB. One run; the file is generated once
# and kept in bench/work/.
big_mb=${CTK_BENCH_MEM_MB:-500}
big=$work/tg-$big_mb.json
if [ ! -s "$big" ]; then
	python3 "$top/bench/gen-telegram.py" "$big_mb" > "$big.tmp"
	mv "$big.tmp" "$big"
fi
/usr/bin/time -f '%e %M' -o "$work/time.out" "$top/bin/ctk-ingest" -q "$big" > /dev/null
read -r big_s big_kb < "$work/time.out"
awk -v mb="$(awk -v b="$(wc -c < "$big")" 'BEGIN { printf "%.1f", b / 1048576 }')" \
    -v s="$big_s" -v kb="$big_kb" 'BEGIN {
	printf "ingest-memory-%dMB\t%s\t%.2f\t-\t-\t-\t%.1f\n", mb, mb, s, kb / 1024
	printf "# ingest of a %s MB export: peak RSS %.1f MB (limit 100 MB): %s\n",
	    mb, kb / 1024, kb / 1024 < 100 ? "ok" : "OVER THE LIMIT"
}'
