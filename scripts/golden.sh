#!/bin/sh
# Runs the golden-file tests of the tools.
#
# A case is a directory testdata/<tool>/<case>/ holding:
#   cmd              shell commands, run with sh in the case directory, with
#                    bin/ first on PATH and $CORPORA set to ../shared/corpora
#   stdin            (optional) standard input, else /dev/null
#   expected.out     (optional) exact expected stdout, else stdout is ignored
#   expected.err     (optional) exact expected stderr, else stderr must be empty
#   expected.status  (optional) exit status, default 0
#   needs-corpora    (optional) skip, saying why, when ../shared/corpora is absent
#
# Prints one line per case: "PASS name", "FAIL name" (with a diff), or
# "SKIP name: reason". Usage: golden.sh [TOOL...]
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
corpora=${CTK_CORPORA:-$top/../shared/corpora}
# the tools the cases run (scripts/valgrind-golden.sh puts shims here)
bindir=${CTK_GOLDEN_BIN:-$top/bin}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ $# -gt 0 ]; then
	dirs=""
	for t in "$@"; do dirs="$dirs $top/testdata/$t"; done
else
	dirs=$(find "$top/testdata" -mindepth 1 -maxdepth 1 -type d | sort)
fi

for tooldir in $dirs; do
	for case in $(find "$tooldir" -mindepth 1 -maxdepth 1 -type d | sort); do
		[ -f "$case/cmd" ] || continue
		name=${case#$top/testdata/}
		if [ -f "$case/needs-corpora" ] && [ ! -d "$corpora" ]; then
			echo "SKIP $name: $corpora not found"
			continue
		fi
		input=/dev/null
		[ -f "$case/stdin" ] && input=$case/stdin
		(cd "$case" && PATH="$bindir:$PATH" CORPORA="$corpora" \
		    TOP="$top" LC_ALL=C.UTF-8 TZ=UTC \
		    sh ./cmd <"$input" >"$tmp/out" 2>"$tmp/err")
		status=$?
		want_status=0
		[ -f "$case/expected.status" ] && want_status=$(cat "$case/expected.status")
		ok=1
		if [ "$status" != "$want_status" ]; then
			ok=0
			echo "  status $status, expected $want_status" >"$tmp/why"
		else
			: >"$tmp/why"
		fi
		if [ -f "$case/expected.out" ] &&
		    ! diff -u "$case/expected.out" "$tmp/out" >>"$tmp/why"; then
			ok=0
		fi
		want_err=/dev/null
		[ -f "$case/expected.err" ] && want_err=$case/expected.err
		if ! diff -u "$want_err" "$tmp/err" >>"$tmp/why"; then
			ok=0
		fi
		if [ $ok = 1 ]; then
			echo "PASS $name"
		else
			echo "FAIL $name"
			head -n 40 "$tmp/why" | sed 's/^/    /'
		fi
	done
done
