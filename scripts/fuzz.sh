#!/bin/sh
# `make fuzz FUZZ_SECONDS=N`: runs each libFuzzer harness for N seconds.
# The corpus grows in build/fuzz-corpus/<parser>/ (seeded from
# testdata/fuzz/<parser>/ and the parser's golden inputs); crash
# reproducers are written to testdata/fuzz/<parser>/ so that `make check`
# replays them from then on. Prints executions and coverage per harness.
set -u
seconds=$1
shift
top=$(cd "$(dirname "$0")/.." && pwd)
status=0
for f in "$@"; do
	name=${f##*/}
	corpus=$top/build/fuzz-corpus/$name
	saved=$top/testdata/fuzz/$name
	mkdir -p "$corpus" "$saved"
	echo "fuzz: $name for ${seconds}s" >&2
	"$f" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix="$saved/crash-" -print_final_stats=1 \
	    "$corpus" "$saved" >"$top/build/fuzz-$name.log" 2>&1 || status=1
	execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$top/build/fuzz-$name.log" | grep -o '[0-9]*$')
	cov=$(grep -oE 'cov: [0-9]+' "$top/build/fuzz-$name.log" | tail -n 1)
	# keep in testdata a minimized corpus (the inputs that add coverage)
	# of at most 300 KB (the largest inputs go first), and every crash
	# reproducer
	fresh=$top/build/fuzz-min/$name
	rm -rf "$fresh"
	mkdir -p "$fresh"
	"$f" -merge=1 -artifact_prefix="$top/build/fuzz-merge-" \
	    "$fresh" "$saved" "$corpus" >/dev/null 2>&1
	find "$saved" -type f ! -name 'crash-*' -delete
	cp "$fresh"/* "$saved"/ 2>/dev/null
	while [ "$(du -sk --apparent-size "$saved" | cut -f 1)" -gt 300 ]; do
		big=$(ls -S "$saved" | grep -v '^crash-' | head -n 1)
		[ -n "$big" ] || break
		rm -f "$saved/$big"
	done
	printf '%s\texecutions %s\t%s\n' "$name" "${execs:-?}" "${cov:-cov: ?}"
done
exit $status
