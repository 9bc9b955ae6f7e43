"""Accuracy and speed of ``unrelated-link`` on real articles from ../shared/data.

Run from the repository root::

    python benchmarks/bench_unrelated_link.py [--data ../shared/data] [--seed 7] [--limit N] [--pages-only]

Articles: scrapinghub-aeb (human ground-truth body + page HTML for the title and subheadings) and
mozilla-readability (expected article HTML + expected title). Only English articles host teasers
(the rule's stopwords and common-word table are English). Documents are built from plain text with
``linters.testing.read(text, "text")`` so the benchmark does not depend on the HTML reader.

What is measured:

(a) recall over unrelated teasers: headlines (titles) of OTHER articles appended to an article in the
    forms the rule must catch — under a "You may also like" header, as a headerless tail of headline +
    URL lines, and as an inline "READ MORE: ..." line inside the body;
(b) false alarms over related teasers: the article's own title and its own subheadings (removed from
    the body) used as teasers under a header and inline ("ALSO READ: <own title>"); plus a mixed block
    (own title + two foreign titles) where only the foreign ones may be flagged;
(c) false alarms per 100 clean article bodies (the ground-truth body alone), as findings and as bodies;
(d) whole pages: the real pages of both sets through the HTML reader (when it is installed), per set —
    findings per page (and with one finding per teaser), flagged teasers per page, the share of them in
    navigation/utility blocks, and flagged teasers whose text is part of the article body (false alarms on
    article text). Read by hand (2026-11-28): of the 85 readability-page findings (387 teasers), 70 findings are
    real headlines from other stories in the sites' own widgets; the rest are source labels ("CNBC on MSN"),
    topic/network link rows (WebMD), a newsletter link, a byline and shop links. Of 70 sampled AEB findings,
    ~59 are real unrelated headlines. Before the chrome/utility/label pass and per-widget findings: AEB 4.76
    and readability 12.6 findings per page, 24% and 19% of flagged teasers in navigation/utility blocks.
(e) cost against article length (ms per 100,000 characters at 200, 2,000 and 20,000 lines: flat means linear).
Also: speed (ms per article / per page).

Nothing from the data set is written anywhere; only counts are printed.
"""

from __future__ import annotations

import argparse
import bisect
import gzip
import html
import json
import math
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from linters.checking import ActiveRule, run_rules
from linters.testing import read
from linters.text.tokens import STOPWORDS
from rules.unrelated_link import UnrelatedLink

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
#: body-to-body TF-IDF cosine at or above which another article counts as same-topic (not a negative)
TOPIC_OVERLAP = 0.12
_ENGLISH = frozenset("the and of to in is that for was with on as by it said at from has have are".split())


@dataclass
class Article:
    name: str
    title: str
    paragraphs: list[str]
    subheadings: list[str] = field(default_factory=list)
    page: Path | None = None  # the full page (gzip HTML) the body was taken from

    @property
    def english(self) -> bool:
        words = re.findall(r"[a-z]+", " ".join(self.paragraphs).lower())
        return bool(words) and sum(w in _ENGLISH for w in words) / len(words) >= 0.15


# -- loading ------------------------------------------------------------------------------------------


def _clean_title(raw: str) -> str:
    """Drop the site name that pages append to their <title> ("Headline | Site")."""
    title = " ".join(html.unescape(raw).split())
    parts = [p.strip() for p in re.split(r"\s+[|–—-]\s+|\s+::\s+", title) if p.strip()]
    if not parts:
        return ""
    return max(parts, key=lambda p: len(p.split()))


def _meta_title(page: str) -> str:
    for pattern in (
        r'<meta[^>]+property=["\']og:title["\'][^>]+content="([^"]+)"',
        r"<meta[^>]+property=[\"']og:title[\"'][^>]+content='([^']+)'",
        r'<meta[^>]+content="([^"]+)"[^>]+property=["\']og:title',
        r"<title[^>]*>(.*?)</title>",
    ):
        m = re.search(pattern, page, re.IGNORECASE | re.DOTALL)
        if m and m.group(1).strip():
            return _clean_title(m.group(1))
    return ""


def _headings(page: str) -> list[str]:
    found = re.findall(r"<h[2-4][^>]*>(.*?)</h[2-4]>", page, re.IGNORECASE | re.DOTALL)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", h)).split()) for h in found]


def load_scrapinghub(data: Path) -> list[Article]:
    folder = data / "scrapinghub-aeb"
    truth = json.loads((folder / "ground-truth.json").read_text("utf-8"))
    out = []
    for key in sorted(truth):
        page_path = folder / "html" / f"{key}.html.gz"
        if not page_path.exists():
            continue
        page = gzip.decompress(page_path.read_bytes()).decode("utf-8", "replace")
        paragraphs = [p.strip() for p in truth[key]["articleBody"].split("\n") if p.strip()]
        lines = set(paragraphs)
        subs = [h for h in _headings(page) if h in lines and len(h.split()) >= 3]
        out.append(Article(f"aeb/{key}", _meta_title(page), paragraphs, subs, page_path))
    return out


class _TextBlocks(HTMLParser):
    """Paragraph-level text of an article HTML fragment, with its h2-h4 subheadings."""

    BLOCKS = frozenset("p li h1 h2 h3 h4 h5 h6 blockquote figcaption pre td div".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self._tag: list[str] = []
        self._buf: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self._buf).split())
        if text:
            self.blocks.append((self._tag[-1] if self._tag else "p", text))
        self._buf = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self._flush()
            self._tag.append(tag)
        elif tag == "br":
            self._buf.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self._flush()
            if self._tag:
                self._tag.pop()

    def handle_data(self, data: str) -> None:
        self._buf.append(data)


def load_mozilla(data: Path) -> list[Article]:
    out = []
    for page_dir in sorted((data / "mozilla-readability" / "pages").glob("*")):
        expected = page_dir / "expected.html"
        if not expected.exists():
            continue
        parser = _TextBlocks()
        parser.feed(expected.read_text("utf-8"))
        parser.close()
        meta_path = page_dir / "expected-metadata.json"
        meta = json.loads(meta_path.read_text("utf-8")) if meta_path.exists() else {}
        paragraphs = [t for tag, t in parser.blocks if tag not in ("h1",)]
        subs = [t for tag, t in parser.blocks if tag in ("h2", "h3", "h4") and len(t.split()) >= 3]
        title = _clean_title(meta.get("title") or "")
        out.append(Article(f"moz/{page_dir.name}", title, paragraphs, subs, page_dir / "source.html.gz"))
    return out


# -- building test documents ----------------------------------------------------------------------------


def _slug_url(title: str, n: int) -> str:
    slug = "-".join(re.findall(r"[a-z0-9]+", title.lower())[:10])
    return f"https://news.example.com/section/{slug}-{1000 + n}"


def _body_without(article: Article, drop: set[str]) -> list[str]:
    return [p for p in article.paragraphs if p not in drop]


def _findings(text: str, rule: UnrelatedLink) -> list:
    doc = read(text, "text")[0]
    found, errors, _ = run_rules(doc, [ActiveRule(rule, "warning", "bench")])
    if errors:
        raise RuntimeError(errors[0].message)
    return found


def _flagged_teasers(findings: list) -> list[str]:
    return [str(f.evidence.get("teaser", "")) for f in findings]


def _count(teasers: list[str], flagged: list[str]) -> int:
    """How many of ``teasers`` were flagged (matched by containment: a flagged line may carry a URL)."""
    return sum(1 for t in teasers if any(t in f or f in t for f in flagged if f))


@dataclass
class Tally:
    unrelated: int = 0
    unrelated_hit: int = 0
    related: int = 0
    related_hit: int = 0
    body_alarms: int = 0  # findings on lines we did not add, in the constructed documents
    misses: list[str] = field(default_factory=list)
    alarms: list[str] = field(default_factory=list)

    def add(self, findings: list, unrelated: list[str], related: list[str], name: str, form: str) -> None:
        flagged = _flagged_teasers(findings)
        hit_u = _count(unrelated, flagged)
        hit_r = _count(related, flagged)
        self.unrelated += len(unrelated)
        self.unrelated_hit += hit_u
        self.related += len(related)
        self.related_hit += hit_r
        stray = [f for f in flagged if not any(t in f or f in t for t in unrelated + related)]
        self.body_alarms += len(stray)
        self.alarms.extend(f"{name} [{form}] flagged a line we did not add: {f[:70]!r}" for f in stray)
        if hit_u < len(unrelated):
            self.misses.append(f"{name} [{form}] missed {len(unrelated) - hit_u}/{len(unrelated)}")
        self.alarms.extend(
            f"{name} [{form}] flagged related teaser {t[:70]!r}" for t in related if _count([t], flagged)
        )


def _tfidf(articles: list[Article]) -> dict[str, dict[str, float]]:
    """Unit-length TF-IDF vectors of whole bodies: the benchmark's own, rule-independent topic signal."""
    docs = {
        a.name: Counter(w for w in re.findall(r"[^\W\d_]{3,}", " ".join(a.paragraphs).lower()) if w not in STOPWORDS)
        for a in articles
    }
    df = Counter(w for counts in docs.values() for w in counts)
    vectors = {}
    for name, counts in docs.items():
        vec = {w: (1 + math.log(c)) * math.log(len(docs) / df[w]) for w, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors[name] = {w: v / norm for w, v in vec.items()}
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def run(articles: list[Article], seed: int, verbose: bool, options: dict | None = None) -> dict[str, float]:
    rule = UnrelatedLink(options)
    rng = random.Random(seed)
    hosts = [a for a in articles if a.english and a.title and len(a.paragraphs) >= 3]
    pool = [a for a in articles if a.title and len(a.title.split()) >= 4]
    vectors = _tfidf(articles)
    tally = Tally()
    excluded_pairs = 0
    for n, host in enumerate(hosts):
        # foreign headlines whose own article is on the host's topic are not "unrelated": leave them out
        candidates = []
        for other in rng.sample(pool, len(pool)):
            if other.name == host.name or other.title == host.title:
                continue
            if _cosine(vectors[host.name], vectors[other.name]) >= TOPIC_OVERLAP:
                excluded_pairs += 1
                continue
            candidates.append(other.title)
            if len(candidates) == 6:
                break
        others = candidates
        body = host.paragraphs
        # (a) unrelated: header block, headerless tail with URLs, inline line inside the body
        teasers = others[:4]
        text = "\n".join(body) + "\nYou may also like\n\n" + "\n\n".join(teasers) + "\n"
        tally.add(_findings(text, rule), teasers, [], host.name, "header")
        tail = others[:3]
        lines = [f"{t} {_slug_url(t, n + i)}" for i, t in enumerate(tail)]
        tally.add(_findings("\n".join(body) + "\n\n" + "\n".join(lines) + "\n", rule), tail, [], host.name, "tail")
        cut = max(1, len(body) // 2)
        inline = f"READ MORE: {others[4 % len(others)]}"
        text = "\n".join([*body[:cut], inline, *body[cut:]]) + "\n"
        tally.add(_findings(text, rule), [others[4 % len(others)]], [], host.name, "inline")
        # (b) related: own title and subheadings as teasers, inline own title, mixed block
        subs = host.subheadings[:3]
        own = [host.title, *subs]
        text = "\n".join(_body_without(host, set(subs))) + "\n\nRead more:\n" + "\n".join(own) + "\n"
        tally.add(_findings(text, rule), [], own, host.name, "related-header")
        text = "\n".join([*body[:cut], f"ALSO READ: {host.title}", *body[cut:]]) + "\n"
        tally.add(_findings(text, rule), [], [host.title], host.name, "related-inline")
        mixed = [others[0], host.title, others[1]]
        text = "\n".join(body) + "\nRelated stories\n" + "\n".join(mixed) + "\n"
        tally.add(_findings(text, rule), [others[0], others[1]], [host.title], host.name, "mixed")
    # (c) clean bodies, all languages; and speed
    clean_alarms = clean_alarmed = 0
    clean_docs = [a for a in articles if a.paragraphs]
    started = time.perf_counter()
    for article in clean_docs:
        found = _findings("\n".join(article.paragraphs) + "\n", rule)
        clean_alarms += len(found)
        clean_alarmed += bool(found)
        if found and verbose:
            for f in found:
                print(f"  clean alarm {article.name}: {f.message}")
    elapsed = time.perf_counter() - started
    if verbose:
        for line in tally.misses + tally.alarms:
            print("  " + line)
    return {
        "hosts": len(hosts),
        "topical_pairs_excluded": excluded_pairs,
        "unrelated_teasers": tally.unrelated,
        "recall": tally.unrelated_hit / max(1, tally.unrelated),
        "related_teasers": tally.related,
        "related_false_alarm_rate": tally.related_hit / max(1, tally.related),
        "alarms_on_body_lines_in_constructed_docs": tally.body_alarms,
        "clean_bodies": len(clean_docs),
        "clean_alarms_per_100": 100 * clean_alarms / max(1, len(clean_docs)),
        "clean_bodies_with_any_alarm_per_100": 100 * clean_alarmed / max(1, len(clean_docs)),
        "ms_per_clean_article": 1000 * elapsed / max(1, len(clean_docs)),
    }


# Pieces of class/id tokens that mark navigation and utility blocks (an independent, broad reading: any
# ancestor, not only the innermost one the rule looks at), to see where whole-page findings sit.
_NAV_PIECES = frozenset(
    "nav navbar navigation menu footer header masthead breadcrumb breadcrumbs social share sharing follow login "
    "signin signup register account comments subscribe newsletter cookie tags tag byline author sitemap".split()
)


def _source_offsets(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def _block_at(doc, blocks_by_start: list, starts: list[int], loc) -> object | None:
    """The block holding a finding's (or related place's) location, by source offset."""
    if loc is None or loc.line < 1 or loc.line > len(starts):
        return None
    offset = starts[loc.line - 1] + max(0, loc.column - 1)
    keys = [b.source_start for b in blocks_by_start]
    k = bisect.bisect_right(keys, offset) - 1
    while k >= 0:
        block = blocks_by_start[k]
        if block.source_start <= offset < max(block.source_end, block.source_start + 1):
            return block
        k -= 1
        if k >= 0 and blocks_by_start[k].source_end <= offset:
            break
    return None


def _in_nav_block(block, frame: set[str]) -> bool:
    if block is None:
        return False
    hints = [str(h).lower() for h in block.attrs.get("hints", ()) if h not in frame]
    if any(h in ("nav", "header", "footer") for h in hints):
        return True
    return any(piece in _NAV_PIECES for h in hints for piece in re.split(r"[-_\s]+", h))


def _page_frame(doc) -> set[str]:
    frame: set[str] | None = None
    for block in doc.blocks:
        if block.attrs.get("in_body", True) and block.attrs.get("hints"):
            hints = set(block.attrs["hints"])
            frame = hints if frame is None else frame & hints
    return frame or set()


# (the option is newer than the benchmark: checking lets it measure older versions of the rule too)
_OPTION_NAMES = frozenset(UnrelatedLink.options_schema["properties"])


@dataclass
class PageTally:
    pages: int = 0
    findings: int = 0
    findings_each: int = 0  # with one-finding-per-widget off: one finding per teaser
    teasers: int = 0  # flagged teasers (a widget finding counts each teaser it lists)
    detected: int = 0
    in_nav: int = 0
    on_article_text: int = 0
    ms: float = 0.0


def run_pages(articles: list[Article], verbose: bool, options: dict | None = None) -> dict[str, float]:
    """(d) Whole real pages through the HTML reader ("whole pages"), per page set.

    Per page: findings (default options: one finding per page widget with 3+ unrelated teasers),
    findings with ``one-finding-per-widget`` off, flagged teasers, and teasers detected at all
    (``flag-any-appended-block``). Each flagged teaser is located in its block: "in nav/utility
    blocks" counts those whose class/id/landmark hints (any ancestor, page frame excluded) name
    navigation, menus, footers, social/share, account or comment blocks; "on article text" counts
    those whose text is part of the human (or Readability) article body — false alarms on the story.
    Everything else sits in the page's own recommendation widgets (by design: issue 4 checks them).
    """
    try:
        read("<p>x</p>", "html")
    except ValueError:
        return {"pages": 0}
    per_teaser = {"one-finding-per-widget": False} if "one-finding-per-widget" in _OPTION_NAMES else {}
    rule = UnrelatedLink(options)
    each = UnrelatedLink({**(options or {}), **per_teaser})
    every = UnrelatedLink({**(options or {}), "flag-any-appended-block": True, **per_teaser})
    tallies: dict[str, PageTally] = {}
    for article in articles:
        if article.page is None or not article.page.exists():
            continue
        tally = tallies.setdefault(article.name.split("/")[0], PageTally())
        source = gzip.decompress(article.page.read_bytes()).decode("utf-8", "replace")
        doc = read(source, "html", path=article.name + ".html")[0]
        started = time.perf_counter()
        found, errors, _ = run_rules(doc, [ActiveRule(rule, "warning", "bench")])
        tally.ms += time.perf_counter() - started
        if errors:
            raise RuntimeError(errors[0].message)
        tally.findings_each += len(run_rules(doc, [ActiveRule(each, "warning", "bench")])[0])
        tally.detected += len(run_rules(doc, [ActiveRule(every, "warning", "bench")])[0])
        tally.pages += 1
        tally.findings += len(found)
        _tally_teasers(tally, doc, found, " ".join(" ".join(article.paragraphs).split()), article.name, verbose)
    out: dict[str, float] = {}
    for name, t in sorted(tallies.items()):
        n = max(1, t.pages)
        out |= {
            f"{name}_pages": t.pages,
            f"{name}_findings_per_page": t.findings / n,
            f"{name}_findings_per_page_one_per_teaser": t.findings_each / n,
            f"{name}_flagged_teasers_per_page": t.teasers / n,
            f"{name}_teasers_detected_per_page": t.detected / n,
            f"{name}_share_of_flagged_in_nav_utility_blocks": t.in_nav / max(1, t.teasers),
            f"{name}_flagged_on_article_text_per_100_pages": 100 * t.on_article_text / n,
            f"{name}_rule_ms_per_page": 1000 * t.ms / n,
        }
    return out


def _tally_teasers(tally: PageTally, doc, found: list, body: str, name: str, verbose: bool) -> None:
    frame = _page_frame(doc)
    blocks = sorted(doc.blocks, key=lambda b: b.source_start)
    starts = _source_offsets(doc.text)
    for f in found:
        listed = f.evidence.get("teasers") or [{"teaser": f.evidence.get("teaser", "")}]
        places = [r.location for r in f.related] if f.evidence.get("teasers") else [f.location]
        for item, loc in zip(listed, places, strict=False):
            tally.teasers += 1
            teaser = " ".join(str(item.get("teaser", "")).split())
            if _in_nav_block(_block_at(doc, blocks, starts, loc), frame):
                tally.in_nav += 1
                if verbose:
                    print(f"  page teaser in nav/utility block {name}: {teaser[:80]!r}")
            if len(teaser) >= 20 and teaser in body:
                tally.on_article_text += 1
                if verbose:
                    print(f"  page alarm on article text {name}: {teaser[:80]!r}")


def run_scaling(articles: list[Article]) -> dict[str, float]:
    """(e) Cost against article length: one long document of many bodies, with a teaser block at the end."""
    rule = UnrelatedLink()
    lines = [p for a in articles for p in a.paragraphs]
    out = {}
    for n in (200, 2000, 20000):
        body = (lines * (n // max(1, len(lines)) + 1))[:n]
        text = "\n".join(body) + "\nYou may also like\n" + "\n".join(a.title for a in articles[:5]) + "\n"
        doc = read(text, "text")[0]
        started = time.perf_counter()
        run_rules(doc, [ActiveRule(rule, "warning", "bench")])
        out[f"rule_ms_per_100k_chars_at_{n}_lines"] = 1000 * (time.perf_counter() - started) / (len(text) / 1e5)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N articles of each set")
    parser.add_argument("--threshold", type=float, default=None, help="the rule's threshold option (default: its own)")
    parser.add_argument("--no-pages", action="store_true", help="skip (d), the whole-page run through the HTML reader")
    parser.add_argument("--pages-only", action="store_true", help="run only (d), the whole-page section")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and false alarms")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"skipped: no data at {args.data}")
        return 0
    articles: list[Article] = []
    if (args.data / "scrapinghub-aeb").is_dir():
        articles += load_scrapinghub(args.data)[: args.limit or None]
    if (args.data / "mozilla-readability").is_dir():
        articles += load_mozilla(args.data)[: args.limit or None]
    if not articles:
        print(f"skipped: no scrapinghub-aeb or mozilla-readability under {args.data}")
        return 0
    options = {} if args.threshold is None else {"threshold": args.threshold}
    results: dict[str, float] = {}
    if not args.pages_only:
        results = run(articles, args.seed, args.verbose, options)
        results.update(run_scaling(articles))
    if not args.no_pages:
        results.update(run_pages(articles, args.verbose, options))
    for key, value in results.items():
        print(f"{key:42} {value:.3f}" if isinstance(value, float) else f"{key:42} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
