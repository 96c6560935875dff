#!/bin/sh
# Every tool's --help and its man page list the same options: each long or
# short option named in one must be named in the other. Also checks that
# --help and --version exit 0 and that every tool has a page.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

for bin in "$top"/bin/ctk-*; do
	[ -x "$bin" ] || continue
	tool=${bin##*/}
	page=$top/man/$tool.1
	if [ ! -f "$page" ]; then
		echo "FAIL manpage/$tool: no man/$tool.1"
		continue
	fi
	if ! "$bin" --help >"$tmp/help" 2>&1; then
		echo "FAIL manpage/$tool: --help does not exit 0"
		continue
	fi
	# a tool with subcommands: add each subcommand's --help
	for sub in $(sed -n '/^subcommands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p' "$tmp/help"); do
		"$bin" "$sub" --help >>"$tmp/help" 2>&1 ||
		    echo "FAIL manpage/$tool: $sub --help does not exit 0"
	done
	if "$bin" --version | grep -q "^$tool (ctk) "; then
		echo "PASS manpage/$tool/version"
	else
		echo "FAIL manpage/$tool/version"
	fi
	# options in --help: tokens like --name or -x at a word start
	grep -oE '(^|[ ,|(]|(^| )\[)--?[a-z][a-z0-9-]*' "$tmp/help" |
	    sed 's/^[][ ,|(]*//' | sort -u >"$tmp/from_help"
	# options in the page: ".Fl x" / "Fl -name" anywhere on a line
	grep -oE 'Fl -?[a-z][a-z0-9-]*' "$page" | sed 's/^Fl /-/' |
	    sort -u >"$tmp/from_page"
	missing_in_page=$(comm -23 "$tmp/from_help" "$tmp/from_page" | tr '\n' ' ')
	missing_in_help=$(comm -13 "$tmp/from_help" "$tmp/from_page" | tr '\n' ' ')
	if [ -z "$missing_in_page$missing_in_help" ]; then
		echo "PASS manpage/$tool/options"
	else
		echo "FAIL manpage/$tool/options"
		[ -n "$missing_in_page" ] && echo "    in --help, not in the page: $missing_in_page"
		[ -n "$missing_in_help" ] && echo "    in the page, not in --help: $missing_in_help"
	fi
done
