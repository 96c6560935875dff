# A Telegram export whose second message has a text of 8 MiB + 17 bytes in
# one JSON string (written by the cmd of json-string-8mb-one-token): a
# start mark, 8 MiB of "abcdefghij...", an escaped \" and \n, an accented
# letter as a \u escape and as UTF-8, and an end mark.
BEGIN {
	m = "{\"id\": %d, \"type\": \"message\", \"date\": \"2024-01-01T10:00:00\", \"text\": "
	printf "{\"name\": \"long\", \"type\": \"public_channel\", \"id\": 1, \"messages\": [\n"
	printf m "\"before\"},\n", 1
	printf m "\"<<", 2
	s = "abcdefghij"
	while (length(s) < 1048576)
		s = s s
	s = substr(s, 1, 1048576)
	for (i = 0; i < 8; i++)
		printf "%s", s
	printf "\\\"\\n\\u00e9\303\251>>\"},\n"
	printf m "\"after\"}\n]}\n", 3
}
