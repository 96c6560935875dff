#!/bin/sh
# Runs the recipes of the cookbook, man/ctk.7, on the sample data, so the
# documentation cannot rot. A literal block after a comment line
#	.\" recipe: NAME
# is run with sh in a scratch directory that holds exports/ (a copy of
# testdata/sample/), with bin/ first on PATH; its standard output must be
# testdata/cookbook/NAME.out and its standard error empty. A block after
#	.\" recipe-file: FILE
# is written to FILE in that directory instead. Recipes run in page order,
# in the same directory, as a reader would run them.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
page=$top/man/ctk.7
expected=$top/testdata/cookbook
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ ! -x "$top/bin/ctk" ]; then
	echo "SKIP cookbook: bin/ctk not built"
	exit 0
fi
mkdir "$tmp/work" "$tmp/recipes"
cp -R "$top/testdata/sample" "$tmp/work/exports"

# Split the page into recipes/NN-recipe-NAME and recipes/NN-file-NAME,
# turning the roff escapes used in literal blocks back into plain text.
awk -v dir="$tmp/recipes" '
	/^\.\\" recipe: / { kind = "recipe"; name = $3; next }
	/^\.\\" recipe-file: / { kind = "file"; name = $3; next }
	/^\.Bd -literal/ && name != "" {
		n++
		out = sprintf("%s/%02d-%s-%s", dir, n, kind, name)
		inblock = 1
		next
	}
	/^\.Ed/ && inblock { close(out); inblock = 0; name = ""; next }
	inblock {
		line = $0
		gsub(/\\&/, "", line)
		gsub(/\\e/, "\\", line)
		print line > out
	}
' "$page"

for f in "$tmp"/recipes/*; do
	[ -f "$f" ] || { echo "FAIL cookbook: no recipe found in $page"; exit 0; }
	base=${f##*/}
	base=${base#*-}
	kind=${base%%-*}
	name=${base#*-}
	if [ "$kind" = file ]; then
		cp "$f" "$tmp/work/$name"
		continue
	fi
	(cd "$tmp/work" && PATH="$top/bin:$PATH" CTK_DATADIR="$top/data" \
	    LC_ALL=C.UTF-8 sh "$f") >"$tmp/out" 2>"$tmp/err"
	if [ ! -f "$expected/$name.out" ]; then
		echo "FAIL cookbook/$name: no $expected/$name.out"
		sed 's/^/    /' "$tmp/out" "$tmp/err"
	elif cmp -s "$tmp/out" "$expected/$name.out" && [ ! -s "$tmp/err" ]; then
		echo "PASS cookbook/$name"
	else
		echo "FAIL cookbook/$name"
		diff -u "$expected/$name.out" "$tmp/out" | sed 's/^/    /'
		sed 's/^/    stderr: /' "$tmp/err"
	fi
done
# the chart the journalist opens is an SVG document
if [ -s "$tmp/work/durov.svg" ] && grep -q '<svg' "$tmp/work/durov.svg"; then
	echo "PASS cookbook/journalist-chart-written"
else
	echo "FAIL cookbook/journalist-chart-written"
fi
