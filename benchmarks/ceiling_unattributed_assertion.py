"""How far can any sentence-level word model separate stripped reported speech from narration (and hedges)?

Issue 5 asks unattributed-assertion for recall >= 0.75 on PolNeAR sentences whose source is stripped
("X said that Y" -> "Y") while staying quiet on clean copy. This script measures the ceiling of that
task for a model that sees one sentence, as the rule does: a supervised word model (logistic
regression over lower-cased words and word pairs, the first word and a quotation-mark flag) is
trained on PolNeAR ``train`` to tell stripped contents (positives) from sentences no annotator
attributes (the reporter's narration, negatives), and is scored on ``dev``. For each share of
narration a reader would see flagged, it prints the recall the
word model reaches, next to the rule's own operating point on the same isolated sentences.

The word model is an upper bound for a lexical rule, not a candidate: it is trained in-domain and it
learns the traces stripping leaves (backshifted "would"/"had", a bare "He"/"She" opening), which a
writer's own unsourced claim does not have. Sentences with quotation marks are reported apart: an
unattributed quotation is easy to catch and the rule already does.

Usage::

    python benchmarks/ceiling_unattributed_assertion.py [--limit N]

Last run (2 cores, ~10 s; the rule at sensitivity medium, hedges off, each sentence linted alone):

    sentences (dev)                        stripped  narration   [train: 4296 / 10634]
      all                                       498       1093
      no quotation marks                        309       1033
    narration flagged  ->  word-model recall (all / no quotation marks)
      0.02                 0.17 / 0.14
      0.05                 0.32 / 0.22
      0.10                 0.45 / 0.36
      0.20                 0.64 / 0.54
      0.30                 0.76 / 0.70
    rule (medium): narration flagged 0.047, recall 0.27 all / 0.05 no quotation marks

Recall 0.75 on stripped sentences costs about 30% of the narration flagged even for a model trained on
the test domain. The rule sits near that curve where quotation marks help (0.27 against 0.32 at 5%)
and well under it on plain sentences, where most of the model's edge is the traces of stripping.
(scikit-learn's LogisticRegression on the same features: within 0.03 of these numbers.)

The same word model on the CoNLL-2010 Wikipedia weasel task (trained on 80% of
``train_minus_hidden.csv``, threshold chosen on the other 20%, scored on ``eval.csv``):

    hedges (wikiweasel eval, 7288 sentences): word model P 0.43 R 0.50 F1 0.46; F1 0.48 with the threshold
    chosen on eval itself
      rule, hedge-scope sources: P 0.96 R 0.12 F1 0.22
      rule, hedge-scope uncertainty: P 0.83 R 0.45 F1 0.58

(scikit-learn's LogisticRegression on words and word pairs, all of train, threshold by 5-fold cross-validation:
F1 0.52-0.53; 0.58 with the threshold chosen on eval.) The hand-written uncertainty lexicon beats a model
learned from the training file; the issue's 0.65 is above the shared task's best systems (about 0.60) and
what this training file supports.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import math
import random
import re
import sys
import time
from collections import Counter
from itertools import pairwise

from bench_unattributed_assertion import (
    DATA,
    _coverage,
    attributed_marks,
    detokenize,
    findings_by_offset,
    polnear_articles,
    sentence_ranges,
    strip_source,
)

from linters.testing import read
from rules.unattributed_assertion import UnattributedAssertion

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_QUOTE_MARK = re.compile(r"[\"“”]|''")
RATES = (0.02, 0.05, 0.10, 0.20, 0.30)


def sentences_of(split: str, limit: int | None) -> tuple[list[str], list[str]]:
    """(stripped contents, unattributed sentences) of a PolNeAR split; one rewrite per sentence."""
    positives: list[str] = []
    negatives: list[str] = []
    for _, text, relations in polnear_articles(split, limit):
        ranges = sentence_ranges(read(text, "text")[0])
        starts = [s for s, _ in ranges]
        marks = attributed_marks(relations)
        done: set[int] = set()
        for rel in relations:
            if not rel.content:
                continue
            k = bisect.bisect_right(starts, rel.content[0]) - 1
            if k < 0 or k in done:
                continue
            new = strip_source(text, ranges[k], rel)
            if new:
                done.add(k)
                positives.append(new)
        negatives += [text[s:e] for s, e in ranges if _coverage(text, s, e, marks) == 0]
    return positives, negatives


def features(sentence: str) -> set[str]:
    """Lower-cased words and word pairs, the first word, and whether there is a quotation mark."""
    words = _WORD.findall(sentence.lower())
    found = {*words, *(f"{a} {b}" for a, b in pairwise(words))}
    if words:
        found.add(f"<first> {words[0]}")
    if _QUOTE_MARK.search(sentence):
        found.add("<quote>")
    return found


class WordModel:
    """Logistic regression over binary word features, fitted by AdaGrad with L2 and balanced classes."""

    def __init__(
        self, positives: list[str], negatives: list[str], *, epochs: int = 8, rate: float = 0.5, l2: float = 1e-4
    ) -> None:
        counts = Counter(f for s in [*positives, *negatives] for f in features(s))
        vocab = {f for f, n in counts.items() if n >= 2}
        rows = [([f for f in features(s) if f in vocab], 1.0) for s in positives]
        rows += [([f for f in features(s) if f in vocab], 0.0) for s in negatives]
        balance = {1.0: len(rows) / (2 * len(positives)), 0.0: len(rows) / (2 * len(negatives))}
        self.weights: dict[str, float] = {}
        self.bias = 0.0
        grad_sq: dict[str, float] = {}
        bias_sq = 1e-8
        rng = random.Random(7)
        for _ in range(epochs):
            rng.shuffle(rows)
            for feats, label in rows:
                z = max(-30.0, min(30.0, self.bias + sum(self.weights.get(f, 0.0) for f in feats)))
                g = (1 / (1 + math.exp(-z)) - label) * balance[label]
                bias_sq += g * g
                self.bias -= rate * g / math.sqrt(bias_sq)
                for f in feats:
                    w = self.weights.get(f, 0.0)
                    gf = g + l2 * w
                    grad_sq[f] = grad_sq.get(f, 1e-8) + gf * gf
                    self.weights[f] = w - rate * gf / math.sqrt(grad_sq[f])

    def score(self, sentence: str) -> float:
        return self.bias + sum(self.weights.get(f, 0.0) for f in features(sentence))


def recall_at(pos_scores: list[float], neg_scores: list[float], rate: float) -> float:
    """Recall on positives when the threshold flags ``rate`` of the negatives."""
    ranked = sorted(neg_scores, reverse=True)
    cut = ranked[min(len(ranked) - 1, max(0, round(rate * len(ranked)) - 1))]
    return sum(s > cut for s in pos_scores) / max(1, len(pos_scores))


def f1(scores: list[float], gold: list[bool], cut: float) -> tuple[float, float, float]:
    tp = sum(s > cut and g for s, g in zip(scores, gold, strict=True))
    fp = sum(s > cut and not g for s, g in zip(scores, gold, strict=True))
    fn = sum(g and not s > cut for s, g in zip(scores, gold, strict=True))
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return p, r, 2 * p * r / max(1e-9, p + r)


def best_cut(scores: list[float], gold: list[bool]) -> float:
    """The threshold with the best F1 (candidates: every 20th score)."""
    ranked = sorted(scores)
    return max(ranked[:: max(1, len(ranked) // 200)], key=lambda cut: f1(scores, gold, cut)[2])


def weasel_rows(name: str) -> list[tuple[str, bool]]:
    with (DATA / "wikiweasel-conll2010" / name).open(encoding="utf-8") as fh:
        return [(detokenize(row["text"]), row["label"] == "uncertain") for row in csv.DictReader(fh)]


def hedge_ceiling() -> None:
    """Word model on the CoNLL-2010 Wikipedia weasel task: trained on 80% of train, threshold on the rest."""
    train = weasel_rows("train_minus_hidden.csv")
    random.Random(7).shuffle(train)
    fit, tune = train[: len(train) * 4 // 5], train[len(train) * 4 // 5 :]
    model = WordModel([t for t, g in fit if g], [t for t, g in fit if not g])
    cut = best_cut([model.score(t) for t, _ in tune], [g for _, g in tune])
    rows = weasel_rows("eval.csv")
    scores, gold = [model.score(t) for t, _ in rows], [g for _, g in rows]
    p, r, f = f1(scores, gold, cut)
    oracle = f1(scores, gold, best_cut(scores, gold))[2]
    print(
        f"hedges (wikiweasel eval, {len(rows)} sentences): word model P {p:.2f} R {r:.2f} F1 {f:.2f}; "
        f"F1 {oracle:.2f} with the threshold chosen on eval itself"
    )
    for scope in ("sources", "uncertainty"):
        rule = UnattributedAssertion({"hedge-scope": scope})
        predicted = [bool(rule.hedges(t, rule.finder.analyse(t))) for t, _ in rows]
        p, r, f = f1([float(x) for x in predicted], gold, 0.5)
        print(f"  rule, hedge-scope {scope}: P {p:.2f} R {r:.2f} F1 {f:.2f}")


def rule_flags(rule: UnattributedAssertion, sentence: str) -> bool:
    return bool(findings_by_offset(rule, read(sentence, "text")[0]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="first N articles of each split")
    args = ap.parse_args(argv)
    if not (DATA / "polnear" / "train" / "text").is_dir():
        print(f"skipped: no PolNeAR under {DATA}")
        return 0
    t0 = time.perf_counter()
    train_pos, train_neg = sentences_of("train", args.limit)
    dev_pos, dev_neg = sentences_of("dev", args.limit)
    model = WordModel(train_pos, train_neg)
    plain = [s for s in dev_pos if not _QUOTE_MARK.search(s)]
    plain_neg = [s for s in dev_neg if not _QUOTE_MARK.search(s)]
    print(f"sentences (dev)                        stripped  narration   [train: {len(train_pos)} / {len(train_neg)}]")
    print(f"  all                                    {len(dev_pos):>6}     {len(dev_neg):>6}")
    print(f"  no quotation marks                     {len(plain):>6}     {len(plain_neg):>6}")
    print("narration flagged  ->  word-model recall (all / no quotation marks)")
    all_pos, all_neg = [model.score(s) for s in dev_pos], [model.score(s) for s in dev_neg]
    plain_pos, plain_negs = [model.score(s) for s in plain], [model.score(s) for s in plain_neg]
    for rate in RATES:
        print(
            f"  {rate:.2f}                 {recall_at(all_pos, all_neg, rate):.2f} / "
            f"{recall_at(plain_pos, plain_negs, rate):.2f}"
        )
    rule = UnattributedAssertion({"check-hedges": False})
    narration = sum(rule_flags(rule, s) for s in dev_neg) / max(1, len(dev_neg))
    hit_all = sum(rule_flags(rule, s) for s in dev_pos) / max(1, len(dev_pos))
    hit_plain = sum(rule_flags(rule, s) for s in plain) / max(1, len(plain))
    print(
        f"rule (medium): narration flagged {narration:.3f}, recall {hit_all:.2f} all / {hit_plain:.2f} "
        f"no quotation marks   [{time.perf_counter() - t0:.0f}s]"
    )
    if (DATA / "wikiweasel-conll2010" / "eval.csv").is_file():
        hedge_ceiling()
    return 0


if __name__ == "__main__":
    sys.exit(main())
