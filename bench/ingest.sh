#!/bin/sh
# Benchmark of ctk ingest on a synthetic Telegram JSON export.
#
# Generates bench/work/tg-<MB>.json (CTK_BENCH_MB, default 100) with
# bench/gen-telegram.py, then times
#   ctk-ingest FILE > /dev/null
# against two baselines:
#   jq -c '.messages[] | [.id,.date,.text]' FILE   (what a user would do)
#   cat FILE > /dev/null                           (the disk/cache floor)
# and prints one tab-separated row per baseline (and, at the end, the
# long-string row: see below):
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

# No quadratic behaviour on one long token: an export whose message text
# is one JSON string of 10 MB, then of 100 MB (yajl lexes a token that
# spans chunks again from its start; tgjson.c grows the chunks so that
# this stays linear). CPU time (user + system), best of 3; the 100 MB
# time must stay within 20 times the 10 MB time (linear: 10, quadratic:
# 100). Row: baseline = ten times the 10 MB time, ratio 1 = linear.
long_string() {
	f=$work/tg-string-$1MB.json
	if [ ! -s "$f" ]; then
		awk -v mb="$1" 'BEGIN {
			printf "{\"name\": \"long\", \"type\": \"public_channel\", \"id\": 1, \"messages\": [\n"
			printf "{\"id\": 1, \"type\": \"message\", \"date\": \"2024-01-01T10:00:00\", \"text\": \""
			s = "abcdefghij"
			while (length(s) < 1048576)
				s = s s
			s = substr(s, 1, 1048576)
			for (i = 0; i < mb; i++)
				printf "%s", s
			printf "\"},\n{\"id\": 2, \"type\": \"message\", \"date\": \"2024-01-01T10:00:01\", \"text\": \"after\"}\n]}\n"
		}' > "$f.tmp"
		mv "$f.tmp" "$f"
	fi
	cat "$f" > /dev/null
	best=
	kb_max=0
	for run in 1 2 3; do
		/usr/bin/time -f '%U %S %M' -o "$work/time.out" \
		    "$top/bin/ctk-ingest" -q --max-doc-size 1G "$f" > /dev/null
		read -r u s kb < "$work/time.out"
		cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
		if [ -z "$best" ] || awk -v a="$cpu" -v b="$best" \
		    'BEGIN { exit !(a < b) }'; then
			best=$cpu
		fi
		[ "$kb" -gt "$kb_max" ] && kb_max=$kb
	done
	echo "$best $kb_max"
}
read -r s10 kb10 <<EOT
$(long_string 10)
EOT
read -r s100 kb100 <<EOT
$(long_string 100)
EOT
awk -v a="$s10" -v b="$s100" -v kb="$kb100" 'BEGIN {
	base = 10 * a
	printf "ingest-json-string-100MB\t100.0\t%.2f\tstring-10MB-x10\t%.2f\t%.2f\t%.1f\n",
	    b, base, (b > 0) ? base / b : 0, kb / 1024
	r = (a > 0) ? b / a : 0
	printf "# one JSON string: 10 MB %.2f s, 100 MB %.2f s CPU: time ratio %.1f (linear 10, quadratic 100; budget 20): %s\n",
	    a, b, r, (a > 0 && r <= 20) ? "ok" : (a > 0 ? "OVER THE BUDGET" : "too fast to tell")
}'
