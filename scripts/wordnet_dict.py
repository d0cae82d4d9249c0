"""What the lexicon scripts (make-lexicon.py, make-synonyms.py) read of WordNet's dict
files, and English verb and noun forms: WordNet's verb.exc for irregular verbs, regular
English spelling rules otherwise."""

VOWELS = "aeiou"


def index(dict_dir, pos):
    """Each lemma of index.POS: how many of its senses SemCor tags, and its synsets'
    offsets, most frequent sense first."""
    idx = {}
    for line in open(dict_dir.rstrip("/") + "/index." + pos, encoding="latin-1"):
        if line.startswith("  "):
            continue
        t = line.split()
        pc = int(t[3])
        idx[t[0]] = (int(t[4 + pc + 1]), t[4 + pc + 2:])
    return idx


def irregular_verbs(dict_dir):
    """Each verb's irregular forms, from WordNet's verb.exc in dict_dir."""
    irregular = {}
    for line in open(dict_dir.rstrip("/") + "/verb.exc", encoding="latin-1"):
        form, lemma = line.split()[:2]
        irregular.setdefault(lemma, []).append(form)
    return irregular


def inflect(v, irregular):
    """Every form of verb v."""
    forms = {v}
    if v.endswith(("s", "x", "z", "ch", "sh", "o")):
        forms.add(v + "es")
    elif v.endswith("y") and v[-2] not in VOWELS:
        forms.add(v[:-1] + "ies")
    else:
        forms.add(v + "s")
    if v in irregular:
        # Irregular pasts and participles from verb.exc; the "-ing" form stays regular.
        forms.update(irregular[v])
        forms.add(v[:-1] + "ing" if v.endswith("e") and not v.endswith("ee") else v + "ing")
        return forms
    if v.endswith("e"):
        forms.update({v + "d", v[:-1] + "ing"})
    elif v.endswith("y") and v[-2] not in VOWELS:
        forms.update({v[:-1] + "ied", v + "ing"})
    else:
        forms.update({v + "ed", v + "ing"})
        # Doubling after a short stressed vowel: "admit" → "admitted"; "rebut" → "rebutted".
        if len(v) >= 3 and v[-1] not in VOWELS + "wxy" and v[-2] in VOWELS and v[-3] not in VOWELS:
            forms.update({v + v[-1] + "ed", v + v[-1] + "ing"})
    return forms


def plural(n):
    if n.endswith(("s", "x", "z", "ch", "sh")):
        return n + "es"
    if n.endswith("y") and n[-2] not in VOWELS:
        return n[:-1] + "ies"
    return n + "s"
