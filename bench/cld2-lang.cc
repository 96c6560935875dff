// cld2-lang: the CLD2 baseline of bench/langid.sh. Reads a ctk TSV stream
// on stdin and writes it back with a lang column, as `ctk classify lang`
// does, using CLD2's DetectLanguage on the text column. Codes are mapped
// to ISO 639-1 the way ctk writes them (iw -> he, zh-Hant -> zh, un -> und).
// usage: cld2-lang [COLUMN] < in.tsv > out.tsv
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

static std::string
unescape(const char *s, size_t n)
{
	std::string out;

	out.reserve(n);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			char c = s[++i];
			out += c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
		} else
			out += s[i];
	}
	return out;
}

static const char *
iso_code(CLD2::Language lang)
{
	const char *c = CLD2::LanguageCode(lang);

	if (strcmp(c, "un") == 0)
		return "und";
	if (strcmp(c, "iw") == 0)
		return "he";
	if (strncmp(c, "zh", 2) == 0)
		return "zh";
	return c;
}

int
main(int argc, char **argv)
{
	const char *column = argc > 1 ? argv[1] : "text";
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long col = -1;
	bool first = true;

	while ((n = getline(&line, &cap, stdin)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		// split on tabs
		std::vector<std::pair<const char *, size_t> > f;
		const char *p = line;
		for (;;) {
			const char *t = strchr(p, '\t');
			size_t len = t ? (size_t)(t - p) : strlen(p);
			f.push_back(std::make_pair(p, len));
			if (!t)
				break;
			p = t + 1;
		}
		if (first) {
			for (size_t i = 0; i < f.size(); i++)
				if (std::string(f[i].first, f[i].second) == column)
					col = (long)i;
			if (col < 0) {
				fprintf(stderr, "cld2-lang: no column %s\n", column);
				return 2;
			}
			printf("%s\tlang\n", line);
			first = false;
			continue;
		}
		if ((size_t)col >= f.size())
			continue;
		std::string text = unescape(f[col].first, f[col].second);
		bool reliable;
		CLD2::Language lang3[3];
		int percent3[3], text_bytes;
		CLD2::Language lang = CLD2::DetectLanguageSummary(text.data(),
		    (int)text.size(), true, lang3, percent3, &text_bytes,
		    &reliable);
		// CLD2 answers ENGLISH by default when it found nothing.
		if (percent3[0] == 0)
			lang = CLD2::UNKNOWN_LANGUAGE;
		printf("%s\t%s\n", line, iso_code(lang));
	}
	free(line);
	return 0;
}
