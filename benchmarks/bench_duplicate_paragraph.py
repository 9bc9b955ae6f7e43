"""Accuracy and speed of the duplicate-paragraph rule (CD101).

Accuracy: real article bodies from ``../shared/data`` (scrapinghub-aeb ground
truth, mozilla-readability expected output, polnear dev texts) are linted as
they are (every finding there is a false alarm, unless the article really
repeats itself) and with one injected defect each:

- exact: a paragraph pasted again later;
- near:  a paragraph pasted again with light edits (word dropped or swapped,
  abbreviation, punctuation);
- run:   2-5 consecutive paragraphs pasted again (a third of them re-flowed:
  two paragraphs merged into one; a third with one lightly edited paragraph);
- whole: the whole body pasted twice.

A hit is a finding whose location spans exactly the injected lines and whose
related location overlaps the original, with no second finding on those lines.

Speed: documents of 10, 100, 1,000 and 5,000 paragraphs (drawn from the same
corpus, or generated text when the data is absent) with 5% repeats, then
generated articles of 1 MB and 2 MB: random sentences from the corpus
vocabulary that open like real sentences and often end on a stock attribution
(", police said on Monday"), so many paragraphs share their first or last
words, as long news pages do. Growth from 1 MB to 2 MB should stay near x2.

Usage::

    python benchmarks/bench_duplicate_paragraph.py [--data DIR] [--limit N] [--seed S]
        [--skip-accuracy] [--skip-speed]

The data is third-party text for internal evaluation only: nothing from it is
written anywhere.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from linters.checking import ActiveRule, run_rules
from linters.report import Finding
from linters.testing import lint, read
from rules.duplicate_paragraph import DEFAULT_BOILERPLATE, DuplicateParagraph

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
BOILERPLATE = re.compile("|".join(f"(?:{p})" for p in DEFAULT_BOILERPLATE), re.IGNORECASE)
MIN_PARAGRAPH = 80  # injected copies are of paragraphs at least this long (the rule's min-length is 40)


# -- corpus ----------------------------------------------------------------
class _ParagraphParser(HTMLParser):
    """Text of <p>, <li>, <h1-6>, <blockquote> elements of a readability output fragment."""

    BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption"})

    def __init__(self) -> None:
        super().__init__()
        self.paragraphs: list[str] = []
        self._depth = 0
        self._buf: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.BLOCKS:
            self._flush()
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self._flush()
            self._depth = max(0, self._depth - 1)

    def handle_data(self, data: str) -> None:
        if self._depth:
            self._buf.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._buf).split())
        if text:
            self.paragraphs.append(text)
        self._buf = []


def _clean(paragraphs: list[str]) -> list[str]:
    return [" ".join(p.split()) for p in paragraphs if p.strip()]


def load_articles(data: Path) -> list[tuple[str, list[str]]]:
    """(name, paragraphs) for every usable article in the data folder."""
    articles: list[tuple[str, list[str]]] = []
    gt = data / "scrapinghub-aeb" / "ground-truth.json"
    if gt.is_file():
        for key, item in sorted(json.loads(gt.read_text("utf-8")).items()):
            articles.append((f"aeb/{key[:10]}", _clean(item["articleBody"].split("\n"))))
    pages = data / "mozilla-readability" / "pages"
    if pages.is_dir():
        for page in sorted(pages.iterdir()):
            expected = page / "expected.html"
            if expected.is_file():
                parser = _ParagraphParser()
                parser.feed(expected.read_text("utf-8"))
                articles.append((f"readability/{page.name}", _clean(parser.paragraphs)))
    polnear = data / "polnear" / "dev" / "text"
    if polnear.is_dir():
        for path in sorted(polnear.glob("*.txt")):
            articles.append((f"polnear/{path.stem[:40]}", _clean(path.read_text("utf-8").split("\n\n"))))
    return [(name, paras) for name, paras in articles if len(paras) >= 2]


def load_unseen(data: Path) -> list[tuple[str, list[str]]]:
    """PolNeAR train articles: not used while tuning the rule, for an out-of-sample false-alarm count."""
    folder = data / "polnear" / "train" / "text"
    articles = [
        (f"polnear-train/{p.stem[:40]}", _clean(p.read_text("utf-8").split("\n\n")))
        for p in sorted(folder.glob("*.txt"))
    ]
    return [(name, paras) for name, paras in articles if len(paras) >= 2]


def false_alarms(items: Iterable[tuple[str, str, str]], verbose: bool) -> tuple[int, tuple[int, int, int]]:
    """Over (name, text, format) documents left untouched: (documents, (findings, errors, documents flagged))."""
    docs = total = errors = flagged = 0
    for name, text, fmt in items:
        found = lint(text, DuplicateParagraph, fmt)
        docs += 1
        total += len(found)
        errors += sum(f.severity == "error" for f in found)
        flagged += bool(found)
        if verbose:
            for f in found:
                print(f"  clean {name}:{f.location.line}: [{f.evidence.get('kind')}] {f.message}")
    return docs, (total, errors, flagged)


def as_text(articles: list[tuple[str, list[str]]]) -> Iterator[tuple[str, str, str]]:
    return ((name, render(paragraphs), "text") for name, paragraphs in articles)


def aeb_pages(data: Path) -> Iterator[tuple[str, str, str]]:
    """The 181 full AEB pages for the HTML reader (page chrome, galleries, widgets included)."""
    for page in sorted((data / "scrapinghub-aeb" / "html").glob("*.html.gz")):
        yield f"page/{page.name[:10]}", gzip.decompress(page.read_bytes()).decode("utf-8", "replace"), "html"


def render(paragraphs: list[str]) -> str:
    """Blank-line separated text: paragraph k sits on line 2k+1."""
    return "\n\n".join(paragraphs) + "\n"


def line_of(k: int) -> int:
    return 2 * k + 1


# -- light edits -------------------------------------------------------------
ABBREVIATIONS = [
    (r"\bkilometres\b", "km"),
    (r"\bkilometers\b", "km"),
    (r"\bper ?cent\b", "%"),
    (r"\bUnited States\b", "US"),
    (r"\bStreet\b", "St."),
    (r"\bSeptember\b", "Sept."),
    (r"\bDepartment\b", "Dept."),
    (r"\bGovernor\b", "Gov."),
    (r"\bSenator\b", "Sen."),
    (r"\bapproximately\b", "approx."),
    (r"\bmillion\b", "m"),
    (r"\band\b", "&"),
    (r"\bdo not\b", "don't"),
    (r"\bit is\b", "it's"),
]


def _words_edit(text: str, rng: random.Random, op: str) -> str:
    words = text.split(" ")
    if len(words) < 4:
        return text + "!"
    k = rng.randrange(1, len(words) - 1)
    if op == "drop":
        del words[k]
    else:
        words[k], words[k + 1] = words[k + 1], words[k]
    return " ".join(words)


def _abbreviate(text: str, rng: random.Random) -> str:
    options = [(p, r) for p, r in ABBREVIATIONS if re.search(p, text)]
    if not options:
        return _words_edit(text, rng, "drop")
    pattern, repl = rng.choice(options)
    return re.sub(pattern, repl, text, count=1)


def _punctuate(text: str, rng: random.Random) -> str:
    if "," in text and rng.random() < 0.5:
        return text.replace(",", "", 1)
    if text.endswith("."):
        return text[:-1] + (";" if rng.random() < 0.5 else "")
    return text + "."


def light_edit(text: str, rng: random.Random) -> str:
    """One or two of: drop a word, swap two words, abbreviate, change punctuation."""
    edits: list[Callable[[str], str]] = [
        lambda t: _words_edit(t, rng, "drop"),
        lambda t: _words_edit(t, rng, "swap"),
        lambda t: _abbreviate(t, rng),
        lambda t: _punctuate(t, rng),
    ]
    for edit in rng.sample(edits, rng.choice((1, 2))):
        text = edit(text)
    return text


# -- injection -----------------------------------------------------------------
def _long_indexes(paragraphs: list[str]) -> list[int]:
    """Paragraphs worth copying: long, and not boilerplate the rule ignores by design."""
    return [k for k, p in enumerate(paragraphs) if len(p) >= MIN_PARAGRAPH and not BOILERPLATE.fullmatch(p)]


def inject(kind: str, paragraphs: list[str], rng: random.Random) -> tuple[list[str], range, range] | None:
    """(new paragraphs, original index range, injected index range) or None if the article cannot host it."""
    long_ = _long_indexes(paragraphs)
    if kind in ("exact", "near"):
        if not long_:
            return None
        src = rng.choice(long_)
        copy = paragraphs[src] if kind == "exact" else light_edit(paragraphs[src], rng)
        at = rng.randint(src + 1, len(paragraphs))
        return [*paragraphs[:at], copy, *paragraphs[at:]], range(src, src + 1), range(at, at + 1)
    if kind == "run":
        starts = [k for k in range(len(paragraphs) - 1) if any(len(p) >= MIN_PARAGRAPH for p in paragraphs[k : k + 2])]
        if not starts:
            return None
        src = rng.choice(starts)
        size = rng.randint(2, min(5, len(paragraphs) - src))
        copy = paragraphs[src : src + size]
        variant = rng.random()
        if variant < 1 / 3 and size >= 3:
            m = rng.randrange(size - 1)
            copy = [*copy[:m], copy[m] + " " + copy[m + 1], *copy[m + 2 :]]
        elif variant < 2 / 3:
            m = rng.randrange(size)
            copy = [*copy[:m], light_edit(copy[m], rng), *copy[m + 1 :]]
        at = rng.randint(src + size, len(paragraphs))
        return paragraphs[:at] + copy + paragraphs[at:], range(src, src + size), range(at, at + len(copy))
    if kind == "whole":
        n = len(paragraphs)
        if not long_:
            return None
        return paragraphs + paragraphs, range(0, n), range(n, 2 * n)
    raise ValueError(kind)


def _overlaps(a1: int, a2: int, b1: int, b2: int) -> bool:
    return a1 <= b2 and b1 <= a2


def judge(findings: list[Finding], original: range, injected: range, doc: list[str]) -> tuple[bool, int]:
    """(hit, number of findings that are not about the injection).

    A hit lies inside the injected lines, covers every injected paragraph of the
    rule's min-length that is not boilerplate (short lines and credits at the edges
    of a run are optional), points
    at the original, and is the only finding on those lines.
    """
    inj = (line_of(injected[0]), line_of(injected[-1]))
    long_ = [line_of(k) for k in injected if len(doc[k]) >= 40 and not BOILERPLATE.fullmatch(doc[k])] or [inj[0]]
    orig = (line_of(original[0]), line_of(original[-1]))
    on_injection = [f for f in findings if _overlaps(f.location.line, f.location.end_line, *inj)]
    hits = [
        f
        for f in on_injection
        if inj[0] <= f.location.line <= min(long_)
        and max(long_) <= f.location.end_line <= inj[1]
        and any(_overlaps(r.location.line, r.location.end_line, *orig) for r in f.related)
        and f.severity == "error"
    ]
    return bool(hits) and len(on_injection) == 1, len(findings) - len(on_injection)


# -- runs ------------------------------------------------------------------------
def accuracy(articles: list[tuple[str, list[str]]], seed: int, verbose: bool) -> None:
    rng = random.Random(seed)
    clean = false_alarms(as_text(articles), verbose)
    print(f"\nAccuracy on {len(articles)} real articles (seed {seed})")
    print(f"{'case':<8} {'articles':>8} {'hits':>6} {'recall':>7} {'other findings':>15}")
    for kind in ("exact", "near", "run", "whole"):
        tried = hits = extra = 0
        for name, paragraphs in articles:
            made = inject(kind, paragraphs, rng)
            if made is None:
                continue
            doc, original, injected = made
            found = lint(render(doc), DuplicateParagraph, "text")
            hit, others = judge(found, original, injected, doc)
            tried += 1
            hits += hit
            extra += others
            if verbose and not hit:
                print(f"  miss {kind} {name}: injected lines {line_of(injected[0])}-{line_of(injected[-1])}")
                print(f"    first copy: {' | '.join(doc[k] for k in original)[:200]}")
                print(f"    injected:   {' | '.join(doc[k] for k in injected)[:200]}")
                for f in found:
                    print(f"    {f.location.line}-{f.location.end_line} [{f.evidence.get('kind')}] {f.message}")
        print(f"{kind:<8} {tried:>8} {hits:>6} {hits / max(tried, 1):>7.3f} {extra:>15}")
    print_clean("clean", *clean)


def print_clean(label: str, count: int, result: tuple[int, int, int]) -> None:
    total, errors, flagged = result
    print(
        f"{label:<8} {count:>8} findings {total} ({errors} errors) in {flagged} articles "
        f"= {100 * total / max(count, 1):.2f} per 100 clean articles ({100 * errors / max(count, 1):.2f} errors)"
    )


def _synthetic_paragraphs(rng: random.Random, count: int) -> list[str]:
    """Stand-in prose when the data folder is absent: Zipf-distributed pseudo-words from a 5,000-word vocabulary."""
    syllables = ["ka", "lo", "mi", "ne", "su", "ta", "ve", "ro", "di", "pa", "ghe", "tri", "mon", "sel", "un"]
    vocab = sorted({"".join(rng.choices(syllables, k=rng.randint(1, 4))) for _ in range(8000)})[:5000]
    rng.shuffle(vocab)
    weights = [1 / (rank + 1) for rank in range(len(vocab))]
    return [" ".join(rng.choices(vocab, weights, k=rng.randint(15, 60))).capitalize() + "." for _ in range(count)]


#: Stock attributions that end many news sentences: the words two paragraphs most often share at their ends.
ATTRIBUTIONS = (
    ", the ministry said in a statement",
    ", police said on Monday",
    ", he told reporters",
    ", she said",
    ", officials said",
    ", according to the report",
    ", the company said in a statement",
    ", a spokesman said",
)


class ProseGenerator:
    """Varied prose of a given size: random sentences, never repeated text (the repeats are injected on purpose)."""

    def __init__(self, pool: list[str], rng: random.Random) -> None:
        words = Counter(w for p in pool for w in re.findall(r"[A-Za-z][a-z']+", p))
        if len(words) < 1000:  # no corpus: pseudo-words
            words = Counter(p.rstrip(".").lower() for p in " ".join(_synthetic_paragraphs(rng, 200)).split())
        self.vocab = [w for w, _ in words.most_common(20000)]
        self.weights = [1 / (rank + 1) for rank in range(len(self.vocab))]  # Zipf, as in real text
        openers = [" ".join(p.split()[:3]) for p in pool if len(p.split()) > 8]
        self.openers = openers or [w.capitalize() for w in self.vocab[:200]]
        self.rng = rng

    def sentence(self) -> str:
        rng = self.rng
        body = " ".join(rng.choices(self.vocab, self.weights, k=rng.randint(6, 24)))
        tail = rng.choice(ATTRIBUTIONS) if rng.random() < 0.3 else ""
        return f"{rng.choice(self.openers)} {body}{tail}."

    def article(self, size: int) -> list[str]:
        """Paragraphs of 1-4 sentences until ``size`` characters."""
        paragraphs: list[str] = []
        total = 0
        while total < size:
            paragraph = " ".join(self.sentence() for _ in range(self.rng.randint(1, 4)))
            paragraphs.append(paragraph)
            total += len(paragraph) + 2
        return paragraphs


def _with_repeats(paragraphs: list[str], rng: random.Random) -> list[str]:
    """One paragraph in twenty pasted again later."""
    for _ in range(max(1, len(paragraphs) // 20)):
        src = rng.randrange(len(paragraphs))
        paragraphs.insert(rng.randint(src + 1, len(paragraphs)), paragraphs[src])
    return paragraphs


def _timed(rule: DuplicateParagraph, paragraphs: list[str]) -> tuple[float, int]:
    doc = read(render(paragraphs), "text")[0]
    start = time.perf_counter()
    findings, errors, _ = run_rules(doc, [ActiveRule(rule, "error")])
    elapsed = time.perf_counter() - start
    if errors:
        raise RuntimeError(errors[0].message)
    return elapsed, len(findings)


def speed(pool: list[str], seed: int, megabytes: tuple[float, ...] = (1.0, 2.0)) -> None:
    """Time per document for growing sizes; the fastest of several runs (the machine is shared)."""
    rng = random.Random(seed)
    rule = DuplicateParagraph()
    print("\nSpeed (rule check only, reader excluded; 5% of paragraphs are repeats; best of N runs)")
    print(f"{'paragraphs':>10} {'runs':>5} {'ms/doc':>9} {'us/para':>8} {'growth':>7} {'findings':>9}")
    previous: tuple[int, float] | None = None
    for size, reps in ((10, 100), (30, 60), (100, 30), (1000, 5), (5000, 3)):
        times = []
        found = 0
        for _ in range(reps):
            paragraphs = rng.sample(pool, size) if len(pool) >= size else _synthetic_paragraphs(rng, size)
            elapsed, count = _timed(rule, _with_repeats(paragraphs, rng))
            times.append(elapsed)
            found += count
        ms = min(times) * 1000
        growth = "(article)" if size == 30 else f"x{ms / previous[1]:.1f}/x{size // previous[0]}" if previous else "-"
        print(f"{size:>10} {reps:>5} {ms:>9.2f} {ms * 1000 / size:>8.0f} {growth:>7} {found / reps:>9.1f}")
        if size != 30:
            previous = (size, ms)
    generator = ProseGenerator(pool, rng)
    print(f"\n{'generated':>10} {'paragraphs':>10} {'s/doc':>7} {'us/para':>8} {'growth':>7} {'findings':>9}")
    last: float | None = None
    for mb in megabytes:
        paragraphs = _with_repeats(generator.article(int(mb * 1_000_000)), rng)
        elapsed, count = min(_timed(rule, paragraphs) for _ in range(2))
        growth = f"x{elapsed / last:.1f}" if last else "-"
        print(
            f"{mb:>8.1f}MB {len(paragraphs):>10} {elapsed:>7.2f} {elapsed * 1e6 / len(paragraphs):>8.0f} "
            f"{growth:>7} {count:>9}"
        )
        last = elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--limit", type=int, default=0, help="use at most N articles (0: all)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-accuracy", action="store_true")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="print misses and false alarms")
    parser.add_argument(
        "--unseen",
        action="store_true",
        help="also count findings on the 840 PolNeAR train articles (not used for tuning)",
    )
    args = parser.parse_args(argv)

    articles = load_articles(args.data) if args.data.is_dir() else []
    if args.limit:
        articles = articles[: args.limit]
    if not articles:
        print(f"no article data under {args.data}: skipping the accuracy benchmark")
    elif not args.skip_accuracy:
        sources = Counter(name.split("/")[0] for name, _ in articles)
        print("articles: " + ", ".join(f"{k} {v}" for k, v in sorted(sources.items())))
        accuracy(articles, args.seed, args.verbose)
        if (args.data / "scrapinghub-aeb" / "html").is_dir():
            print_clean("pages", *false_alarms(aeb_pages(args.data), args.verbose))
        if args.unseen:
            print_clean("unseen", *false_alarms(as_text(load_unseen(args.data)), args.verbose))
    if not args.skip_speed:
        pool = sorted({p for _, paras in articles for p in paras if len(p) >= 20})
        speed(pool, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
