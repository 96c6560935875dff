# ctk — GNU make, no autotools. `make` builds bin/ and build/libctk.a;
# `make check` installs dependencies, builds and runs every test.

VERSION  = 0.1.0
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/bin
MANDIR   = $(PREFIX)/share/man
DATADIR  = $(PREFIX)/share/ctk
COMPDIR  = $(PREFIX)/share/bash-completion/completions

PKGS      = icu-uc icu-i18n icu-io sqlite3 zlib libxml-2.0 yajl
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lstemmer -lm -lpthread
TEST_LIBS  := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

CFLAGS  ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Werror
DEFS     = -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
	   -DCTK_VERSION='"$(VERSION)"' -DCTK_DATADIR='"$(DATADIR)"'
ALL_CFLAGS = $(WARN) $(DEFS) -Ilib -Icmd $(PKG_CFLAGS) $(CPPFLAGS) $(CFLAGS) -MMD -MP
SAN_FLAGS  = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	     -fno-sanitize-recover=undefined

LIB_SRC   = $(filter-out %_test.c %_fuzz.c lib/fuzz_replay.c,$(wildcard lib/*.c))
LIB_OBJ   = $(LIB_SRC:%.c=build/obj/%.o)
SAN_OBJ   = $(LIB_SRC:%.c=build/san/%.o)
TOOL_SRC  = $(wildcard cmd/ctk*.c)
TOOLS     = $(TOOL_SRC:cmd/%.c=bin/%)
TEST_SRC  = $(wildcard lib/*_test.c)
TESTS     = $(TEST_SRC:lib/%.c=build/test/%)
SAN_TESTS = $(TEST_SRC:lib/%.c=build/santest/%)
MANPAGES  = $(wildcard man/*.[1-9])
FUZZ_SRC  = $(wildcard lib/*_fuzz.c)
FUZZERS   = $(FUZZ_SRC:lib/%_fuzz.c=build/fuzz/%)
REPLAYS   = $(FUZZ_SRC:lib/%_fuzz.c=build/replay/%)
FUZZ_SECONDS ?= 60

.PHONY: all run check check-valgrind check-build bench bench-record deps install uninstall clean tests san-tests fuzz fuzzers replays

all: $(TOOLS) build/ctk.bash

# bash completion, generated from the tools' --help so it cannot drift
build/ctk.bash: $(TOOLS) scripts/gen-completion.sh
	@mkdir -p $(@D)
	sh scripts/gen-completion.sh bin >$@

build/libctk.a: $(LIB_OBJ)
	@mkdir -p $(@D)
	$(AR) rcs $@ $(LIB_OBJ)

build/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/san/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -c -o $@ $<

bin/%: build/obj/cmd/%.o build/obj/cmd/tool.o build/libctk.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(filter %.o,$^) build/libctk.a $(PKG_LIBS)

# Tools made of more than one cmd/ file list the extra objects here.
bin/ctk-classify: build/obj/cmd/classify_sup.o

build/test/%: build/obj/lib/%.o build/libctk.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< build/libctk.a $(TEST_LIBS) $(PKG_LIBS)

build/santest/%: build/san/lib/%.o $(SAN_OBJ)
	@mkdir -p $(@D)
	$(CC) $(SAN_FLAGS) $(LDFLAGS) -o $@ $< $(SAN_OBJ) $(TEST_LIBS) $(PKG_LIBS)

# libFuzzer binaries (clang only) and their replay drivers (any compiler,
# sanitizers on), which make check runs over testdata/fuzz/<parser>/.
build/fuzz/%: lib/%_fuzz.c $(LIB_SRC)
	@mkdir -p $(@D)
	clang $(WARN) $(DEFS) -Ilib $(PKG_CFLAGS) -g -O1 \
	    -fsanitize=fuzzer,address,undefined -o $@ $< $(LIB_SRC) $(PKG_LIBS)

build/replay/%: build/san/lib/%_fuzz.o build/san/lib/fuzz_replay.o $(SAN_OBJ)
	@mkdir -p $(@D)
	$(CC) $(SAN_FLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

fuzzers: $(FUZZERS)
replays: $(REPLAYS)

fuzz: fuzzers
	@sh scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZERS)

tests: $(TESTS)
san-tests: $(SAN_TESTS)

deps:
	@sh scripts/deps.sh

# Everything a test run needs, built after deps so that pkg-config sees
# freshly installed libraries.
check-build: all tests san-tests replays

run: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/run.sh

check: deps
	@$(MAKE) --no-print-directory check-build
	@sh scripts/check.sh

# the golden tests again, every tool run under valgrind memcheck (slow)
check-valgrind: all
	@sh scripts/valgrind-golden.sh

bench: all
	@sh scripts/bench.sh

bench-record: all
	@sh scripts/bench.sh --record

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(DATADIR) \
	    $(DESTDIR)$(COMPDIR)
	cp $(TOOLS) $(DESTDIR)$(BINDIR)/
	cp build/ctk.bash $(DESTDIR)$(COMPDIR)/ctk
	for p in $(MANPAGES); do \
	    s=$${p##*.}; cp $$p $(DESTDIR)$(MANDIR)/man$$s/; done
	cp -R data/. $(DESTDIR)$(DATADIR)/

uninstall:
	for t in $(TOOLS); do rm -f $(DESTDIR)$(BINDIR)/$${t#bin/}; done
	for p in $(MANPAGES); do \
	    s=$${p##*.}; rm -f $(DESTDIR)$(MANDIR)/man$$s/$${p#man/}; done
	rm -rf $(DESTDIR)$(DATADIR)
	rm -f $(DESTDIR)$(COMPDIR)/ctk

clean:
	rm -rf build bin

.SECONDARY:

-include $(shell find build -name '*.d' 2>/dev/null)
