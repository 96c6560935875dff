#!/bin/sh
# Builds input.warc: two response records, an ISO-8859-1 page whose meta
# description holds é (\351) and one page without description, Content-
# Lengths computed with wc -c. Run from this directory: sh make-warc.sh
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

printf '<html lang="fr"><head><title>Bassin rouvert</title>\n' > "$tmp/p1"
printf '<meta name="description" content="Le bassin est rouvert apr\350s l\47\351t\351.">\n' >> "$tmp/p1"
printf '</head><body><article><h1>Bassin rouvert</h1>\n' >> "$tmp/p1"
printf '<p>Le bassin de plaisance a rouvert ce matin apr\350s deux mois de travaux sur les pontons, au grand soulagement des plaisanciers du quai.</p>\n' >> "$tmp/p1"
printf '</article></body></html>\n' >> "$tmp/p1"

printf '<html lang="fr"><head><title>Criée fermée</title></head>\n' > "$tmp/p2"
printf '<body><article><h1>Cri\303\251e ferm\303\251e</h1>\n' >> "$tmp/p2"
printf '<p>La cri\303\251e sera ferm\303\251e lundi pour inventaire, annonce la chambre de commerce, et les ventes reprendront mardi \303\240 cinq heures.</p>\n' >> "$tmp/p2"
printf '</article></body></html>\n' >> "$tmp/p2"

# http TYPE BODY -> an HTTP 200 response message
http() {
	printf 'HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %s\r\n\r\n' \
	    "$1" "$(wc -c < "$2" | tr -d ' ')"
	cat "$2"
}

# record URI HTTPFILE -> one WARC record
record() {
	printf 'WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\nWARC-Date: 2024-10-02T08:00:00Z\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: %s\r\n\r\n' \
	    "$1" "$(wc -c < "$2" | tr -d ' ')"
	cat "$2"
	printf '\r\n\r\n'
}

http 'text/html; charset=ISO-8859-1' "$tmp/p1" > "$tmp/h1"
http 'text/html; charset=utf-8' "$tmp/p2" > "$tmp/h2"
{ record 'https://gazette.example/bassin' "$tmp/h1"
  record 'https://gazette.example/criee' "$tmp/h2"; } > input.warc
