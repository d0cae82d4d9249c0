#!/usr/bin/env python3
"""Fits the hybrid ranking's weights, its confidence map and its two confidence bars.

Input: JSON lines written by `storybot eval --features FILE` (one line per question and
candidate: features `x`, `gold`, `answerable`, question number `q`, set name `set`). Fit
only on the seed dev set and our own fixtures, never on shared/eval/unseen:

    cargo run --release -- eval --features target/features.jsonl tests/fixtures
    python3 scripts/fit-ranking.py target/features.jsonl

Prints RANK_WEIGHTS, CONFIDENCE, SURE, UNSURE and RELATED to paste into
crates/core/src/rank/hybrid.rs, and with --cv a leave-one-article-out estimate (each article's
questions ranked, and judged answer / unsure / refused, by everything fitted on the others) of
top-1 and of the confidence outcomes, which is what design choices are judged by. Pure Python;
with numpy importable (`pip install numpy`) the two fits run on it instead, the same
arithmetic up to rounding, which makes --cv over the fixture sets take seconds, not hours.

- Ranking: a conditional logit. For each answerable question, the softmax over its
  candidates of `w . x`; the loss is minus the log of the probability mass on its gold
  paragraphs, plus an L2 penalty. Full-batch gradient descent.
- Confidence: logistic regression on each question's best candidate's absolute evidence
  (the features listed at CONF below), with the L2 penalty CONFIDENCE_L2; label: the article
  answers the question. Classes weighted equally.
- Bars, read off the answerable training questions' best-candidate probabilities: UNSURE so
  that at most 1 % would be refused, SURE so that at most 13 % would be marked unsure (the
  issue's budget for answerable questions is 5 % refused and 15 % unsure). New articles run a
  little higher than the training share: leave-one-article-out over the 41 fixture sets gives
  13.3 % unsure at 13 % (11.8 % at 12 %, 13.7 % at 14 %), inside the budget, and flags 77/154
  out-of-story questions (71 at 12 %). Doubt goes to "not sure", which still shows the closest
  passages, rather than to a refusal. (Over the 33 sets of an earlier session 12 % was taken,
  for margin, when 13 % gave 13.0 %.)
- RELATED: nine tenths of the lowest best-candidate cosine (paragraph, sentence or attributed,
  whichever is highest) of any answerable training question. Below it nothing in the article
  is related to the question, whatever words it shares.
"""
import json
import math
import os
import sys
from collections import defaultdict

try:
    import numpy as np
except ImportError:  # the pure-Python fits below
    np = None

L2 = 0.001
# The confidence model's L2 penalty, chosen by the leave-one-article-out estimate (--cv) over
# 0.01, 0.003, 0.001, 0.0005, 0.0003, 0.0002, 0.0001 and 0: out-of-story questions flagged
# 57, 58, 61, 61, 61, 61, 61, 61 of 122 at 50, 49, 47, 46, 47, 49, 47, 46 answerable unsure; the
# largest penalty on the plateau (the weights that stay closest to zero) is taken.
CONFIDENCE_L2 = 0.001
STEPS = 3000
RATE = 3.0


def load(path):
    rows = [json.loads(line) for line in open(path) if line.strip()]
    questions = defaultdict(list)
    for r in rows:
        questions[(r["set"], r["q"])].append(r)
    return questions


def dot(w, x):
    return sum(a * b for a, b in zip(w, x))


def fit_rank_np(qs):
    """`fit_rank` on numpy: the same gradient steps over all candidates at once."""
    x = np.array([r["x"] for c in qs for r in c], dtype=float)
    gold = np.array([bool(r["gold"]) for c in qs for r in c])
    seg = np.repeat(np.arange(len(qs)), [len(c) for c in qs])
    n = len(qs)
    w = np.zeros(x.shape[1])
    for _ in range(STEPS):
        s = x @ w
        m = np.full(n, -np.inf)
        np.maximum.at(m, seg, s)
        e = np.exp(s - m[seg])
        z = np.bincount(seg, e, n)
        zg = np.bincount(seg, e * gold, n)
        g = (e / z[seg] - np.where(gold, e / zg[seg], 0.0)) / n
        w = w - RATE * (L2 * w + x.T @ g)
    return [float(v) for v in w]


def fit_rank(questions):
    qs = [c for c in questions.values() if any(r["gold"] for r in c)]
    if np is not None:
        return fit_rank_np(qs)
    d = len(qs[0][0]["x"])
    w = [0.0] * d
    for _ in range(STEPS):
        grad = [L2 * v for v in w]
        for cands in qs:
            s = [dot(w, r["x"]) for r in cands]
            m = max(s)
            e = [math.exp(v - m) for v in s]
            z = sum(e)
            zg = sum(ei for ei, r in zip(e, cands) if r["gold"])
            for ei, r in zip(e, cands):
                p_all = ei / z
                p_gold = ei / zg if r["gold"] else 0.0
                g = (p_all - p_gold) / len(qs)
                for j in range(d):
                    grad[j] += g * r["x"][j]
        w = [v - RATE * g for v, g in zip(w, grad)]
    return w


def best(cands, w):
    return max(cands, key=lambda r: dot(w, r["x"]))


def top1(questions, w):
    hits = n = 0
    for cands in questions.values():
        if not any(r["gold"] for r in cands):
            continue
        n += 1
        hits += 1 if best(cands, w)["gold"] else 0
    return hits, n


# The best candidate's absolute evidence: paragraph, sentence and attributed cosines, exact
# lexical coverage, the share of the question in words no article uses, and whether the
# question asks what someone said whom no paragraph attributes, and whether a quantity
# question's counted word has no figure near it, and how well its tokens match the question's
# content words, the weakest and on average, and on average over the words no article uses,
# and whether the question asks whether something eventually happened ("Did the board end up
# accepting?": a story reports up to its own day) (features 0, 1, 8, 2, 10, 11, 13, 14, 15,
# 17, 18). The last, over the 57 sets: leave-one-article-out out-of-story flagged 99 → 107/218,
# answerable unsure 91 → 87/702.
# Relative features say nothing here.
# CONF=0,1,... in the environment tries another set of confidence features (judge it by --cv).
CONF = [int(j) for j in os.environ.get("CONF", "0,1,8,2,10,11,13,14,15,17,18").split(",")]
# The shares of answerable training questions the bars may refuse and mark unsure.
REFUSE_SHARE = 0.01
UNSURE_SHARE = 0.13
# RELATED is this share of the lowest best-candidate cosine of any answerable training question:
# the lowest of a few hundred questions is not the lowest a new article's questions will reach.
RELATED_SHARE = 0.9


def fit_confidence(questions, w):
    pts = []
    for cands in questions.values():
        b = best(cands, w)
        pts.append(([b["x"][j] for j in CONF], 1.0 if cands[0]["answerable"] else 0.0))
    n_pos = sum(y for _, y in pts)
    n_neg = len(pts) - n_pos
    cw = [0.5 / n_pos if y else 0.5 / n_neg for _, y in pts]
    if np is not None:
        x = np.array([p for p, _ in pts], dtype=float)
        y = np.array([t for _, t in pts])
        k = np.array(cw)
        v = np.zeros(len(CONF))
        c = 0.0
        for _ in range(6000):
            r = (1.0 / (1.0 + np.exp(-(x @ v + c))) - y) * k
            v = v - 2.0 * (CONFIDENCE_L2 * v + x.T @ r)
            c -= 2.0 * float(r.sum())
        return [float(a) for a in v], c
    v = [0.0] * len(CONF)
    c = 0.0
    for _ in range(6000):
        gv = [CONFIDENCE_L2 * x for x in v]
        gc = 0.0
        for (x, y), k in zip(pts, cw):
            p = 1.0 / (1.0 + math.exp(-(dot(v, x) + c)))
            for j in range(len(v)):
                gv[j] += (p - y) * x[j] * k
            gc += (p - y) * k
        v = [a - 2.0 * g for a, g in zip(v, gv)]
        c -= 2.0 * gc
    return v, c


def probability(cands, w, v, c):
    x = best(cands, w)["x"]
    return 1.0 / (1.0 + math.exp(-(dot(v, [x[j] for j in CONF]) + c)))


def nearest(cands, w):
    """The best candidate's highest cosine: paragraph, sentence or attributed (`hybrid::related`)."""
    x = best(cands, w)["x"]
    return max(x[0], x[1], x[8])


def fit_bars(questions, w):
    """The confidence map and the three bars, fitted on `questions` ranked by `w`."""
    v, c = fit_confidence(questions, w)
    ans = sorted(probability(c_, w, v, c) for c_ in questions.values() if c_[0]["answerable"])
    unsure = ans[int(REFUSE_SHARE * len(ans))]
    sure = ans[int(UNSURE_SHARE * len(ans))]
    related = RELATED_SHARE * min(nearest(c_, w) for c_ in questions.values() if c_[0]["answerable"])
    return v, c, unsure, sure, math.floor(related * 1000) / 1000


def judge(cands, w, bars):
    """What the answer says for one question: "answer", "unsure" or "refused"."""
    v, c, unsure, sure, related = bars
    p = probability(cands, w, v, c)
    if p < unsure or nearest(cands, w) < related:
        return "refused"
    return "answer" if p >= sure else "unsure"


def main(path):
    questions = load(path)
    sets = sorted({k[0] for k in questions})
    # Leave one article out: how well weights, confidence map and bars fitted elsewhere rank
    # an article's questions and judge how sure to be of them.
    cv_hits = cv_n = 0
    cv = {"answerable": 0, "refused": 0, "unsure": 0, "out": 0, "flagged": 0}
    for held in (sets if "--cv" in sys.argv else []):
        train = {k: v for k, v in questions.items() if k[0] != held}
        test = {k: v for k, v in questions.items() if k[0] == held}
        w = fit_rank(train)
        h, n = top1(test, w)
        bars = fit_bars(train, w)
        for cands in test.values():
            verdict = judge(cands, w, bars)
            if cands[0]["answerable"]:
                cv["answerable"] += 1
                cv["refused"] += verdict == "refused"
                cv["unsure"] += verdict == "unsure"
            else:
                cv["out"] += 1
                cv["flagged"] += verdict != "answer"
        print(f"// held out {held}: top-1 {h}/{n}")
        cv_hits += h
        cv_n += n
    print(f"// leave-one-article-out top-1 {cv_hits}/{cv_n}")
    print(
        f"// leave-one-article-out confidence: answerable refused {cv['refused']}/{cv['answerable']}, "
        f"unsure {cv['unsure']}; out-of-story refused or unsure {cv['flagged']}/{cv['out']}"
    )
    w = fit_rank(questions)
    h, n = top1(questions, w)
    bars = fit_bars(questions, w)
    v, c, unsure, sure, related = bars
    outside = [c_ for c_ in questions.values() if not c_[0]["answerable"]]
    out = sorted(probability(c_, w, v, c) for c_ in outside)
    flagged = sum(1 for c_ in outside if judge(c_, w, bars) != "answer")
    print(f"// training top-1 {h}/{n}; out-of-story best probabilities {[round(p, 3) for p in out]}")
    print(f"// out-of-story refused or unsure at these bars: {flagged}/{len(out)}")
    print("pub const RANK_WEIGHTS: [f32; FEATURES] = [" + ", ".join(f"{v:.4}" if abs(v) > 1e-9 else "0.0" for v in w) + "];")
    print(f"pub const CONFIDENCE: [f32; {len(CONF) + 1}] = [" + ", ".join(f"{x:.4}" for x in v + [c]) + "];")
    print(f"pub const SURE: f32 = {sure:.4};")
    print(f"pub const UNSURE: f32 = {unsure:.4};")
    print(f"pub const RELATED: f32 = {related:.3};")


if __name__ == "__main__":
    main(sys.argv[1])
