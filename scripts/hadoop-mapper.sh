#!/bin/sh
# Hadoop Streaming (or Spark rdd.pipe) mapper running ctk on one input
# split. The job input is ctk TSV documents (the output of ctk ingest),
# which a cluster cuts at line ends: a split has no header, or the header
# line when it is the file's start. So the header comes from a file
# shipped with the job (-files header.tsv; $CTK_HEADER, default
# ./header.tsv), and header lines in the split are dropped.
#
#   hadoop-mapper.sh [COMMAND]
#
# COMMAND is a shell pipeline from documents to a count table (default:
#   ctk classify lang | ctk tokenize --stopwords fr,en | ctk stats freq --by lang
# ); any table ctk stats merge can sum will do (freq, ngrams, timeline,
# network). Each line of the table goes out as
#   KEY <tab> TASK <tab> 0|1 <tab> the table's line
# KEY is the row's group (the first column when it is "group"; "all" for
# tables without groups), so that a group's rows from every mapper meet in
# one reducer; TASK names this map task (the table's totals are per task);
# 0 marks the table's header (sent once per key), 1 a row.
# See hadoop-reducer.sh, and SCALING in ctk(7).
set -eu

header=${CTK_HEADER:-header.tsv}
command=${1:-ctk classify lang | ctk tokenize --stopwords fr,en | ctk stats freq --by lang}
task=${mapreduce_task_id:-${mapred_task_id:-$(hostname)-$$}}

if [ ! -r "$header" ]; then
	echo "hadoop-mapper.sh: no header file '$header' (set CTK_HEADER)" >&2
	exit 2
fi
first=$(head -n 1 "$header")

# ENVIRON, not -v: awk -v would interpret backslashes
{ printf '%s\n' "$first"; H=$first awk '$0 != ENVIRON["H"]'; } |
    sh -c "$command" |
    awk -F '\t' -v task="$task" '
	NR == 1 { head = $0; grouped = ($1 == "group"); next }
	{
		key = grouped ? $1 : "all"
		if (!(key in seen)) {
			seen[key] = 1
			print key "\t" task "\t0\t" head
		}
		print key "\t" task "\t1\t" $0
	}'
