#!/bin/sh
# `make check-valgrind`: the golden tests (scripts/golden.sh) with every
# tool run under valgrind memcheck. A shim per tool, first on PATH, execs
# valgrind on the real binary: a memory error or a definite leak makes
# the tool exit 99 and print valgrind's report on stderr, so that the case
# fails on its status and its stderr. Slow (a few minutes): not part of
# make check. Arguments are passed on to golden.sh (tool names).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v valgrind >/dev/null 2>&1; then
	echo "SKIP valgrind: valgrind is not installed (scripts/deps.sh)"
	exit 0
fi
shims=$(mktemp -d)
trap 'rm -rf "$shims"' EXIT INT TERM
for tool in "$top"/bin/ctk*; do
	[ -x "$tool" ] || continue
	name=${tool##*/}
	cat >"$shims/$name" <<SHIM
#!/bin/sh
exec valgrind -q --tool=memcheck --error-exitcode=99 --leak-check=full \\
    --errors-for-leak-kinds=definite --show-leak-kinds=definite \\
    --track-origins=no "$tool" "\$@"
SHIM
	chmod +x "$shims/$name"
done
CTK_GOLDEN_BIN=$shims CTK_DATADIR=${CTK_DATADIR:-$top/data} \
    sh "$top/scripts/golden.sh" "$@" | tee "$shims/log"
passed=$(grep -c '^PASS ' "$shims/log")
failed=$(grep -c '^FAIL ' "$shims/log")
echo "valgrind: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
