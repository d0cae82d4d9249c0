#!/usr/bin/env python3
"""Writes crates/core/src/rank/wordnet-synonyms.txt: the thesaurus the lexical query widens
a question's words with, drawn from WordNet 3.0 rather than from any article.

Usage: scripts/make-synonyms.py WORDNET_DICT_DIR > crates/core/src/rank/wordnet-synonyms.txt
WORDNET_DICT_DIR holds index.* and data.* for noun, verb, adj and adv: Debian's
wordnet-base (apt-get download wordnet-base; dpkg -x wordnet-base_*.deb x;
x/usr/share/wordnet).

Each line is a word, a tab, and the words it may stand for, space-separated: for each part
of speech in which the word occurs in the SemCor corpus (WordNet's sense-tagged counts,
cntlist.rev), the other one-word lemmas of its two most frequent senses (index.* lists senses
by frequency) and the words WordNet derives from the word in those senses ("deny": "denial"),
each of them itself occurring in SemCor (so that "stake" brings "interest", not "gage"). A
word never tagged in SemCor, or with no such synonym, has no line.

Lines whose first field has a space are multi-word verbs, every inflection of the verb
("takes off", "took off"), and the one-word verbs they may stand for, by a stricter rule (the
query adds the first to the phrase's own words, so it must mean the same): a
WordNet verb lemma of a verb and a particle (a closed class of English adverb particles and
prepositions, below) tagged in SemCor, whose most frequent sense is the most frequent sense
of the one-word verbs ("set up": "establish", "found", "launch"), the most frequent first.
"""
import sys

from wordnet_dict import index, inflect, irregular_verbs

D = sys.argv[1].rstrip("/") + "/"
POS = ("noun", "verb", "adj", "adv")
POS_OF = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}


def load(pos):
    """Each synset's words and derivational pointers (source word, target synset, its part of
    speech, target word; word numbers from 1, 0 for all)."""
    syn = {}
    for line in open(D + "data." + pos, encoding="latin-1"):
        if line.startswith("  "):
            continue
        head = line.partition("|")[0].split()
        wc = int(head[3], 16)
        # Adjective lemmas may carry a syntactic marker: "said(a)".
        words = [head[4 + 2 * i].lower().split("(")[0] for i in range(wc)]
        i = 4 + 2 * wc
        derived = []
        for _ in range(int(head[i])):
            sym, off, p, st = head[i + 1:i + 5]
            i += 4
            if sym == "+":
                derived.append((int(st[:2], 16), off, POS_OF[p], int(st[2:], 16)))
        syn[head[0]] = (words, derived)
    return syn


def plain(w):
    return w.isalpha() and w.isascii()


SS_TYPE = {"1": "noun", "2": "verb", "3": "adj", "4": "adv", "5": "adj"}
counts = {}
for line in open(D + "cntlist.rev", encoding="latin-1"):
    key, _, n = line.split()
    lemma, _, rest = key.partition("%")
    pos = SS_TYPE[rest[0]]
    counts[(lemma.lower(), pos)] = counts.get((lemma.lower(), pos), 0) + int(n)

indexes = {pos: index(D, pos) for pos in POS}
data = {pos: load(pos) for pos in POS}
first = {}
for pos in POS:
    for lemma, (tagged, offsets) in indexes[pos].items():
        if plain(lemma) and counts.get((lemma, pos), 0) > 0:
            first[(lemma, pos)] = offsets[0]
dominant = {}
for (lemma, pos), off in first.items():
    best = dominant.get(lemma)
    if best is None or counts[(lemma, pos)] > counts[(lemma, best[0])]:
        dominant[lemma] = (pos, off)

tagged = {lemma for (lemma, _), n in counts.items() if n > 0}
out = {}
for pos in POS:
    for lemma, (_, offsets) in indexes[pos].items():
        if not plain(lemma) or counts.get((lemma, pos), 0) == 0:
            continue
        for off in offsets[:2]:
            words, derived = data[pos][off]
            others = [w for w in words if w != lemma and plain(w) and w in tagged]
            for source, target, target_pos, number in derived:
                if number and (not source or words[source - 1] == lemma):
                    w = data[target_pos][target][0][number - 1]
                    if w != lemma and plain(w) and w in tagged:
                        others.append(w)
            if others:
                out.setdefault(lemma, set()).update(others)

# English adverb particles and prepositions of phrasal verbs (Quirk et al., A Comprehensive
# Grammar of the English Language, 1985, section 16.3).
PARTICLES = {"about", "across", "ahead", "along", "apart", "around", "aside", "away", "back",
             "behind", "by", "down", "forward", "in", "into", "off", "on", "out", "over",
             "through", "together", "under", "up"}

irregular = irregular_verbs(D)

for lemma, (tagged, offsets) in indexes["verb"].items():
    parts = lemma.split("_")
    if len(parts) != 2 or not all(plain(p) for p in parts) or parts[1] not in PARTICLES:
        continue
    if counts.get((lemma, "verb"), 0) == 0:
        continue
    off = offsets[0]
    singles = [w for w in data["verb"][off][0] if plain(w) and dominant.get(w) == ("verb", off)]
    # The most frequent first: the query reads only the first.
    singles.sort(key=lambda w: -counts[(w, "verb")])
    if singles:
        for form in inflect(parts[0], irregular):
            out[form + " " + parts[1]] = singles

for lemma in sorted(out):
    words = out[lemma] if " " in lemma else sorted(out[lemma])
    print(lemma + "\t" + " ".join(words))
