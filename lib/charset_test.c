/* Unit tests of charset: declared names, detection, WHATWG aliases, BOMs,
 * NFC. The input bytes are written as escapes: \xe9 is é in Latin-1. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"
#include "charset.h"

static void
convert(const char *in, size_t n, const char *declared, const char *want,
    const char *used)
{
	ctk_buf out = CTK_BUF_INIT;
	ctk_charset_info info;
	ctk_error err;

	assert_int_equal(ctk_charset_to_utf8(in, n, declared, 1, &out, &info,
	    &err), 0);
	assert_string_equal(ctk_buf_str(&out), want);
	if (used != NULL)
		assert_string_equal(info.used, used);
	ctk_buf_release(&out);
}

#define CONVERT(lit, declared, want, used) \
	convert(lit, sizeof(lit) - 1, declared, want, used)

static void
test_windows_1252(void **state)
{
	(void)state;
	CONVERT("l\x92\xe9t\xe9 \x80 \x85 \x9c", "windows-1252",
	    "l’été € … œ", "windows-1252");
	/* ISO-8859-1 labels are read as windows-1252 (WHATWG) */
	CONVERT("\x93" "caf\xe9\x94", "ISO-8859-1", "“café”",
	    "windows-1252");
	CONVERT("caf\xe9", "latin1", "café", "windows-1252");
}

static void
test_iso_8859_15(void **state)
{
	(void)state;
	CONVERT("12 \xa4 c\xbdur", "iso-8859-15", "12 € cœur", NULL);
}

static void
test_unknown_name_uses_detection(void **state)
{
	const char text[] = "Le march\xe9 de No\xebl ouvre ses portes "
	    "samedi sur la place de l'\xe9glise, avec des chalets, du vin "
	    "chaud et des cr\xeapes pour les enfants du quartier.";
	ctk_buf out = CTK_BUF_INIT;
	ctk_charset_info info;
	ctk_error err;

	(void)state;
	assert_int_equal(ctk_charset_to_utf8(text, sizeof text - 1,
	    "x-unknown-charset", 0, &out, &info, &err), 0);
	assert_true(info.declared_unknown);
	assert_true(info.detected);
	assert_non_null(strstr(out.data, "marché de Noël"));
	assert_non_null(strstr(out.data, "crêpes"));
	ctk_buf_release(&out);
}

static void
test_utf8_declared_but_latin1(void **state)
{
	(void)state;
	/* invalid as UTF-8: detection takes over */
	CONVERT("d\xe9j\xe0 vu, d\xe9j\xe0 lu, d\xe9j\xe0 entendu",
	    "utf-8", "déjà vu, déjà lu, déjà entendu", NULL);
}

static void
test_bom_and_nfc(void **state)
{
	(void)state;
	CONVERT("\xef\xbb\xbf" "cafe\xcc\x81", "windows-1252",
	    "caf\xc3\xa9", "UTF-8");
	CONVERT("\xff\xfe" "c\0a\0f\0\xe9\0", NULL, "café", "UTF-16");
	CONVERT("cafe\xcc\x81", NULL, "caf\xc3\xa9", "UTF-8");
	CONVERT("a\0b", "utf-8", "ab", NULL);
}

/* Valid UTF-8 already in NFC is copied as it is; anything the NFC quick
 * check does not pass, after any amount of ASCII, is still normalized. */
static void
test_utf8_nfc_fast_path(void **state)
{
	(void)state;
	CONVERT("l\xe2\x80\x99\xc3\xa9t\xc3\xa9 \xe2\x80\x94 "
	    "\xe6\x97\xa5\xe6\x9c\xac \xce\xa9\xce\xbc\xce\xad\xce\xb3\xce\xb1",
	    "utf-8", "l’été — 日本 Ωμέγα", NULL);
	/* e + combining acute after 17 ASCII bytes: é */
	CONVERT("abcdefghijklmnop e\xcc\x81", "utf-8",
	    "abcdefghijklmnop \xc3\xa9", NULL);
	/* ANGSTROM SIGN (NFC_QC=No) becomes Å */
	CONVERT("0123456789 \xe2\x84\xab", "UTF-8", "0123456789 \xc3\x85",
	    NULL);
	/* COMBINING GRAVE TONE MARK (a singleton) becomes COMBINING GRAVE,
	 * which composes with the a */
	CONVERT("a\xcd\x80", "utf-8", "\xc3\xa0", NULL);
	/* marks out of canonical order: acute (230) then dot below (220)
	 * are reordered, a + dot below composes to U+1EA1, acute stays */
	CONVERT("a\xcc\x81\xcc\xa3", "utf-8", "\xe1\xba\xa1\xcc\x81", NULL);
	/* a NUL is dropped, the rest copied */
	CONVERT("caf\xc3\xa9\0 au lait", "utf-8", "caf\xc3\xa9 au lait", NULL);
}

static void
test_sniffing(void **state)
{
	char name[64];

	(void)state;
	assert_true(ctk_charset_sniff_html("<html><head><meta charset=\""
	    "windows-1252\">", 41, name, sizeof name));
	assert_string_equal(name, "windows-1252");
	assert_true(ctk_charset_sniff_html("<META HTTP-EQUIV=\"Content-Type\""
	    " CONTENT=\"text/html; charset=ISO-8859-15\">", 72, name,
	    sizeof name));
	assert_string_equal(name, "ISO-8859-15");
	assert_false(ctk_charset_sniff_html("<html><body>", 12, name,
	    sizeof name));
	assert_true(ctk_charset_sniff_xml("<?xml version='1.0' encoding='"
	    "iso-8859-1'?><rss>", 49, name, sizeof name));
	assert_string_equal(name, "iso-8859-1");
	assert_true(ctk_charset_from_content_type("text/html; charset=UTF-8",
	    name, sizeof name));
	assert_string_equal(name, "UTF-8");
	assert_false(ctk_charset_from_content_type("text/html", name,
	    sizeof name));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_windows_1252),
		cmocka_unit_test(test_iso_8859_15),
		cmocka_unit_test(test_unknown_name_uses_detection),
		cmocka_unit_test(test_utf8_declared_but_latin1),
		cmocka_unit_test(test_bom_and_nfc),
		cmocka_unit_test(test_utf8_nfc_fast_path),
		cmocka_unit_test(test_sniffing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
