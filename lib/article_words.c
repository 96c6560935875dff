/*
 * article_words: the French and English stopword lists used for the
 * stopword density of paragraphs (jusText). The most frequent function
 * words of each language, written for ctk; sorted in byte order so that
 * a binary search finds them.
 */
#include <stdlib.h>
#include <string.h>

#include "article_int.h"

static const char *const stop_fr[] = {
	"a", "afin", "ai", "aie", "aient", "ainsi", "alors", "as", "au",
	"aucun", "aucune", "auquel", "aussi", "autre", "autres", "aux",
	"avaient", "avais", "avait", "avant", "avec", "avez", "avoir",
	"avons", "ayant", "c", "car", "ce", "ceci", "cela", "celle", "celles",
	"celui", "cependant", "ces", "cet", "cette", "ceux", "chaque", "chez",
	"ci", "comme", "comment", "contre", "d", "dans", "de", "depuis",
	"des", "deux", "doit", "donc", "dont", "du", "durant", "dès", "elle",
	"elles", "en", "encore", "entre", "es", "est", "et", "eu", "eux",
	"faire", "fait", "fois", "font", "hors", "il", "ils", "j", "je",
	"jusqu", "jusque", "l", "la", "laquelle", "le", "lequel", "les",
	"lesquels", "leur", "leurs", "lors", "lorsque", "lui", "là", "m",
	"ma", "mais", "me", "mes", "moi", "moins", "mon", "même", "mêmes",
	"n", "ne", "ni", "non", "nos", "notre", "nous", "on", "ont", "ou",
	"où", "par", "parce", "parmi", "pas", "pendant", "peu", "peut",
	"plus", "plusieurs", "pour", "pourquoi", "qu", "quand", "que", "quel",
	"quelle", "quelles", "quels", "qui", "quoi", "s", "sa", "sans", "se",
	"selon", "sera", "seront", "ses", "si", "sien", "soit", "son", "sont",
	"sous", "sur", "t", "ta", "tandis", "te", "tel", "telle", "tes",
	"toi", "ton", "tous", "tout", "toute", "toutes", "très", "tu", "un",
	"une", "vers", "via", "voire", "vos", "votre", "vous", "y", "à",
	"ça", "étaient", "était", "été", "être",
};

static const char *const stop_en[] = {
	"a", "about", "above", "after", "again", "against", "all", "also",
	"am", "an", "and", "any", "are", "as", "at", "be", "because", "been",
	"before", "being", "below", "between", "both", "but", "by", "can",
	"could", "did", "do", "does", "doing", "down", "during", "each",
	"either", "even", "ever", "every", "few", "for", "from", "further",
	"had", "has", "have", "having", "he", "her", "here", "hers",
	"herself", "him", "himself", "his", "how", "however", "i", "if", "in",
	"into", "is", "it", "its", "itself", "just", "least", "less", "may",
	"me", "might", "more", "most", "much", "must", "my", "myself",
	"neither", "no", "nor", "not", "now", "of", "off", "on", "once",
	"one", "only", "or", "other", "our", "ours", "ourselves", "out",
	"over", "own", "same", "shall", "she", "should", "since", "so",
	"some", "such", "than", "that", "the", "their", "theirs", "them",
	"themselves", "then", "there", "these", "they", "this", "those",
	"though", "through", "to", "too", "under", "until", "up", "upon",
	"us", "very", "was", "we", "were", "what", "when", "where", "whether",
	"which", "while", "who", "whom", "whose", "why", "will", "with",
	"within", "without", "would", "yet", "you", "your", "yours",
	"yourself", "yourselves",
};

struct key {
	const char *w;
	size_t n;
};

static int
compare(const void *k, const void *elem)
{
	const struct key *key = k;
	const unsigned char *word = *(const unsigned char *const *)elem;
	const unsigned char *w = (const unsigned char *)key->w;
	size_t i;

	/* one pass, no strlen: this runs for every word of every page */
	for (i = 0; i < key->n && word[i] != '\0'; i++)
		if (w[i] != word[i])
			return w[i] < word[i] ? -1 : 1;
	if (i < key->n)
		return 1;
	return word[i] != '\0' ? -1 : 0;
}

int
ctk_article_is_stopword(int lang, const char *w, size_t n)
{
	struct key key = { w, n };

	if (lang == CTK_ARTICLE_LANG_FR)
		return bsearch(&key, stop_fr, sizeof stop_fr / sizeof *stop_fr,
		    sizeof *stop_fr, compare) != NULL;
	return bsearch(&key, stop_en, sizeof stop_en / sizeof *stop_en,
	    sizeof *stop_en, compare) != NULL;
}
