#!/bin/sh
# The README's quick start works as written: its three commands (the
# indented `ctk ...` and `xdg-open ...` lines of step 3) are run with HOME
# holding a Telegram Desktop export at the path the README uses, and
# xdg-open replaced by a stub that checks it is handed an SVG chart.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export_dir="$tmp/home/Downloads/Telegram Desktop/ChatExport_2024-09-06"
mkdir -p "$export_dir" "$tmp/stub" "$tmp/work"
cp "$top/testdata/sample/veille-numerique.json" "$export_dir/result.json"
cat >"$tmp/stub/xdg-open" <<'STUB'
#!/bin/sh
grep -q '<svg' "$1" && echo "opened $1"
STUB
chmod +x "$tmp/stub/xdg-open"

sed -n '/^3\. Messages per week/,/^[^ 3]/p' "$top/README.md" |
    sed -n 's/^       \(ctk .*\|xdg-open .*\)$/\1/p' >"$tmp/steps.sh"
if [ "$(wc -l <"$tmp/steps.sh")" -ne 3 ]; then
	echo "FAIL readme/quick-start: expected 3 commands in step 3"
	exit 0
fi
(cd "$tmp/work" && HOME="$tmp/home" PATH="$tmp/stub:$top/bin:$PATH" \
    CTK_DATADIR="$top/data" sh "$tmp/steps.sh") >"$tmp/out" 2>"$tmp/err"
# the sample channel has 14 records over 2024-W34..2025-W12; the chart
# is opened and the weekly counts add up to the 14 messages
total=$(awk -F'\t' '$1 ~ /^20[0-9][0-9]-W/ { n += $2 } END { print n + 0 }' "$tmp/out")
if grep -q '^opened chart.svg$' "$tmp/out" && [ "$total" -eq 14 ] &&
    [ ! -s "$tmp/err" ]; then
	echo "PASS readme/quick-start"
else
	echo "FAIL readme/quick-start (weekly total $total)"
	sed 's/^/    /' "$tmp/out" "$tmp/err" | head -20
fi
