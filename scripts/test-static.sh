#!/bin/sh
# Static analysis of lib/ and cmd/ (the test files too for cppcheck):
#
#   cppcheck    --enable=warning,portability: real bugs and portability
#               problems, not style. A finding that is a false positive is
#               silenced in place with a "cppcheck-suppress" comment that
#               says why.
#   clang-tidy  clang-analyzer-* (the static analyzer: null dereferences,
#               leaks, use after free, uninitialized reads) and bugprone-*,
#               minus the checks that flag this code base's deliberate
#               idioms rather than bugs:
#                 bugprone-easily-swappable-parameters  (any two size_t)
#                 bugprone-narrowing-conversions        (size_t -> int for
#                                                        library APIs, checked)
#                 bugprone-reserved-identifier          (CTK_ header guards)
#                 clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling
#                                                       (memcpy/snprintf: the
#                                                        C11 Annex K advice)
#                 bugprone-assignment-in-if-condition   (the house style)
#                 bugprone-sizeof-expression            (qsort of pointer
#                                                        arrays: sizeof *names)
#                 bugprone-implicit-widening-of-multiplication-result
#                                                       (constant sizes, 1 << 20)
#                 bugprone-branch-clone                 (parallel branches kept
#                                                        apart on purpose)
#                 bugprone-integer-division             (midpoint indexes in a
#                                                        floating expression)
#                 bugprone-suspicious-string-compare    (strcmp(a, b) && ...)
#                 bugprone-not-null-terminated-result   (memcpy into fixed
#                                                        escape buffers)
#                 clang-analyzer-valist.Uninitialized   (false positive of
#                                                        clang-tidy 14 on a
#                                                        va_list parameter)
#               The analyzer's other false positives are silenced in place
#               with a NOLINTNEXTLINE comment that says why (7 of them).
#
# Prints PASS/FAIL per tool, or SKIP when the tool is not installed
# (scripts/deps.sh installs both).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
PKGS="icu-uc icu-i18n icu-io sqlite3 zlib libxml-2.0 yajl"
defs="-D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -DCTK_VERSION=\"0\" -DCTK_DATADIR=\"/usr/local/share/ctk\""

if command -v cppcheck >/dev/null 2>&1; then
	# shellcheck disable=SC2086
	if cppcheck -q --std=c11 --enable=warning,portability --inline-suppr \
	    --error-exitcode=1 --suppress=missingIncludeSystem \
	    -Ilib -Icmd -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
	    -DCTK_VERSION='"0"' -DCTK_DATADIR='"/usr/local/share/ctk"' \
	    lib cmd >"$tmp/cppcheck" 2>&1; then
		echo "PASS static/cppcheck"
	else
		echo "FAIL static/cppcheck"
		head -n 40 "$tmp/cppcheck" | sed 's/^/    /'
	fi
else
	echo "SKIP static/cppcheck: cppcheck is not installed (scripts/deps.sh)"
fi

checks='-*,clang-analyzer-*,bugprone-*'
checks="$checks,-bugprone-easily-swappable-parameters"
checks="$checks,-bugprone-narrowing-conversions"
checks="$checks,-bugprone-reserved-identifier"
checks="$checks,-bugprone-assignment-in-if-condition"
checks="$checks,-bugprone-sizeof-expression"
checks="$checks,-bugprone-implicit-widening-of-multiplication-result"
checks="$checks,-bugprone-branch-clone"
checks="$checks,-bugprone-integer-division"
checks="$checks,-bugprone-suspicious-string-compare"
checks="$checks,-bugprone-not-null-terminated-result"
checks="$checks,-clang-analyzer-valist.Uninitialized"
checks="$checks,-clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling"
if command -v clang-tidy >/dev/null 2>&1; then
	files=$(ls lib/*.c cmd/*.c | grep -v -e '_test\.c$' -e '_fuzz\.c$' \
	    -e 'fuzz_replay\.c$')
	# shellcheck disable=SC2046,SC2086
	clang-tidy --quiet --checks="$checks" --warnings-as-errors='*' \
	    $files -- -std=c11 $defs -Ilib -Icmd \
	    $(pkg-config --cflags $PKGS 2>/dev/null) >"$tmp/tidy" 2>&1
	if [ $? = 0 ]; then
		echo "PASS static/clang-tidy"
	else
		echo "FAIL static/clang-tidy"
		grep -E 'warning:|error:' "$tmp/tidy" | head -n 40 | sed 's/^/    /'
	fi
else
	echo "SKIP static/clang-tidy: clang-tidy is not installed (scripts/deps.sh)"
fi
