#!/bin/sh
# Regenerates data/stopwords/LANG.txt from the npm package stopwords-iso
# (MIT licence, https://github.com/stopwords-iso/stopwords-iso). Run by hand
# when the lists should be refreshed; the output is committed, so builds and
# tests never need the network. Needs npm and node.
#
#   sh scripts/fetch-stopwords.sh [VERSION]
#
# One word per line, sorted in byte order, duplicates removed, NFC as
# shipped by the package. Record the version printed at the end in
# data/SOURCES.md.
set -eu

version=${1:-1.1.0}
langs="fr en ar ru de es it pt nl"
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

(cd "$tmp" && npm install --silent --no-audit --no-fund \
    "stopwords-iso@$version" >/dev/null)
pkg=$tmp/node_modules/stopwords-iso
mkdir -p "$top/data/stopwords"
for lang in $langs; do
	node -e '
		const all = require(process.argv[1] + "/stopwords-iso.json");
		const words = all[process.argv[2]];
		if (!words) { process.exit(3); }
		for (const w of words) { console.log(w.normalize("NFC")); }
	' "$pkg" "$lang" | LC_ALL=C sort -u >"$top/data/stopwords/$lang.txt"
done
node -e 'const p = require(process.argv[1] + "/package.json");
    console.log("stopwords-iso " + p.version + " (" + p.license + ")")' "$pkg"
