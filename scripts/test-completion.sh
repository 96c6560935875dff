#!/bin/sh
# The generated bash completion completes tools, options and choices.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
comp=$top/build/ctk.bash
[ -f "$comp" ] || { echo "FAIL completion/generated: $comp missing"; exit 0; }
try() {	# NAME EXPECTED WORD...
	name=$1 want=$2
	shift 2
	got=$(bash -c '. "$0"; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1));
	    if [ "${1#ctk-}" != "$1" ]; then _ctk_direct; else _ctk; fi
	    echo "${COMPREPLY[*]}"' "$comp" "$@")
	if [ "$got" = "$want" ]; then
		echo "PASS completion/$name"
	else
		echo "FAIL completion/$name: got '$got', expected '$want'"
	fi
}
try tool-name "query" ctk qu
try long-option "--count --count-by" ctk query --cou
try option-choice "jsonl" ctk query --format j
try direct-binary "--by" ctk-split --b
try help-topic "split" ctk help spl
