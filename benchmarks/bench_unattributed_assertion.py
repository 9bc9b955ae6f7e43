"""Accuracy and speed of unattributed-assertion on real, third-party data (development sets).

Three measurements, each skipped gracefully when its data set is absent:

1. PolNeAR (attribution-annotated US political news): of the sentences the rule flags,
   the share the annotators marked as attributed (false alarms; aim <= 5%). A sentence
   counts as attributed when at least half of its non-space characters lie inside the
   source, cue or content of an annotated attribution that has a source (union of all
   annotators of the article).
2. PolNeAR stripped: sentences of the form "X said (that) Y" / "Y, X said." are rewritten
   as "Y" in their article, which is linted again; recall = share of rewritten sentences
   flagged (aim >= 0.75).
3. CoNLL-2010 Wikipedia weasel/hedge sentences: precision/recall/F1 of the rule's hedge
   detection against the "uncertain" label (aim F1 >= 0.65), for both hedge scopes.
4. Published article bodies (scrapinghub-aeb ground truth, 181 pages from 126 sites): findings
   per 100 sentences, the false-alarm baseline on real articles.
5. Speed (generated, needs no data; ``--skip-speed`` leaves it out): seconds per MB of the rule on
   ordinary paragraphs and on random words with no punctuation (one paragraph, or 12-word lines)
   at 0.1, 0.5 and 1.5 MB. Seconds per MB must stay flat as the size grows.

Tune on ``--split train`` (PolNeAR) and ``train_minus_hidden.csv`` (wikiweasel); report on
``dev`` and ``eval.csv`` (PolNeAR's test split is not distributed). Usage::

    python benchmarks/bench_unattributed_assertion.py [--split dev] [--limit N] [--sensitivity medium]

Last run (defaults, about 25 s): PolNeAR dev 67 claim findings, 32.8% in sentences the
annotators attribute to anyone (PolNeAR counts stances and actions of named people too), 3.0% in
sentences attributed by reported speech; stripped recall 0.080 on all 498 rewrites, 0.091 on the
372 that stay unattributed (the strict set leaves out rewrites that still name a source and
quotations carried by a speaker in the same or the previous paragraph). Wikiweasel eval F1 0.22
(scope sources, P 0.96, R 0.12) / 0.58 (scope uncertainty, P 0.83, R 0.45). Published bodies:
1.10 claim and 1.33 hedge findings per 100 sentences, 46 of 100 articles with a finding.
Speed (2 shared cores; the same code measures 2.8 to 5.8 s per MB on prose from run to run on this
machine): seconds per MB stay flat from 0.1 to 1.5 MB for prose, unpunctuated text (one paragraph or
12-word lines) and title-case sentences. Unpunctuated text took 4.0 / 7.3 / 15.5 s per MB before
over-long "sentences" were read in 2,000-character pieces; an unbounded name pattern once made
title-case text take 26 s per MB.

``--curve`` prints the claim trade-off per threshold (dev, hedges off)::

    threshold   claims  attributed  speech  stripped all / strict  published claims/100 sent  articles/100
    3.0 low         25       0.400   0.040          0.038 / 0.040                        0.36          13.3
    2.0 medium      69       0.319   0.029          0.072 / 0.083                        1.11          28.7
    1.25 high      179       0.263   0.039          0.151 / 0.185                        3.06          55.8
    0.75           403       0.270   0.035          0.305 / 0.382                        8.88          78.5
    0.25           456       0.268   0.037          0.325 / 0.406                       10.99          82.3

Stripped recall stops near 0.4: about 40% of reported-speech contents carry no claim cue at all
("She is moving closer to the nomination") and read exactly like the reporter's own narration, so
the 0.75 aim is out of reach for a lexical tier without flagging most sentences of clean copy.
``ceiling_unattributed_assertion.py`` measures how far any one-sentence word model can go: trained on
PolNeAR train itself, it needs about 30% of the narration flagged to reach 0.75.
The wikiweasel train file selects cues worth F1 0.55 on train / 0.58 on eval; the eval set labels
far more sentences uncertain (31% against 18%), and cues that would reach 0.65 there ("most",
"often", "very", "one of the") are right less than a third of the time on train.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import json
import os
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from linters.checking import ActiveRule, run_rules
from linters.document import Document
from linters.testing import read
from linters.text.sentences import sentences
from rules.unattributed_assertion import UnattributedAssertion

DATA = Path(os.environ.get("COPYDESK_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
_RELATIVE = re.compile(r"\b(?:who|whom|which|that|whose|where|when)\b[^,;:]*", re.IGNORECASE)
_WORDS = re.compile(r"[A-Za-z0-9’']+")
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|does|did|do|isn['’]t|"
    r"aren['’]t|wasn['’]t|won['’]t|don['’]t|doesn['’]t|didn['’]t|hasn['’]t)\b|['’](?:s|re|ll|ve|d)\b|"
    r"(?<!\bthe )\b[a-z]{3,}ed\b",
    re.IGNORECASE,
)


# -- PolNeAR ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Relation:
    source: tuple[int, int] | None
    cue: tuple[int, int] | None
    content: tuple[int, int] | None


def _span(field: str) -> tuple[int, int] | None:
    parts = [p.split() for p in field.split(";")]
    try:
        return int(parts[0][0]), int(parts[-1][1])
    except (IndexError, ValueError):
        return None


def parse_ann(path: Path) -> list[Relation]:
    """Attribution relations of one BRAT file (discontinuous spans are closed over)."""
    spans: dict[str, tuple[int, int] | None] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            _, _, rest = cols[1].partition(" ")
            spans[cols[0]] = _span(rest)
        elif line.startswith("E") and len(cols) >= 2:
            events.append(dict(arg.split(":", 1) for arg in cols[1].split() if ":" in arg))
    out = []
    for ev in events:
        out.append(Relation(*(spans.get(ev.get(role, "")) for role in ("Source", "Cue", "Content"))))
    return out


def polnear_articles(split: str, limit: int | None) -> Iterator[tuple[str, str, list[Relation]]]:
    base = DATA / "polnear" / split
    texts = sorted((base / "text").glob("*.txt"))
    if limit:
        texts = texts[:limit]
    for path in texts:
        relations: list[Relation] = []
        for ann in sorted((base / "attributions").glob(path.stem + "_*.ann")):
            relations.extend(parse_ann(ann))
        yield path.stem, path.read_text(encoding="utf-8"), relations


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def findings_by_offset(rule: UnattributedAssertion, doc: Document) -> list[tuple[int, str]]:
    """(source offset, evidence kind) of each finding."""
    found, errors, _ = run_rules(doc, [ActiveRule(rule, "warning", "bench")])
    if errors:
        raise RuntimeError(errors[0].message)
    starts = _line_starts(doc.text)
    return sorted((starts[f.location.line - 1] + f.location.column - 1, f.evidence["kind"]) for f in found)


def sentence_ranges(doc: Document) -> list[tuple[int, int]]:
    return [s.block.to_source(s.start, s.end) for s in sentences(doc)]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def attributed_marks(relations: list[Relation]) -> list[tuple[int, int]]:
    spans = [sp for r in relations if r.source for sp in (r.source, r.cue, r.content) if sp]
    return _merge(spans)


# Verbs of saying in the annotators' cue, for the narrower "reported speech" view of attribution. The list
# is fixed here (the verbs and their usual neighbours), independent of the rule's lexicon.
_SPEECH_CUE = re.compile(
    r"\b(?:sa(?:y|ys|id|ying)|t(?:ell|ells|old|elling)|claim\w*|den(?:y|ies|ied|ying)|confirm\w*|warn\w*|"
    r"estimat\w*|alleg\w*|add(?:s|ed|ing)?|stat(?:e|es|ed|ing)|announc\w*|report\w*|wr(?:ite|ites|ote|iting)|"
    r"argu\w*|explain\w*|not(?:e|es|ed|ing)|insist\w*|ask\w*|repl\w*|respon\w*|tweet\w*|according)\b",
    re.IGNORECASE,
)


def speech_marks(text: str, relations: list[Relation]) -> list[tuple[int, int]]:
    """Like :func:`attributed_marks`, for relations whose cue is a verb of saying or "according to"."""
    keep = [r for r in relations if r.source and r.cue and _SPEECH_CUE.search(text[r.cue[0] : r.cue[1]])]
    return attributed_marks(keep)


def _nwords(text: str) -> int:
    return len(_WORDS.findall(text))


def strip_source(text: str, sent: tuple[int, int], rel: Relation) -> str | None:
    """Rewrite "X said (that) Y" / "Y, X said." as "Y"; None when the sentence has another shape."""
    if not (rel.source and rel.cue and rel.content):
        return None
    s, e = sent
    (cs, ce), (ss, se), (qs, qe) = rel.content, rel.source, rel.cue
    if not (s <= min(cs, ss, qs) and max(ce, se, qe) <= e) or _nwords(text[cs:ce]) < 4:
        return None
    if cs > 0 and text[cs - 1].isalnum():
        return None  # the annotated content starts inside a word ("commun-|ities")
    content = text[cs:ce].strip()
    if ss < cs and qe <= cs:  # X said (that) Y
        if _nwords(text[s:ss]) > 3 or _nwords(text[qe:cs]) > 4 or re.search(r"[A-Za-z]", text[ce:e]):
            return None
    elif se > ce and qs > ce:  # Y, X said.
        if re.search(r"[A-Za-z]", text[s:cs]) or _nwords(text[ce:e]) > 12:
            return None
        content = re.sub(r"[,;:]([\"'”’]*)$", r".\1", content)
    else:
        return None
    content = re.sub(r"^that\s+", "", content, flags=re.IGNORECASE)
    if re.match(r"(?:to|how|why|what|whether|if|when|where|who|for|about|of)\b", content, re.IGNORECASE):
        return None  # not a declarative clause: "promised to ...", "asked how ..."
    if _nwords(content) < 5 or not _FINITE.search(_RELATIVE.sub(" ", content)):
        return None  # too short, or a noun phrase ("called for a ban on people who are not citizens")
    first = re.search(r"[A-Za-z]", content)
    if first:  # capitalise the first letter, after any opening quote
        content = content[: first.start()] + content[first.start()].upper() + content[first.start() + 1 :]
    if not re.search(r"[.!?][\"'”’)]*$", content):
        content += "."
    return content


def bench_polnear(split: str, limit: int | None, rule: UnattributedAssertion) -> dict[str, float]:
    flagged = flagged_attr = flagged_attr_any = 0
    unattributed = unattributed_flagged = 0
    kinds = {"claim": [0, 0, 0], "hedge": [0, 0, 0]}
    stripped = stripped_hit = strict = strict_hit = 0
    docs = 0
    for _, text, relations in polnear_articles(split, limit):
        docs += 1
        marks = attributed_marks(relations)
        speech = speech_marks(text, relations)
        doc = read(text, "text")[0]
        ranges = sentence_ranges(doc)
        hits = findings_by_offset(rule, doc)
        hit_starts = [h[0] for h in hits]
        for s, e in ranges:
            lo, hi = bisect.bisect_left(hit_starts, s), bisect.bisect_left(hit_starts, e)
            cov = _coverage(text, s, e, marks)
            if lo < hi:
                flagged += 1
                attributed = cov >= 0.5
                flagged_attr += attributed
                flagged_attr_any += cov > 0
                said = _coverage(text, s, e, speech) >= 0.5
                for kind in sorted({hits[k][1] for k in range(lo, hi)}):
                    kinds[kind][0] += 1
                    kinds[kind][1] += attributed
                    kinds[kind][2] += said
            if cov == 0:
                unattributed += 1
                unattributed_flagged += lo < hi
        counts = _stripped_recall(text, ranges, relations, marks, rule)
        stripped += counts[0]
        stripped_hit += counts[1]
        strict += counts[2]
        strict_hit += counts[3]
    return {
        "articles": docs,
        "flagged sentences": flagged,
        "false-alarm share (>=50% attributed)": flagged_attr / max(1, flagged),
        "flagged touching any attribution": flagged_attr_any / max(1, flagged),
        "claim findings": kinds["claim"][0],
        "  of which attributed (false alarms)": kinds["claim"][1] / max(1, kinds["claim"][0]),
        "  of which reported speech (said/told/...)": kinds["claim"][2] / max(1, kinds["claim"][0]),
        "hedge findings": kinds["hedge"][0],
        "  of which attributed (vague sources are)": kinds["hedge"][1] / max(1, kinds["hedge"][0]),
        "flag rate on unattributed sentences": unattributed_flagged / max(1, unattributed),
        "stripped sentences": stripped,
        "stripped recall": stripped_hit / max(1, stripped),
        "stripped, still unattributed after stripping": strict,
        "stripped recall on those": strict_hit / max(1, strict),
    }


def _coverage(text: str, s: int, e: int, marks: list[tuple[int, int]]) -> float:
    chars = sum(1 for i in range(s, e) if not text[i].isspace())
    if not chars:
        return 0.0
    k = bisect.bisect_right([m[1] for m in marks], s)
    hit = 0
    while k < len(marks) and marks[k][0] < e:
        ms, me = max(marks[k][0], s), min(marks[k][1], e)
        hit += sum(1 for i in range(ms, me) if not text[i].isspace())
        k += 1
    return hit / chars


def _stripped_recall(
    text: str,
    ranges: list[tuple[int, int]],
    relations: list[Relation],
    marks: list[tuple[int, int]],
    rule: UnattributedAssertion,
) -> tuple[int, int, int, int]:
    """Strip the source of eligible sentences (every other one per pass) and count the flagged.

    Returns (all, flagged, strict, strict flagged). The strict set leaves out rewrites that are
    still attributed by the issue's own definition: the content holds an annotated attribution of
    its own ("She thinks Cruz can win"), or it is a bare quotation right after an annotated
    attributed sentence (carried, like a quote-only paragraph after "..., Zelenskyy said.").
    """
    sources = sorted(r.source for r in relations if r.source)
    rewrites: dict[int, tuple[str, bool]] = {}
    for rel in relations:
        if not rel.content:
            continue
        k = bisect.bisect_right([r[0] for r in ranges], rel.content[0]) - 1
        if k < 0 or k in rewrites:
            continue
        new = strip_source(text, ranges[k], rel)
        if new:
            cs, ce = rel.content
            nested = any(cs <= a and b <= ce for a, b in sources) or bool(_STILL_SOURCED.search(new))
            carried = bool(_QUOTE_ONLY.match(new)) and k > 0 and _coverage(text, *ranges[k - 1], marks) >= 0.5
            carried = carried or (_quoted_share(new) >= 0.5 and _speaker_nearby(text, ranges, k, marks))
            rewrites[k] = (new, not (nested or carried))
    total = hit = strict = strict_hit = 0
    order = sorted(rewrites)
    for parity in (0, 1):
        chosen = order[parity::2]
        if not chosen:
            continue
        pieces, pos, spans, shift = [], 0, [], 0
        for k in chosen:
            s, e = ranges[k]
            new, counts = rewrites[k]
            pieces.append(text[pos:s])
            new_start = s + shift
            pieces.append(new)
            spans.append((new_start, new_start + len(new), counts))
            shift += len(new) - (e - s)
            pos = e
        pieces.append(text[pos:])
        doc = read("".join(pieces), "text")[0]
        starts = [h[0] for h in findings_by_offset(rule, doc)]
        for s, e, counts in spans:
            flagged = bisect.bisect_left(starts, s) < bisect.bisect_left(starts, e)
            total += 1
            hit += flagged
            strict += counts
            strict_hit += counts and flagged
    return total, hit, strict, strict_hit


def _quoted_share(text: str) -> float:
    quoted = sum(len(m.group()) for m in _QUOTED.finditer(text))
    return quoted / max(1, len(text.strip()))


def _speaker_nearby(text: str, ranges: list[tuple[int, int]], k: int, marks: list[tuple[int, int]]) -> bool:
    """Another annotated attributed sentence in this paragraph or the one before: its speaker carries."""
    para = _paragraph_of(text, ranges[k][0])
    for j in range(max(0, k - 12), min(len(ranges), k + 12)):
        near = j != k and para - 1 <= _paragraph_of(text, ranges[j][0]) <= para
        if near and _coverage(text, *ranges[j], marks) >= 0.5:
            return True
    return False


def _paragraph_of(text: str, offset: int) -> int:
    return len(_PARAGRAPH_BREAK.findall(text, 0, offset))


_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
_PARAGRAPH_BREAK = re.compile(r"\n\s*")
_STILL_SOURCED = re.compile(r"\b(?:according\s+to|citing|said|says|told)\b", re.IGNORECASE)
_QUOTE_ONLY = re.compile(r"^[\"“'‘][^\"“”]*[\"”'’][.!?]?$")


# -- wikiweasel --------------------------------------------------------------------------------------

_PTB = [
    (r"-LRB-", "("),
    (r"-RRB-", ")"),
    (r"-LSB-", "["),
    (r"-RSB-", "]"),
    (r"``\s*", '"'),
    (r"\s*''", '"'),
    (r"`\s*", "'"),
    (r"\s+([,.;:!?%)\]])", r"\1"),
    (r"([(\[$])\s+", r"\1"),
    (r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1"),
]


def detokenize(text: str) -> str:
    for pattern, repl in _PTB:
        text = re.sub(pattern, repl, text)
    return text


def bench_wikiweasel(name: str, limit: int | None, rule: UnattributedAssertion) -> dict[str, float]:
    path = DATA / "wikiweasel-conll2010" / name
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    if limit:
        rows = rows[:: max(1, len(rows) // (limit * 10))]  # the files are sorted by label: sample evenly
    tp = fp = fn = 0
    for row in rows:
        text = detokenize(row["text"])
        predicted = bool(rule.hedges(text, rule.finder.analyse(text)))
        gold = row["label"] == "uncertain"
        tp += predicted and gold
        fp += predicted and not gold
        fn += gold and not predicted
    p = tp / max(1, tp + fp)
    r = tp / max(1, tp + fn)
    return {"sentences": len(rows), "precision": p, "recall": r, "F1": 2 * p * r / max(1e-9, p + r)}


# -- published articles (false-alarm baseline) -----------------------------------------------------


def bench_published(limit: int | None, rule: UnattributedAssertion, show: int) -> dict[str, object]:
    """Findings on the human-extracted bodies of 181 published pages: real articles should mostly pass."""
    data = json.loads((DATA / "scrapinghub-aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(data)[:limit] if limit else sorted(data)
    kinds = {"claim": 0, "hedge": 0}
    sentences_total = with_findings = 0
    shown = 0
    for key in ids:
        body = data[key]["articleBody"]
        doc = read(body, "text")[0]
        sentences_total += len(sentences(doc))
        found, _, _ = run_rules(doc, [ActiveRule(rule, "warning", "bench")])
        with_findings += bool(found)
        for f in found:
            kinds[f.evidence["kind"]] += 1
            if shown < show:
                shown += 1
                print(f"  [{f.evidence['kind']}] {f.flagged_text[:160]}")
    return {
        "articles": len(ids),
        "sentences": sentences_total,
        "articles with a finding": with_findings,
        "articles with a finding per 100 articles": 100 * with_findings / max(1, len(ids)),
        "claim findings per 100 sentences": 100 * kinds["claim"] / max(1, sentences_total),
        "hedge findings per 100 sentences": 100 * kinds["hedge"] / max(1, sentences_total),
    }


# -- speed: cost per MB, also on text that lost its sentence punctuation ------------------------------

#: Sentences of a fictional wire story (written for this benchmark): attributed, claims, hedges, quotes.
_PROSE = (
    "The army is advancing on the river town of Norvik, where more than 10,000 troops are said to be trapped.",
    "Mayor Ilse Brandt said on Monday that the council would vote on the flood budget next week.",
    "The summit was reportedly cancelled after the talks in Varna collapsed late on Sunday.",
    '"We will not give up the bridge," the garrison commander told reporters at the checkpoint.',
    "Critics say the plan is reckless and will cost thousands of jobs in the valley.",
    "Residents queued for water at the school gates in the morning, and shops stayed shut.",
    "According to the health ministry, 40 people were killed in the strikes on the market.",
    "The river burst its banks in 1998, flooding the old market and the rail depot.",
    "It is believed that the dam will fail within days unless engineers reinforce it.",
    "The deadliest attack of the year was carried out by militants using drones, officials said.",
    "Why did the convoy turn back?",
    "Trade unions, including the dockers led by Pavel Oren, say the strike will go on.",
)
_WORD_LIST = "the army city troops said report minister people river green council budget market village school".split()


def prose(size: int, seed: int = 7) -> str:
    """About ``size`` characters of ordinary paragraphs (two to five sentences each)."""
    rng, paras, total = random.Random(seed), [], 0
    while total < size:
        para = " ".join(rng.choice(_PROSE) for _ in range(rng.randint(2, 5)))
        paras.append(para)
        total += len(para) + 2
    return "\n\n".join(paras)


def unpunctuated(size: int, line_words: int = 0, seed: int = 7) -> str:
    """About ``size`` characters of random words with no punctuation: one paragraph, or lines of ``line_words``."""
    rng, words, total = random.Random(seed), [], 0
    while total < size:
        words.append(rng.choice(_WORD_LIST))
        total += len(words[-1]) + 1
    if not line_words:
        return " ".join(words)
    return "\n".join(" ".join(words[i : i + line_words]) for i in range(0, len(words), line_words))


def title_case(size: int, seed: int = 7) -> str:
    """Capitalised words in long sentences (headline lists, tables of names): regex back-tracking shows here."""
    rng = random.Random(seed)
    words = "Harbour Council Claims Statement Warnings Varga Minister Ruiz That Port Says".split()
    paras, total = [], 0
    while total < size:
        paras.append(" ".join(rng.choice(words) for _ in range(350)) + ".")
        total += len(paras[-1]) + 2
    return "\n\n".join(paras)


def bench_speed(sizes_mb: tuple[float, ...] = (0.1, 0.5, 1.5)) -> list[tuple[str, float, float, int]]:
    """(input kind, MB, seconds of the rule alone, findings) per generated input: the cost must stay linear."""
    kinds = {
        "prose paragraphs": prose,
        "unpunctuated paragraph": unpunctuated,
        "unpunctuated lines": lambda size: unpunctuated(size, line_words=12),
        "title-case sentences": title_case,
    }
    rows = []
    for name, make in kinds.items():
        for mb in sizes_mb:
            doc = read(make(int(mb * 1_000_000)), "text")[0]
            rule = UnattributedAssertion()
            t0 = time.perf_counter()
            found, errors, _ = run_rules(doc, [ActiveRule(rule, "warning", "bench")])
            seconds = time.perf_counter() - t0
            if errors:
                raise RuntimeError(errors[0].message)
            rows.append((name, mb, seconds, len(found)))
    return rows


def _show_speed(rows: list[tuple[str, float, float, int]]) -> None:
    print("== speed (generated text, rule only; the reader is not timed)")
    print(f"  {'input':24s} {'MB':>5s} {'seconds':>8s} {'s/MB':>6s} {'findings':>9s}")
    for name, mb, seconds, findings in rows:
        print(f"  {name:24s} {mb:5.1f} {seconds:8.2f} {seconds / mb:6.2f} {findings:9d}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="dev", help="PolNeAR split: train (tuning) or dev (report)")
    ap.add_argument("--weasel", default="eval.csv", help="wikiweasel file: train_minus_hidden.csv or eval.csv")
    ap.add_argument("--limit", type=int, default=None, help="first N articles (x10 wikiweasel sentences)")
    ap.add_argument("--sensitivity", default="medium", choices=["low", "medium", "high"])
    ap.add_argument("--show", type=int, default=0, help="print the first N findings on published articles")
    ap.add_argument("--skip-published", action="store_true", help="skip the published-articles baseline")
    ap.add_argument("--curve", action="store_true", help="claim trade-off: one row per sensitivity (no wikiweasel)")
    ap.add_argument("--skip-speed", action="store_true", help="skip the seconds-per-MB section")
    args = ap.parse_args(argv)
    if args.curve:
        return curve(args.split, args.limit)
    rule = UnattributedAssertion({"sensitivity": args.sensitivity})
    ran = False
    if (DATA / "polnear" / args.split / "text").is_dir():
        t0 = time.perf_counter()
        result = bench_polnear(args.split, args.limit, rule)
        _show(f"PolNeAR {args.split} (sensitivity {args.sensitivity})", result, time.perf_counter() - t0)
        ran = True
    if (DATA / "wikiweasel-conll2010" / args.weasel).is_file():
        t0 = time.perf_counter()
        for scope in ("sources", "uncertainty"):
            t0 = time.perf_counter()
            result = bench_wikiweasel(args.weasel, args.limit, UnattributedAssertion({"hedge-scope": scope}))
            _show(f"wikiweasel {args.weasel} (hedge detection, hedge-scope {scope})", result, time.perf_counter() - t0)
        ran = True
    if (DATA / "scrapinghub-aeb" / "ground-truth.json").is_file() and not args.skip_published:
        t0 = time.perf_counter()
        result = bench_published(args.limit, rule, args.show)
        _show("published article bodies (scrapinghub-aeb): false-alarm baseline", result, time.perf_counter() - t0)
        ran = True
    if not ran:
        print(f"skipped: no benchmark data under {DATA}")
    if not args.skip_speed:
        _show_speed(bench_speed())
    return 0


def curve(split: str, limit: int | None) -> int:
    """One row per sensitivity: what more claim recall costs in false alarms on real, published articles."""
    print(
        f"threshold | PolNeAR {split} claims | attributed | reported speech | stripped recall all / strict | "
        "published: claims/100 sent | articles with a finding /100"
    )
    named = {3.0: "low", 2.0: "medium", 1.25: "high"}
    for threshold in (3.0, 2.0, 1.25, 0.75, 0.25):
        rule = UnattributedAssertion({"check-hedges": False})
        rule.threshold = threshold  # below "high" only to draw the curve: no such option is offered
        level = f"{threshold} {named.get(threshold, '')}"
        pol = bench_polnear(split, limit, rule)
        pub = bench_published(limit, rule, 0)
        print(
            f"{level:11s} | {pol['claim findings']:>5} | {pol['  of which attributed (false alarms)']:.3f} | "
            f"{pol['  of which reported speech (said/told/...)']:.3f} | {pol['stripped recall']:.3f} / "
            f"{pol['stripped recall on those']:.3f} | "
            f"{pub['claim findings per 100 sentences']:.2f} | {pub['articles with a finding per 100 articles']:.1f}"
        )
    return 0


def _show(title: str, result: dict[str, object], seconds: float) -> None:
    print(f"== {title}  [{seconds:.1f}s]")
    for key, value in result.items():
        print(f"  {key:40s} {value:.3f}" if isinstance(value, float) else f"  {key:40s} {value}")


if __name__ == "__main__":
    sys.exit(main())
