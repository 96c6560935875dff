#!/bin/sh
# Builds sample.warc (three response records: an HTML page in ISO-8859-15
# with status 200, a 404 page, a PNG image) and sample.warc.gz (one gzip
# member per record), computing every Content-Length with wc -c.
# The page's bytes are written with printf escapes: \351 is é, \244 is the
# euro sign and \275 is œ in ISO-8859-15 (¤ and ½ in ISO-8859-1).
# Run from this directory: sh make-warc.sh
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

printf '<html lang="fr"><head><title>Le prix du caf\351 grimpe</title>\n' > "$tmp/page"
printf '<meta property="og:site_name" content="La Gazette du Port"></head>\n' >> "$tmp/page"
printf '<body><nav><a href="/">Accueil</a> <a href="/eco">\311conomie</a></nav>\n' >> "$tmp/page"
printf '<article><h1>Le prix du caf\351 grimpe</h1>\n' >> "$tmp/page"
printf '<p>Le prix du kilo de caf\351 arabica a d\351pass\351 12 \244 sur le march\351 de gros cette semaine, un niveau jamais atteint depuis que les n\351gociants du port tiennent leurs registres.</p>\n' >> "$tmp/page"
printf '<p>Les torr\351facteurs de la ville pr\351viennent que le prix de la tasse au comptoir pourrait augmenter de vingt centimes avant la fin de l\47ann\351e, ce qui inqui\350te les c\275urs fid\350les des caf\351s du quai.</p>\n' >> "$tmp/page"
printf '<p>Lire aussi : <a href="/eco/cacao">Le cacao suit la m\352me pente</a></p>\n' >> "$tmp/page"
printf '</article></body></html>\n' >> "$tmp/page"

printf '<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>\n' > "$tmp/notfound"

# A 1x1 transparent PNG.
printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0\0\001\0\0\0\001\010\006\0\0\0\037\025\304\211\0\0\0\rIDATx\234c\0\001\0\0\005\0\001\r\n-\264\0\0\0\0IEND\256B`\202' > "$tmp/png"

# http STATUS TYPE BODY -> an HTTP response message
http() {
	printf 'HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %s\r\nConnection: close\r\n\r\n' \
	    "$1" "$2" "$(wc -c < "$3" | tr -d ' ')"
	cat "$3"
}

# record URI DATE ID HTTPFILE -> one WARC record
record() {
	printf 'WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\nWARC-Date: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: %s\r\n\r\n' \
	    "$1" "$2" "$3" "$(wc -c < "$4" | tr -d ' ')"
	cat "$4"
	printf '\r\n\r\n'
}

http '200 OK' 'text/html; charset=ISO-8859-15' "$tmp/page" > "$tmp/h1"
http '404 Not Found' 'text/html; charset=utf-8' "$tmp/notfound" > "$tmp/h2"
http '200 OK' 'image/png' "$tmp/png" > "$tmp/h3"
record 'https://gazette-du-port.example/eco/prix-du-cafe' '2024-10-02T08:14:03Z' \
    'a0c5e2b4-6d1f-4c4e-9a55-0d8f3b1e7a01' "$tmp/h1" > "$tmp/r1"
record 'https://gazette-du-port.example/eco/ancienne-page' '2024-10-02T08:14:05Z' \
    'b7d3c1a9-2e4f-4b8a-8c6d-1f2e3d4c5b02' "$tmp/h2" > "$tmp/r2"
record 'https://gazette-du-port.example/img/pixel.png' '2024-10-02T08:14:06Z' \
    'c9e8d7f6-5a4b-4c3d-9e2f-3a4b5c6d7e03' "$tmp/h3" > "$tmp/r3"
cat "$tmp/r1" "$tmp/r2" "$tmp/r3" > sample.warc
for r in r1 r2 r3; do gzip -9 -n -c "$tmp/$r"; done > sample.warc.gz
