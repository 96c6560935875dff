#!/bin/sh
# Every tool's options agree in three places: its getopt_long tables in
# cmd/ctk-TOOL.c (the options it really accepts), its --help, and its man
# page. Also: --help and --version exit 0, --help fits a terminal (lines of
# at most 80 columns, at most 24 lines, for every tool and subcommand),
# the page's SYNOPSIS is the usage
# of --help word for word, and the page has the sections every tool page
# must have.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
SECTIONS="SYNOPSIS|DESCRIPTION|ENVIRONMENT|FILES|EXIT STATUS|EXAMPLES|SEE ALSO"

# "-x" and "--name" words of a text: options at a word start
help_options() {
	grep -oE '(^|[ ,|(]|(^| )\[)--?[a-z][a-z0-9-]*' "$1" |
	    sed 's/^[][ ,|(]*//' | sort -u
}

# the options of the getopt_long tables of the sources, and of the
# option strings passed with argv (to getopt_long or a wrapper of it)
source_options() {
	cat "$@" | grep -oE '\{ *"[a-z0-9-]+", *(no|required|optional)_argument' |
	    sed 's/^{ *"\([^"]*\)".*/--\1/'
	cat "$@" | grep -oE 'argv( \+ 1)?, "[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/' |
	    tr -d ':' | fold -w 1 | sed 's/^/-/'
}

compare() {	# NAME A B LABEL_A LABEL_B
	only_a=$(comm -23 "$2" "$3" | tr '\n' ' ')
	only_b=$(comm -13 "$2" "$3" | tr '\n' ' ')
	if [ -z "$only_a$only_b" ]; then
		echo "PASS $1"
	else
		echo "FAIL $1"
		[ -n "$only_a" ] && echo "    in $4, not in $5: $only_a"
		[ -n "$only_b" ] && echo "    in $5, not in $4: $only_b"
	fi
	return 0
}

# words without spaces or case, "ctk-ingest" the same as "ctk ingest"
squeeze() { tr -d ' \t\n' | tr 'A-Z' 'a-z' | sed 's/ctk-/ctk/g'; }

check_size() {	# NAME HELPFILE
	wide=$(awk 'length > 80' "$2" | wc -l)
	lines=$(wc -l <"$2")
	if [ "$wide" -gt 0 ]; then
		echo "FAIL $1: $wide lines wider than 80 columns"
	elif [ "$lines" -gt 24 ]; then
		echo "FAIL $1: $lines lines, more than 24"
	else
		echo "PASS $1"
	fi
}

for bin in "$top"/bin/ctk "$top"/bin/ctk-*; do
	[ -x "$bin" ] || continue
	tool=${bin##*/}
	page=$top/man/$tool.1
	src=$top/cmd/$tool.c
	if [ ! -f "$page" ]; then
		echo "FAIL manpage/$tool: no man/$tool.1"
		continue
	fi
	if ! "$bin" --help >"$tmp/help" 2>&1; then
		echo "FAIL manpage/$tool: --help does not exit 0"
		continue
	fi
	check_size "manpage/$tool/help-fits-screen" "$tmp/help"
	if "$bin" --version | grep -q "^$tool (ctk) "; then
		echo "PASS manpage/$tool/version"
	else
		echo "FAIL manpage/$tool/version"
	fi
	# the page's sections
	missing=""
	for s in SYNOPSIS DESCRIPTION ENVIRONMENT FILES "EXIT STATUS" \
	    EXAMPLES "SEE ALSO"; do
		grep -q "^\.Sh $s\$" "$page" || missing="$missing '$s'"
	done
	grep -q '^\.Sh STANDARDS$' "$page" || grep -q '^\.Rs' "$page" ||
	    missing="$missing 'STANDARDS' (or references)"
	if [ -z "$missing" ]; then
		echo "PASS manpage/$tool/sections"
	else
		echo "FAIL manpage/$tool/sections: missing$missing"
	fi

	# a tool with subcommands: add each subcommand's --help; the
	# synopsis is the usage of every subcommand, then the rest of the
	# tool's own usage block ("common options: ...")
	cp "$tmp/help" "$tmp/allhelp"
	subs=$(sed -n '/^subcommands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p' "$tmp/help")
	: >"$tmp/usage"
	for sub in $subs; do
		if "$bin" "$sub" --help >"$tmp/subhelp" 2>&1; then
			check_size "manpage/$tool/$sub/help-fits-screen" \
			    "$tmp/subhelp"
		else
			echo "FAIL manpage/$tool: $sub --help does not exit 0"
		fi
		cat "$tmp/subhelp" >>"$tmp/allhelp"
		sed '/^$/q' "$tmp/subhelp" >>"$tmp/usage"
	done
	if [ -n "$subs" ]; then
		sed '/^$/q' "$tmp/help" | sed 1d >>"$tmp/usage"
	else
		sed '/^$/q' "$tmp/help" >"$tmp/usage"
	fi
	sed 's/^usage://' "$tmp/usage" | squeeze >"$tmp/syn_help"
	mandoc -Tascii -O width=1000 "$page" 2>/dev/null | col -b |
	    sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d' |
	    squeeze >"$tmp/syn_page"
	if cmp -s "$tmp/syn_help" "$tmp/syn_page"; then
		echo "PASS manpage/$tool/synopsis"
	else
		echo "FAIL manpage/$tool/synopsis: --help and SYNOPSIS differ"
		echo "    help: $(cat "$tmp/syn_help")"
		echo "    page: $(cat "$tmp/syn_page")"
	fi

	# the dispatcher has no option table: its synopsis is all to check
	[ "$tool" = ctk ] && continue
	help_options "$tmp/allhelp" >"$tmp/from_help"
	grep -oE 'Fl -?[a-z][a-z0-9-]*' "$page" | sed 's/^Fl /-/' |
	    sort -u >"$tmp/from_page"
	# cmd/ctk-classify.c and its helpers cmd/classify_*.c
	source_options "$src" $(ls "$top/cmd/${tool#ctk-}"_*.c 2>/dev/null) |
	    sort -u >"$tmp/from_source"
	compare "manpage/$tool/options" "$tmp/from_help" "$tmp/from_page" \
	    "--help" "the page"
	compare "manpage/$tool/options-accepted" "$tmp/from_source" \
	    "$tmp/from_page" "the getopt_long tables of cmd/$tool.c" "the page"
done
