#!/bin/sh
# Hadoop Streaming (or Spark) reducer for hadoop-mapper.sh: reads the
# mappers' lines (KEY TASK 0|1 LINE, any order), puts each map task's
# table back together in a scratch directory, and sums the tables with
# ctk stats merge, which writes the table one run over the whole input
# would have written, byte for byte. With several reducers each writes the
# complete table of its groups; `ctk stats merge part-*` of their outputs
# is then the whole table.
#
#   hadoop-reducer.sh [MERGE-OPTIONS]     e.g. --top 100
set -eu

dir=$(mktemp -d "${TMPDIR:-/tmp}/ctk-reduce.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM

# one file per task: its header once, then its rows
awk -F '\t' -v dir="$dir" '
	{
		line = $0
		sub(/^[^\t]*\t[^\t]*\t[^\t]*\t/, "", line)
		file = dir "/" $2
		if ($3 == "0") {
			if (!((file) in head)) {
				head[file] = line
				tasks[++n] = $2
			}
		} else {
			print line > (file ".rows")
		}
	}
	END {
		for (i = 1; i <= n; i++) {
			file = dir "/" tasks[i]
			close(file ".rows")
			print head[file] > (file ".tsv")
			while ((getline row < (file ".rows")) > 0)
				print row > (file ".tsv")
			close(file ".tsv")
		}
	}'
# no input (a reducer that got no key): no table
ls "$dir"/*.tsv >/dev/null 2>&1 || exit 0
ctk stats merge "$@" "$dir"/*.tsv
