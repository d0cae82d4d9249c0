#!/usr/bin/env python3
"""Writes crates/core/src/attribution/wordnet.rs: the verbs and nouns of saying and denying
that attribution uses, drawn from WordNet 3.0 rather than from any article.

Usage: scripts/make-lexicon.py WORDNET_DICT_DIR VERBNET_DIR > crates/core/src/attribution/wordnet.rs
WORDNET_DICT_DIR holds data.verb, index.verb, data.noun, verb.exc: Debian's wordnet-base
(apt-get download wordnet-base; dpkg -x wordnet-base_*.deb x; x/usr/share/wordnet).
VERBNET_DIR holds VerbNet 3.4's class files (github.com/cu-clear/verbnet, verbnet3.4/).

- Saying verbs: a lemma one of whose two most frequent senses (index.verb lists senses by
  frequency) is a communication or cognition verb (lexicographer files verb.communication,
  verb.cognition) taking a clause (verb frame 26, "Somebody ----s that CLAUSE"), or whose
  most frequent sense is a communication verb and which VerbNet also files among verbs of
  communication (classes 37.*, but not 37.4's means and contact), declaring (29.4), conjecture (29.5), judgment (33.1),
  suspecting (81) or rejecting (77.2). Passive and participle uses are the rules' business.
- Speech verbs: the saying verbs whose most frequent sense is a communication verb taking a
  clause and which VerbNet files among verbs of communication ("say", "tell", "claim"):
  they report words even without a visible clause.
- Denying verbs: the lemmas of the synsets deny.v.01 (and its hyponyms), refute.v.01,
  contradict.v.02 ("deny the truth of") and dispute.v.01 ("take exception to"), and the
  lemmas "dismiss" (dismiss.v.01) and "reject" (reject.v.01) without their synonyms.
- Denial nouns: the acts and messages (noun.act, noun.communication) WordNet derives from
  those synsets (derivationally related forms).
- Inflections: WordNet's verb.exc for irregular forms, regular English rules otherwise.
"""
import sys

import glob
import xml.etree.ElementTree as ET

from wordnet_dict import index, inflect, irregular_verbs, plural

D = sys.argv[1].rstrip("/") + "/"
VERBNET_CLASSES = ("-37.", "declare-29.4", "conjecture-29.5", "judgment-33.1", "suspect-81",
                   "reject-77.2")
verbnet, verbnet_speech = set(), set()
for path in glob.glob(sys.argv[2].rstrip("/") + "/*.xml"):
    # Not the classes of means and contact ("cable", "sign", "phone", "reach"): no content.
    if any(c in path for c in VERBNET_CLASSES) and "-37.4" not in path:
        members = {m.get("name") for m in ET.parse(path).getroot().iter("MEMBER")}
        verbnet |= members
        if "-37." in path:
            verbnet_speech |= members
# English auxiliaries and modals are never reporting verbs ("will" has a sense "bequeath").
AUXILIARIES = {"will", "can", "may", "might", "must", "shall", "should", "would", "could",
               "do", "have", "be"}
COMMUNICATION, COGNITION = 32, 31


def load(pos):
    syn = {}
    for line in open(D + "data." + pos, encoding="latin-1"):
        if line.startswith("  "):
            continue
        head = line.partition("|")[0].split()
        off, lex, wc = head[0], int(head[1]), int(head[3], 16)
        words = [head[4 + 2 * i].lower() for i in range(wc)]
        i = 4 + 2 * wc
        pc = int(head[i])
        i += 1
        ptrs = []
        for _ in range(pc):
            ptrs.append(tuple(head[i:i + 4]))
            i += 4
        frames = []
        if pos == "verb" and i < len(head):
            fc = int(head[i])
            i += 1
            for _ in range(fc):
                frames.append((int(head[i + 1]), int(head[i + 2], 16)))
                i += 3
        syn[off] = {"lex": lex, "words": words, "ptrs": ptrs, "frames": frames}
    return syn


verbs, nouns = load("verb"), load("noun")
vindex = {lemma: offsets for lemma, (_, offsets) in index(D, "verb").items()}


def american(lemma):
    """VerbNet spells "-ize" where WordNet also lists "-ise" ("criticise")."""
    return lemma[:-3] + "ize" if lemma.endswith("ise") else lemma


def takes_clause(s, lemma):
    w = s["words"].index(lemma) + 1 if lemma in s["words"] else 0
    return any(f == 26 and n in (0, w) for f, n in s["frames"])


saying, speech = set(), set()
for lemma, offs in vindex.items():
    if "_" in lemma or "-" in lemma or lemma in AUXILIARIES:
        continue
    senses = [verbs[o] for o in offs]
    clause = [s["lex"] in (COMMUNICATION, COGNITION) and takes_clause(s, lemma) for s in senses]
    if any(clause[:2]) or (senses[0]["lex"] == COMMUNICATION and american(lemma) in verbnet):
        saying.add(lemma)
    if senses[0]["lex"] == COMMUNICATION and clause[0] and american(lemma) in verbnet_speech:
        speech.add(lemma)


# British and American spellings of "-ise"/"-ize" verbs are the same verb; WordNet lists
# only some of them both ways ("recognise" is missing where "recognize" qualifies).
saying |= {v[:-3] + "ise" for v in saying if v.endswith("ize")}
saying |= {v[:-3] + "ize" for v in saying if v.endswith("ise") and len(v) > 5}
speech |= {v[:-3] + "ise" for v in speech if v.endswith("ize")}


def synset(lemma, n):
    return vindex[lemma][n - 1]


def hyponyms(off):
    out = [off]
    for sym, o, pos, _ in verbs[off]["ptrs"]:
        if sym == "~" and pos == "v":
            out += hyponyms(o)
    return out


# Whole synsets, and single lemmas of synsets whose other members are not denials
# ("dismiss" but not its synonym "ignore").
denial_synsets = hyponyms(synset("deny", 1)) + [
    synset("refute", 1), synset("contradict", 2), synset("dispute", 1),
]
denying = {w for o in denial_synsets for w in verbs[o]["words"] if "_" not in w}
denying |= {"dismiss", "reject"}
denial_synsets += [synset("dismiss", 1), synset("reject", 1)]
denial_nouns = set()
for o in denial_synsets:
    for sym, target, pos, st in verbs[o]["ptrs"]:
        if sym == "+" and pos == "n":
            t = int(st[2:], 16)
            if nouns[target]["lex"] not in (4, 10):  # noun.act, noun.communication
                continue
            words = nouns[target]["words"]
            denial_nouns.update(w for w in (words if t == 0 else [words[t - 1]]) if "_" not in w)

irregular = irregular_verbs(D)


def rust_list(name, doc, words):
    words = sorted(words)
    out = [f"/// {doc}", f"pub const {name}: &[&str] = &["]
    line = "   "
    for w in words:
        item = f' "{w}",'
        if len(line) + len(item) > 96:
            out.append(line)
            line = "   "
        line += item
    out.append(line)
    out.append("];")
    return "\n".join(out)


print("//! Generated by `scripts/make-lexicon.py` from WordNet 3.0 (Princeton University, Debian")
print("//! package wordnet-base 1:3.0-37; WordNet licence: free use with this notice) and VerbNet")
print("//! 3.4 (University of Colorado, github.com/cu-clear/verbnet @ ae8e9cf). Do not edit")
print("//! by hand: change the script and run it again. The script's header says how each list")
print("//! is drawn.")
print()
print(rust_list("SAYING_VERBS", "Verbs of saying and thinking-that, every inflected form.",
                {f for v in saying | denying for f in inflect(v, irregular)}))
print()
print(rust_list("SPEECH_VERBS", "Saying verbs whose most frequent sense is saying words that form a clause, every inflected form.",
                {f for v in speech for f in inflect(v, irregular)}))
print()
print(rust_list("DENYING_VERBS", "Verbs of denying, every inflected form.",
                {f for v in denying for f in inflect(v, irregular)}))
print()
print(rust_list("DENIAL_NOUNS", "Nouns of denial derived from the denying verbs, singular and plural.",
                {f for n in denial_nouns for f in (n, plural(n))}))
