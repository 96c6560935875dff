#!/bin/sh
# make install into a temporary DESTDIR works, the installed ctk finds its
# tools and data, the man pages read, and make uninstall removes it all.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT INT TERM
prefix=/opt/ctk-test
if ! make -C "$top" -s install DESTDIR="$dest" PREFIX=$prefix >/dev/null 2>&1; then
	echo "FAIL install/make-install"
	exit 0
fi
root=$dest$prefix
if [ "$("$root/bin/ctk" --version)" = "ctk (ctk) 0.1.0" ]; then
	echo "PASS install/ctk-version"
else
	echo "FAIL install/ctk-version"
fi
if env -i PATH=/usr/bin:/bin "$root/bin/ctk" split --version | grep -q '^ctk-split'; then
	echo "PASS install/dispatch-next-to-ctk"
else
	echo "FAIL install/dispatch-next-to-ctk"
fi
if man -l "$root/share/man/man1/ctk.1" 2>/dev/null | grep -q 'corpus toolkit' &&
    man -l "$root/share/man/man5/ctk-tsv.5" 2>/dev/null | grep -q 'Escapes'; then
	echo "PASS install/man-pages"
else
	echo "FAIL install/man-pages"
fi
if man -l "$root/share/man/man7/ctk.7" 2>/dev/null | grep -q 'THE CRON JOB'; then
	echo "PASS install/cookbook-man7"
else
	echo "FAIL install/cookbook-man7"
fi
if [ -f "$root/share/bash-completion/completions/ctk" ] &&
    bash -n "$root/share/bash-completion/completions/ctk"; then
	echo "PASS install/completion"
else
	echo "FAIL install/completion"
fi
make -C "$top" -s uninstall DESTDIR="$dest" PREFIX=$prefix >/dev/null 2>&1
left=$(find "$dest" -type f | wc -l)
if [ "$left" -eq 0 ]; then
	echo "PASS install/uninstall-removes-everything"
else
	echo "FAIL install/uninstall-removes-everything ($left files left)"
fi
