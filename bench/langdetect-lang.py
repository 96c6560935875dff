#!/usr/bin/env python3
"""langdetect-lang: the Python langdetect baseline of bench/langid.sh.
Reads a ctk TSV stream on stdin and writes it back with a lang column
(langdetect's code, zh-cn/zh-tw as zh, iw as he, und on failure)."""
import sys

from langdetect import DetectorFactory, detect
from langdetect.lang_detect_exception import LangDetectException

DetectorFactory.seed = 0
column = sys.argv[1] if len(sys.argv) > 1 else "text"
inp = sys.stdin
header = inp.readline().rstrip("\n")
col = header.split("\t").index(column)
out = sys.stdout
out.write(header + "\tlang\n")
for line in inp:
    line = line.rstrip("\n")
    text = line.split("\t")[col].replace("\\n", "\n").replace("\\t", "\t")
    try:
        lang = detect(text)
    except LangDetectException:
        lang = "und"
    lang = {"zh-cn": "zh", "zh-tw": "zh", "iw": "he"}.get(lang, lang)
    out.write(line + "\t" + lang + "\n")
