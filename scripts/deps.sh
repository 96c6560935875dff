#!/bin/sh
# Installs every Debian package that ctk's build, tests and benchmarks need.
# Idempotent and fast when everything is present: apt-get runs only when a
# package is missing.
set -eu

PACKAGES="
python3-nltk
build-essential pkg-config clang
libicu-dev libsqlite3-dev zlib1g-dev libxml2-dev libyajl-dev
libstemmer-dev libcmocka-dev
mandoc man-db libclang-rt-14-dev
python3 jq miller hyperfine time valgrind gzip sqlite3 parallel libxml2-utils
cppcheck clang-tidy strace
manpages manpages-fr manpages-de manpages-es manpages-it manpages-pl
manpages-ru manpages-pt-br manpages-nl manpages-uk manpages-tr manpages-id
manpages-ja manpages-zh libcld2-dev python3-langdetect
r-cran-janeaustenr fasttext
chromium
"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
# npm (training data of the language model, stopword lists): any npm will
# do; Debian's own package only when none is on PATH.
command -v npm >/dev/null 2>&1 || missing="$missing npm"
[ -z "$missing" ] && exit 0

echo "deps: installing:$missing" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
