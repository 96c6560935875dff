# A Telegram export whose second message has a text nested 100,000
# arrays deep (written by the cmd of json-nested-100000-deep).
BEGIN {
	m = "{\"id\": %d, \"type\": \"message\", \"date\": \"2024-01-01T10:00:00\", \"text\": "
	printf "{\"name\": \"deep\", \"type\": \"public_channel\", \"id\": 1, \"messages\": [\n"
	printf m "\"before\"},\n", 1
	printf m, 2
	for (i = 0; i < 100000; i++) printf "["
	for (i = 0; i < 100000; i++) printf "]"
	printf "},\n" m "\"after\"}\n]}\n", 3
}
