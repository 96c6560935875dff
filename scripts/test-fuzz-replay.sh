#!/bin/sh
# Replays every saved fuzz input (testdata/fuzz/<parser>/: minimized corpus
# and crash reproducers) through the harness built with the sanitizers.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
for r in "$top"/build/replay/*; do
	[ -x "$r" ] || continue
	name=${r##*/}
	dir=$top/testdata/fuzz/$name
	if [ ! -d "$dir" ] || [ -z "$(ls -A "$dir")" ]; then
		echo "SKIP fuzz-replay/$name: no saved inputs in testdata/fuzz/$name"
		continue
	fi
	if out=$(ASAN_OPTIONS=detect_leaks=1 "$r" "$dir"/* 2>&1); then
		echo "PASS fuzz-replay/$name ($(ls "$dir" | wc -l) inputs)"
	else
		echo "FAIL fuzz-replay/$name"
		echo "$out" | head -n 30 | sed 's/^/    /'
	fi
done
