#!/bin/sh
# The whole test run behind `make check`: unit tests, golden files, the
# unit tests again under ASan+UBSan, extra test scripts, man page lint.
# Every item prints PASS/FAIL/SKIP; the run ends with one summary line
# "N passed, N failed, N skipped" and exits non-zero on any failure.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
log=$(mktemp)
trap 'rm -f "$log"' EXIT INT TERM

say() { echo "$1" | tee -a "$log"; }

# cmocka: one PASS/FAIL line per test case, from its own output.
run_unit() {
	kind=$1
	shift
	for t in "$@"; do
		[ -x "$t" ] || continue
		name=$kind/$(basename "$t")
		out=$(cd "$top" && CTK_DATADIR="$top/data" "$t" 2>&1)
		rc=$?
		base=$kind/$(basename "$t" _test)
		echo "$out" | sed -n 's|^\[       OK \] \(.*\)|PASS '"$base"'/\1|p' | tee -a "$log"
		echo "$out" | sed -n 's|^\[  FAILED  \] \([^ ]*\)$|FAIL '"$base"'/\1|p' | sort -u | tee -a "$log"
		why=$(echo "$out" | sed -n 's/^skipping: //p' | head -n 1)
		echo "$out" | sed -n 's|^\[  SKIPPED \] \([^ ]*\)$|SKIP '"$base"'/\1: '"${why:-skipped by the test}"'|p' | sort -u | tee -a "$log"
		if [ $rc -ne 0 ]; then
			echo "$out" | grep -v '^\[ *\(OK\|RUN\) *\]' | head -n 60 | sed 's/^/    /'
			if ! echo "$out" | grep -q '^\[  FAILED  \] [^ ]*$'; then
				say "FAIL $name (exit $rc)"
			fi
		fi
	done
}

echo "== unit tests"
run_unit unit build/test/*_test
echo "== golden tests"
sh scripts/golden.sh | tee -a "$log"
echo "== unit tests under AddressSanitizer + UBSan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
    run_unit asan build/santest/*_test
echo "== test scripts"
for s in scripts/test-*.sh; do
	[ -f "$s" ] || continue
	sh "$s" | tee -a "$log"
done
echo "== man pages"
for p in man/*.[1-9]; do
	[ -f "$p" ] || continue
	if out=$(mandoc -Tlint -W warning "$p" 2>&1) && [ -z "$out" ]; then
		say "PASS mandoc/$(basename "$p")"
	else
		say "FAIL mandoc/$(basename "$p")"
		echo "$out" | sed 's/^/    /'
	fi
done

passed=$(grep -c '^PASS ' "$log")
failed=$(grep -c '^FAIL ' "$log")
skipped=$(grep -c '^SKIP ' "$log")
echo
if [ "$failed" -gt 0 ]; then
	echo "failed:"
	grep '^FAIL ' "$log" | sed 's/^FAIL /  /'
fi
if [ "$skipped" -gt 0 ]; then
	echo "skipped:"
	grep '^SKIP ' "$log" | sed 's/^SKIP /  /'
fi
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
