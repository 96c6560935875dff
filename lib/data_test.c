/* Unit tests of data: lookup order of data files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "data.h"

static void
datadir_from_environment_comes_first(void **state)
{
	char dir[] = "/tmp/ctk-data-XXXXXX", path[4096], file[4200];
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(file, sizeof file, "%s/probe.txt", dir);
	f = fopen(file, "w");
	fputs("x\n", f);
	fclose(f);
	setenv("CTK_DATADIR", dir, 1);
	assert_int_equal(ctk_data_path("probe.txt", path, sizeof path), 0);
	assert_string_equal(path, file);
	assert_int_equal(ctk_data_path("absent.txt", path, sizeof path), -1);
	unsetenv("CTK_DATADIR");
	remove(file);
	rmdir(dir);
}

static void
exe_dir_is_the_test_binary_directory(void **state)
{
	char dir[4096];

	(void)state;
	assert_int_equal(ctk_exe_dir(dir, sizeof dir), 0);
	assert_non_null(strstr(dir, "test"));	/* build/test or build/santest */
	assert_int_not_equal(dir[strlen(dir) - 1], '/');
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(datadir_from_environment_comes_first),
		cmocka_unit_test(exe_dir_is_the_test_binary_directory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
