#!/bin/sh
# Every tool against a hostile environment and hostile input:
#  - writing to /dev/full: an error message and exit 2, never a silent 0;
#  - a reader that goes away (`| head -1`): exit 0 and no message;
#  - peak memory (/usr/bin/time -f %M) on adversarial input: a 100 MB line,
#    a gzip bomb, 200,000 distinct tokens in one line, deep JSON and HTML:
#    bounded by a limit that does not grow with the input; a long line
#    must not take quadratic time either (checked by a time budget).
# Prints the measured peaks on stderr-free "PASS" lines for the report.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
PATH=$top/bin:$PATH
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass() { echo "PASS hostile/$1"; }
fail() { echo "FAIL hostile/$1"; shift; for l in "$@"; do echo "    $l"; done; }

# Inputs: a document stream, its tokens, a store.
ctk-ingest -q "$top"/testdata/sample/*.json >"$tmp/docs.tsv" 2>/dev/null
ctk-tokenize "$tmp/docs.tsv" >"$tmp/tok.tsv"
ctk-ingest -q --db "$tmp/s.db" "$tmp/docs.tsv" 2>/dev/null
# a stream long enough that the output does not fit a pipe buffer
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	tail -n +2 "$tmp/docs.tsv" | sed "s/^/$i-/"
done | { head -n 1 "$tmp/docs.tsv"; cat; } >"$tmp/many.tsv"
ctk-tokenize "$tmp/many.tsv" >"$tmp/many-tok.tsv"

# One command line per tool (and per stats subcommand), reading $IN.
run_tool() {
	case $1 in
	ingest) ctk-ingest "$tmp/many.tsv" ;;
	tokenize) ctk-tokenize "$tmp/many.tsv" ;;
	classify) ctk-classify lang "$tmp/many.tsv" ;;
	kwic) ctk-kwic Telegram "$tmp/many.tsv" ;;
	query) ctk-query "$tmp/s.db" ;;
	query-sql) ctk-query --sql 'SELECT * FROM docs' "$tmp/s.db" ;;
	stats-freq) ctk-stats freq "$tmp/many-tok.tsv" ;;
	stats-ngrams) ctk-stats ngrams -n 2 "$tmp/many-tok.tsv" ;;
	stats-summary) ctk-stats summary "$tmp/many-tok.tsv" ;;
	stats-timeline) ctk-stats timeline "$tmp/many.tsv" ;;
	ctk) ctk tokenize "$tmp/many.tsv" ;;
	split) ctk-split -n 2 -o - "$tmp/many.tsv" ;;
	esac
}
tools="ingest tokenize classify kwic query query-sql stats-freq stats-ngrams stats-summary stats-timeline ctk"

for t in $tools; do
	run_tool "$t" >/dev/full 2>"$tmp/err"
	status=$?
	if [ "$status" = 2 ] && [ -s "$tmp/err" ]; then
		pass "dev-full/$t"
	else
		fail "dev-full/$t" "status $status (want 2), stderr: $(head -c 200 "$tmp/err")"
	fi
	# head -1: the tool sees EPIPE or SIGPIPE; it must be quiet and exit 0
	st=$( { run_tool "$t" 2>"$tmp/err"; echo $? >"$tmp/status"; } | head -n 1 >/dev/null; cat "$tmp/status")
	if [ "$st" = 0 ] && [ ! -s "$tmp/err" ]; then
		pass "head-1/$t"
	else
		fail "head-1/$t" "status $st (want 0), stderr: $(head -c 200 "$tmp/err")"
	fi
done

# split writes files, not standard output: a full file system instead
if [ -w /dev/full ]; then
	ctk-split -n 2 -o /dev/full/x "$tmp/many.tsv" 2>"$tmp/err"
	status=$?
	if [ "$status" = 2 ] && [ -s "$tmp/err" ]; then
		pass "unwritable-shard/split"
	else
		fail "unwritable-shard/split" "status $status (want 2)"
	fi
fi

# Peak memory on adversarial input, in MB.
if [ ! -x /usr/bin/time ]; then
	echo "SKIP hostile/memory: /usr/bin/time is missing"
	exit 0
fi
peak() {	# peak MB of "$@", output discarded
	/usr/bin/time -f %M -o "$tmp/rss" "$@" >/dev/null 2>"$tmp/err"
	echo $(($(tail -n 1 "$tmp/rss") / 1024))
}
bounded() {	# name limit_MB command...
	name=$1 limit=$2
	shift 2
	start=$(date +%s)
	mb=$(peak "$@")
	secs=$(($(date +%s) - start))
	if [ "$mb" -le "$limit" ]; then
		pass "memory/$name (${mb} MB peak, limit $limit MB, ${secs} s)"
	else
		fail "memory/$name" "${mb} MB peak, limit $limit MB"
	fi
}
# a 100 MB line: TSV record, text line, token
awk 'BEGIN { printf "id\ttext\n1\tbefore\n2\t"; s = "abcdefghij"; while (length(s) < 1000000) s = s s; for (i = 0; i < 100; i++) printf "%s", substr(s, 1, 1000000); printf "\n3\tafter\n" }' >"$tmp/line.tsv"
bounded ingest-100mb-line-default-limit 160 ctk-ingest "$tmp/line.tsv"
bounded ingest-100mb-line-1M-limit 20 ctk-ingest --max-doc-size 1M "$tmp/line.tsv"
# a gzip bomb: 128 MiB of "a" without a newline, streamed
for i in 1 2 3 4 5 6 7 8; do
	cat "$top/testdata/bad/gzip-bomb-over-max-doc-size/a16m.gz"
done >"$tmp/bomb.gz"
bounded ingest-gzip-bomb-whole-text 160 ctk-ingest "$tmp/bomb.gz"
bounded ingest-gzip-bomb-1M-limit 20 ctk-ingest --max-doc-size 1M "$tmp/bomb.gz"
bounded ingest-gzip-bomb-by-lines-1M 20 ctk-ingest --max-doc-size 1M --split lines "$tmp/bomb.gz"
# 10 MB of distinct words on one line: tokenize, classify, kwic, stats
awk 'BEGIN { printf "id\ttext\n1\t"; for (i = 0; i < 1000000; i++) printf "w%d ", i; printf "\n" }' >"$tmp/words.tsv"
bounded tokenize-1M-words-one-line 400 ctk-tokenize "$tmp/words.tsv"
bounded classify-1M-words-one-line 100 ctk-classify lang "$tmp/words.tsv"
bounded kwic-1M-words-one-line 200 ctk-kwic w5 "$tmp/words.tsv"
ctk-tokenize "$tmp/words.tsv" >"$tmp/words-tok.tsv"
bounded stats-freq-1M-distinct-tokens 400 ctk-stats freq "$tmp/words-tok.tsv"
# one 20 MB token (no space): no quadratic scan (time budget below)
awk 'BEGIN { printf "id\ttext\n1\t"; s = "abcdefghij"; while (length(s) < 20000000) s = s s; printf "%s\n", substr(s, 1, 20000000) }' >"$tmp/token.tsv"
start=$(date +%s)
bounded tokenize-20mb-token 400 ctk-tokenize "$tmp/token.tsv"
secs=$(($(date +%s) - start))
if [ "$secs" -le 60 ]; then
	pass "time/tokenize-20mb-token (${secs} s)"
else
	fail "time/tokenize-20mb-token" "${secs} s: quadratic?"
fi
# deep nesting
awk -f "$top/testdata/bad/json-nested-100000-deep/gen.awk" >"$tmp/deep.json"
bounded ingest-json-100000-deep 50 ctk-ingest "$tmp/deep.json"
awk 'BEGIN { printf "<html><body>"; for (i = 0; i < 1000000; i++) printf "<div>"; printf "x</body></html>\n" }' >"$tmp/deep.html"
bounded ingest-html-1000000-nested 200 ctk-ingest "$tmp/deep.html"
exit 0
