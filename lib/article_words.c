/*
 * article_words: the French and English stopword lists used for the
 * stopword density of paragraphs (jusText). The most frequent function
 * words of each language, written for ctk, kept sorted in byte order
 * for the reader; and the small hash set that finds them (and the tag
 * names of article_extract) in one probe.
 */
#include <pthread.h>
#include <stdint.h>
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

#define SET_MASK	(CTK_ARTICLE_WORDSET_SIZE - 1)

/* The length and the first and last two bytes, mixed: short words differ
 * there, and a probe costs a few instructions instead of a multiplication
 * per byte. */
static uint32_t
hash(const char *w, size_t n)
{
	const unsigned char *u = (const unsigned char *)w;
	uint32_t h = (uint32_t)n;

	if (n > 0)
		h = h << 16 ^ (uint32_t)u[0] << 8 ^ u[n - 1];
	if (n > 1)
		h = h * 31 ^ (uint32_t)u[1] << 8 ^ u[n - 2];
	h *= 0x9E3779B1u;
	return h ^ h >> 15;
}

/* w[0..n) == word[0..n): words are short, a loop beats a call */
static int
same(const char *word, const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (word[i] != w[i])
			return 0;
	return 1;
}

void
ctk_article_wordset_add(ctk_article_wordset *set, const char *w,
    unsigned flags)
{
	size_t n = strlen(w);
	uint32_t i = hash(w, n) & SET_MASK;

	while (set->slot[i].word != NULL) {
		if (set->slot[i].len == n &&
		    memcmp(set->slot[i].word, w, n) == 0) {
			set->slot[i].flags |= (unsigned short)flags;
			return;
		}
		i = (i + 1) & SET_MASK;
	}
	set->slot[i].word = w;
	set->slot[i].len = (unsigned short)n;
	set->slot[i].flags = (unsigned short)flags;
}

unsigned
ctk_article_wordset_get(const ctk_article_wordset *set, const char *w,
    size_t n)
{
	uint32_t i;

	for (i = hash(w, n) & SET_MASK; set->slot[i].word != NULL;
	    i = (i + 1) & SET_MASK)
		if (set->slot[i].len == n && same(set->slot[i].word, w, n))
			return set->slot[i].flags;
	return 0;
}

/* Both lists in one table, built once: a word is looked up for every word
 * of every page, and one probe answers for both languages (a binary
 * search per language cost more than a tenth of an ingest). */
static ctk_article_wordset stopwords;
static pthread_once_t stopwords_once = PTHREAD_ONCE_INIT;

static void
build_stopwords(void)
{
	size_t i;

	for (i = 0; i < sizeof stop_fr / sizeof *stop_fr; i++)
		ctk_article_wordset_add(&stopwords, stop_fr[i],
		    CTK_ARTICLE_STOP_FR);
	for (i = 0; i < sizeof stop_en / sizeof *stop_en; i++)
		ctk_article_wordset_add(&stopwords, stop_en[i],
		    CTK_ARTICLE_STOP_EN);
}

int
ctk_article_stopword_langs(const char *w, size_t n)
{
	/* no stopword is longer than 12 bytes */
	if (n == 0 || n > 12)
		return 0;
	pthread_once(&stopwords_once, build_stopwords);
	return (int)ctk_article_wordset_get(&stopwords, w, n);
}

int
ctk_article_is_stopword(int lang, const char *w, size_t n)
{
	int langs = ctk_article_stopword_langs(w, n);

	return lang == CTK_ARTICLE_LANG_FR ? (langs & CTK_ARTICLE_STOP_FR) != 0 :
	    (langs & CTK_ARTICLE_STOP_EN) != 0;
}
