#!/usr/bin/env python3
"""Writes a synthetic lexicon and a text corpus for the lexicon benchmark.

usage: gen_lexicon.py LEXICON_OUT TEXT_OUT N_TERMS TEXT_MB [SEED]
The lexicon is TSV (term, category, weight): N_TERMS pseudo-words made of
syllables, 20% of them prefixes with a `*`, 5% two-word terms, spread over
20 categories. The text is a ctk stream (id, text) of sentences drawn from
a Zipf-like vocabulary in which about one word in five is a lexicon word
or extends a lexicon prefix. Deterministic for a given seed.
"""
import random
import sys

SYL = ("ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me "
       "mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su "
       "ta te ti to tu va ve vi vo vu za ze zi zo zu an en in on un ar er ir "
       "or ur é è à ç").split()


def word(rng, lo=2, hi=4):
    return "".join(rng.choice(SYL) for _ in range(rng.randint(lo, hi)))


def main():
    lex_out, text_out, n_terms, mb = sys.argv[1:5]
    rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 1)
    n_terms, target = int(n_terms), int(float(mb) * 1e6)
    terms, seen = [], set()
    while len(terms) < n_terms:
        r = rng.random()
        t = word(rng)
        if r < 0.20:
            t = t + "*"
        elif r < 0.25:
            t = t + " " + word(rng)
        if t not in seen:
            seen.add(t)
            terms.append(t)
    with open(lex_out, "w") as f:
        for t in terms:
            f.write("%s\tcat%02d\t%d\n" % (t, rng.randrange(20),
                                          rng.choice((1, 1, 1, 2, -1))))
    vocab = [word(rng, 1, 5) for _ in range(50000)]
    for t in terms:
        vocab.append(t.rstrip("*") + (word(rng, 1, 2) if t.endswith("*")
                                      else ""))
    rng.shuffle(vocab)
    cum, acc = [], 0.0
    for i in range(len(vocab)):
        acc += 1.0 / (i + 10)
        cum.append(acc)
    size, n = 0, 0
    with open(text_out, "w") as f:
        f.write("id\ttext\n")
        while size < target:
            words = rng.choices(vocab, cum_weights=cum, k=rng.randint(8, 60))
            words[0] = words[0].capitalize()
            line = "d%d\t%s.\n" % (n, " ".join(words))
            f.write(line)
            size += len(line.encode())
            n += 1


main()
