/* langid_test: model loading, script detection and language decisions of
 * lib/langid.c, on the shipped model (data/langid/model.bin). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unicode/uscript.h>

#include "data.h"
#include "langid.h"

static ctk_langid *
open_default(void)
{
	ctk_error err;
	ctk_langid *li;

	/* make check sets CTK_DATADIR; a manual run from the top works too */
	if (getenv("CTK_DATADIR") == NULL)
		setenv("CTK_DATADIR", "data", 1);
	li = ctk_langid_open(NULL, &err);
	if (li == NULL)
		fail_msg("cannot load model: %s", err.msg);
	return li;
}

static const char *
classify(ctk_langid *li, const char *text, double *p)
{
	static ctk_langid_result res;

	ctk_langid_classify(li, text, strlen(text), &res);
	if (p != NULL)
		*p = res.p;
	return res.lang;
}

/* Reads the default model file into memory, for the corruption tests. */
static unsigned char *
model_bytes(size_t *size)
{
	char path[4096];
	unsigned char *data;
	FILE *f;
	long n;

	if (getenv("CTK_DATADIR") == NULL)
		setenv("CTK_DATADIR", "data", 1);
	assert_int_equal(ctk_data_path(CTK_LANGID_MODEL, path, sizeof path), 0);
	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = malloc((size_t)n);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*size = (size_t)n;
	return data;
}

static int
open_bytes(const unsigned char *data, size_t size, ctk_error *err)
{
	char path[] = "/tmp/ctk-langid-test-XXXXXX";
	int fd = mkstemp(path);
	ctk_langid *li;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, size), (ssize_t)size);
	close(fd);
	li = ctk_langid_open(path, err);
	unlink(path);
	if (li == NULL)
		return err->code;
	ctk_langid_free(li);
	return 0;
}

static void
test_model_loads(void **state)
{
	ctk_langid *li = open_default();
	size_t i;
	int has_fr = 0, has_ps = 0;

	(void)state;
	assert_true(ctk_langid_nlangs(li) >= 20);
	for (i = 0; i < ctk_langid_nlangs(li); i++) {
		has_fr |= strcmp(ctk_langid_lang(li, i), "fr") == 0;
		has_ps |= strcmp(ctk_langid_lang(li, i), "ps") == 0;
	}
	assert_true(has_fr && has_ps);
	assert_null(ctk_langid_lang(li, ctk_langid_nlangs(li)));
	ctk_langid_free(li);
}

static void
test_missing_model(void **state)
{
	ctk_error err;

	(void)state;
	assert_null(ctk_langid_open("/nonexistent/model.bin", &err));
	assert_int_equal(err.code, CTK_EIO);
	assert_non_null(strstr(err.msg, "/nonexistent/model.bin"));
}

static void
test_corrupt_model_refused(void **state)
{
	size_t size;
	unsigned char *data = model_bytes(&size), *copy;
	ctk_error err;

	(void)state;
	copy = malloc(size);
	assert_non_null(copy);
	assert_int_equal(open_bytes(data, size, &err), 0);

	memcpy(copy, data, size);
	copy[0] = 'X';				/* magic */
	assert_int_equal(open_bytes(copy, size, &err), CTK_EFORMAT);
	assert_non_null(strstr(err.msg, "magic"));

	memcpy(copy, data, size);
	copy[8] = 99;				/* version */
	assert_int_equal(open_bytes(copy, size, &err), CTK_EFORMAT);
	assert_non_null(strstr(err.msg, "version 99"));

	memcpy(copy, data, size);
	copy[size / 2] ^= 0x40;			/* one flipped bit */
	assert_int_equal(open_bytes(copy, size, &err), CTK_EFORMAT);
	assert_non_null(strstr(err.msg, "checksum"));

	/* found by the fuzzer: an entry count far beyond the file, with a
	 * valid checksum, made the loader allocate gigabytes */
	memcpy(copy, data, size);
	copy[20] = copy[21] = copy[22] = 0xff;
	copy[23] = 0x7f;
	assert_int_equal(open_bytes(copy, size, &err), CTK_EFORMAT);
	assert_non_null(strstr(err.msg, "more entries than the file holds"));

	/* truncated */
	assert_int_equal(open_bytes(data, size - 100, &err), CTK_EFORMAT);
	assert_int_equal(open_bytes(data, 10, &err), CTK_EFORMAT);
	assert_int_equal(open_bytes(data, 0, &err), CTK_EFORMAT);
	free(copy);
	free(data);
}

static void
test_script_detection(void **state)
{
	(void)state;
	assert_int_equal(ctk_langid_script("bonjour", 7), USCRIPT_LATIN);
	assert_int_equal(ctk_langid_script("привет", strlen("привет")),
	    USCRIPT_CYRILLIC);
	assert_int_equal(ctk_langid_script("مرحبا", strlen("مرحبا")),
	    USCRIPT_ARABIC);
	assert_int_equal(ctk_langid_script("שלום", strlen("שלום")),
	    USCRIPT_HEBREW);
	assert_int_equal(ctk_langid_script("नमस्ते", strlen("नमस्ते")),
	    USCRIPT_DEVANAGARI);
	assert_int_equal(ctk_langid_script("你好世界", strlen("你好世界")),
	    USCRIPT_HAN);
	/* Kana anywhere in Han text: Japanese writing */
	assert_int_equal(ctk_langid_script("日本語です", strlen("日本語です")),
	    USCRIPT_HIRAGANA);
	assert_int_equal(ctk_langid_script("カタカナ", strlen("カタカナ")),
	    USCRIPT_HIRAGANA);
	assert_int_equal(ctk_langid_script("안녕하세요", strlen("안녕하세요")),
	    USCRIPT_HANGUL);
	assert_int_equal(ctk_langid_script("γεια σου", strlen("γεια σου")),
	    USCRIPT_GREEK);
	/* the majority wins; URLs do not count */
	assert_int_equal(ctk_langid_script("привет hi https://example.org/x",
	    strlen("привет hi https://example.org/x")), USCRIPT_CYRILLIC);
	assert_int_equal(ctk_langid_script("", 0), USCRIPT_COMMON);
	assert_int_equal(ctk_langid_script("123 !? 😀", strlen("123 !? 😀")),
	    USCRIPT_COMMON);
}

static const struct {
	const char *lang;
	const char *text;
} clear_cases[] = {
	{ "fr", "Bonjour à tous, la réunion de demain est reportée." },
	{ "en", "The meeting has been moved to Thursday evening." },
	{ "ar", "تم تأجيل الاجتماع إلى مساء يوم الخميس" },
	{ "ru", "Встреча перенесена на вечер четверга, увидимся там." },
	{ "uk", "Зустріч перенесено на вечір четверга, побачимося там." },
	{ "fa", "جلسه به عصر پنجشنبه موکول شد" },
	{ "tr", "Toplantı perşembe akşamına ertelendi, orada görüşürüz." },
	{ "de", "Das Treffen wurde auf Donnerstagabend verschoben." },
	{ "es", "La reunión se ha aplazado al jueves por la noche." },
	{ "it", "La riunione è stata spostata a giovedì sera." },
	{ "pt", "A reunião foi adiada para quinta-feira à noite." },
	{ "nl", "De vergadering is verplaatst naar donderdagavond." },
	{ "zh", "会议推迟到星期四晚上，我们到时候见。" },
	{ "ja", "会議は木曜日の夜に延期されました。" },
	{ "he", "הפגישה נדחתה ליום חמישי בערב" },
	{ "hi", "बैठक गुरुवार शाम तक के लिए टाल दी गई है" },
	{ "id", "Rapatnya diundur karena banyak anggota yang tidak bisa hadir." },
	{ "pl", "Spotkanie zostało przełożone na czwartek wieczorem." },
	{ "ur", "اجلاس جمعرات کی شام تک ملتوی کر دیا گیا ہے" },
	{ "ps", "غونډه د پنجشنبې ماښام ته وځنډول شوه" },
	{ "ko", "회의는 목요일 저녁으로 연기되었습니다" },
	{ "el", "Η συνάντηση μετατέθηκε για την Πέμπτη το βράδυ." },
};

static void
test_clear_cases(void **state)
{
	ctk_langid *li = open_default();
	size_t i;
	double p;

	(void)state;
	for (i = 0; i < sizeof clear_cases / sizeof clear_cases[0]; i++) {
		const char *got = classify(li, clear_cases[i].text, &p);

		if (strcmp(got, clear_cases[i].lang) != 0)
			fail_msg("%s: got %s (p=%.3f) for \"%s\"",
			    clear_cases[i].lang, got, p, clear_cases[i].text);
		assert_true(p > CTK_LANGID_DEFAULT_MIN_P && p <= 1.0);
	}
	ctk_langid_free(li);
}

static void
test_und_without_letters(void **state)
{
	ctk_langid *li = open_default();
	ctk_langid_result res;
	double p;

	(void)state;
	assert_string_equal(classify(li, "", &p), "und");
	assert_true(p == 0);
	assert_string_equal(classify(li, "😀😂🎉 👍", &p), "und");
	assert_string_equal(classify(li, "https://example.org/article?id=3",
	    &p), "und");
	assert_string_equal(classify(li, "www.example.org t.me/channel/12",
	    &p), "und");
	assert_string_equal(classify(li, "@someone #breaking x@y.org", &p),
	    "und");
	assert_string_equal(classify(li, "12:30 — 45 € !!!", &p), "und");
	ctk_langid_classify(li, "\xff\xfe", 2, &res);
	assert_string_equal(res.lang, "und");
	ctk_langid_free(li);
}

static void
test_noise_ignored(void **state)
{
	ctk_langid *li = open_default();

	(void)state;
	/* English URL words and mentions must not outvote French */
	assert_string_equal(classify(li, "Lisez ceci @the_daily_news "
	    "https://www.theguardian.com/world/the-latest-news-from-the-war "
	    "#breaking_news 😀", NULL), "fr");
	assert_string_equal(classify(li, "Читайте новости на канале "
	    "@breaking_news_channel 👉 https://t.me/breaking_news", NULL),
	    "ru");
	/* Latin brand names do not count among Cyrillic or Arabic
	 * candidates */
	assert_string_equal(classify(li, "Новый iPhone Pro Max от Apple уже "
	    "в продаже", NULL), "ru");
	assert_string_equal(classify(li, "شركة Apple تطلق iPhone الجديد",
	    NULL), "ar");
	ctk_langid_free(li);
}

static void
test_features(void **state)
{
	(void)state;
	/* " ab ": a, " a", b, "ab", " ab", "b ", "ab ", " ab " */
	assert_int_equal(ctk_langid_features("ab", 2, NULL, NULL), 2);
	assert_int_equal(ctk_langid_features("AB!", 3, NULL, NULL), 2);
	assert_int_equal(ctk_langid_features("see https://x.org/a @b #c",
	    strlen("see https://x.org/a @b #c"), NULL, NULL), 3);
}

static void
count_features(uint32_t hash, void *arg)
{
	(void)hash;
	(*(size_t *)arg)++;
}

static void
test_feature_count(void **state)
{
	size_t n = 0, m = 0;

	(void)state;
	ctk_langid_features("ab", 2, count_features, &n);
	assert_int_equal(n, 8);
	/* case folding: same features whatever the case */
	ctk_langid_features("Ab", 2, count_features, &m);
	assert_int_equal(m, 8);
}

static void
test_restrict(void **state)
{
	ctk_langid *li = open_default();
	ctk_error err;
	const char *es = "La reunión se ha aplazado al jueves por la noche.";

	(void)state;
	assert_int_equal(ctk_langid_restrict(li, "fr,en", &err), 0);
	assert_string_not_equal(classify(li, es, NULL), "es");
	/* no candidate writes Cyrillic */
	assert_string_equal(classify(li, "Встреча перенесена", NULL), "und");
	assert_int_equal(ctk_langid_restrict(li, "es", &err), 0);
	assert_string_equal(classify(li, es, NULL), "es");
	assert_int_equal(ctk_langid_restrict(li, NULL, &err), 0);
	assert_string_equal(classify(li, "Встреча перенесена", NULL), "ru");
	assert_int_equal(ctk_langid_restrict(li, "fr,xx", &err), CTK_EUSAGE);
	assert_non_null(strstr(err.msg, "'xx'"));
	assert_int_equal(ctk_langid_restrict(li, "fr,,en", &err), CTK_EUSAGE);
	/* a failed restriction changes nothing */
	assert_string_equal(classify(li, es, NULL), "es");
	ctk_langid_free(li);
}

static void
test_min_p(void **state)
{
	ctk_langid *li = open_default();
	ctk_langid_result res;
	const char *text = "The meeting has been moved.";

	(void)state;
	ctk_langid_set_min_p(li, 1.01);
	ctk_langid_classify(li, text, strlen(text), &res);
	assert_string_equal(res.lang, "und");
	assert_true(res.p > 0.5);	/* the best guess's confidence stays */
	ctk_langid_set_min_p(li, 0);
	ctk_langid_classify(li, text, strlen(text), &res);
	assert_string_equal(res.lang, "en");
	ctk_langid_free(li);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model_loads),
		cmocka_unit_test(test_missing_model),
		cmocka_unit_test(test_corrupt_model_refused),
		cmocka_unit_test(test_script_detection),
		cmocka_unit_test(test_clear_cases),
		cmocka_unit_test(test_und_without_letters),
		cmocka_unit_test(test_noise_ignored),
		cmocka_unit_test(test_features),
		cmocka_unit_test(test_feature_count),
		cmocka_unit_test(test_restrict),
		cmocka_unit_test(test_min_p),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
