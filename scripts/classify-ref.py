#!/usr/bin/env python3
"""Independent reference values for the unit tests of lib/rng.c,
lib/features.c and lib/nbayes.c, computed from the published algorithm
descriptions (not from ctk's code). Run: python3 scripts/classify-ref.py"""
import math

M = (1 << 64) - 1


def splitmix(state):
    state = (state + 0x9E3779B97F4A7C15) & M
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return state, z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M


def xoshiro_outputs(seed, n):
    s, st = [], seed
    for _ in range(4):
        st, z = splitmix(st)
        s.append(z)
    out = []
    for _ in range(n):
        out.append((rotl((s[1] * 5) & M, 7) * 9) & M)
        t = (s[1] << 17) & M
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]
        s[2] ^= t; s[3] = rotl(s[3], 45)
    return out


def bucket(key, bits):
    h = 0xCBF29CE484222325
    for c in key.encode():
        h = ((h ^ c) * 0x100000001B3) & M
    h ^= h >> 33; h = (h * 0xFF51AFD7ED558CCD) & M
    h ^= h >> 33; h = (h * 0xC4CEB9FE1A85EC53) & M
    h ^= h >> 33
    return h & ((1 << bits) - 1)


def naive_bayes(docs, test, alpha):
    """docs: [(class, [tokens])]; returns P(class | test) per class."""
    classes = sorted({c for c, _ in docs})
    vocab = {t for _, toks in docs for t in toks}
    score = {}
    for c in classes:
        toks = [t for d, ts in docs if d == c for t in ts]
        prior = sum(1 for d, _ in docs if d == c) / len(docs)
        s = math.log(prior)
        for t in test:
            if t in vocab:
                s += math.log((toks.count(t) + alpha) /
                              (len(toks) + alpha * len(vocab)))
        score[c] = s
    z = sum(math.exp(v) for v in score.values())
    return {c: math.exp(v) / z for c, v in score.items()}


st = 0
print("splitmix64(0):", [hex(splitmix(st)[1])])
print("xoshiro256** seeded 42:", [hex(x) for x in xoshiro_outputs(42, 3)])
for w in ["hello", "hello world", "été"]:
    print("bucket(%r, 20) = %d" % (w, bucket(w, 20)))
toy = [("a", ["x", "x", "y"]), ("b", ["y", "z"])]
print("NB toy, alpha 1, doc 'x z':", naive_bayes(toy, ["x", "z"], 1.0))
