"""How well the HTML reader finds the article body (``in_body`` blocks) on real pages.

Token-level precision/recall/F1 of the in-body text against human ground truth:
scrapinghub-aeb (``articleBody``) and mozilla-readability (``expected.html``),
plus exact-title matches on the latter. Reads ../shared/data when present.

    python benchmarks/bench_html_body.py [--data ../shared/data] [-v]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from linters.readers.html import parse_html

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
_WORD_RE = re.compile(r"\w+")


def bag(text: str) -> Counter[str]:
    return Counter(_WORD_RE.findall(text.lower()))


def score(truth: str, predicted: str) -> tuple[float, float]:
    g, p = bag(truth), bag(predicted)
    inter = sum((g & p).values())
    return inter / max(1, sum(p.values())), inter / max(1, sum(g.values()))


def aeb_pages(data: Path) -> Iterator[tuple[str, str, str, str | None]]:
    base = data / "scrapinghub-aeb"
    truth = json.loads((base / "ground-truth.json").read_text("utf-8"))
    for pid, item in sorted(truth.items()):
        html = gzip.decompress((base / "html" / f"{pid}.html.gz").read_bytes()).decode("utf-8", "replace")
        yield pid, html, item["articleBody"], None


def readability_pages(data: Path) -> Iterator[tuple[str, str, str, str | None]]:
    for page in sorted((data / "mozilla-readability" / "pages").iterdir()):
        html = gzip.decompress((page / "source.html.gz").read_bytes()).decode("utf-8", "replace")
        expected = parse_html((page / "expected.html").read_text("utf-8"))
        meta = json.loads((page / "expected-metadata.json").read_text("utf-8"))
        yield page.name, html, " ".join(b.text for b in expected.blocks), meta.get("title")


def run(name: str, pages: Iterator[tuple[str, str, str, str | None]], verbose: bool) -> None:
    rows = []
    titles = with_title = 0
    start = time.perf_counter()
    for page_id, html, truth, title in pages:
        parsed = parse_html(html)
        body = " ".join(b.text for b in parsed.blocks if b.attrs.get("in_body", True))
        rows.append((*score(truth, body), page_id))
        if title is not None:
            with_title += 1
            titles += (parsed.metadata.get("title") or "").strip() == title.strip()
    elapsed = time.perf_counter() - start
    precision = sum(r[0] for r in rows) / len(rows)
    recall = sum(r[1] for r in rows) / len(rows)
    f1 = 2 * precision * recall / (precision + recall)
    line = f"{name:<22} pages={len(rows):>4} precision={precision:.3f} recall={recall:.3f} f1={f1:.3f}"
    if with_title:
        line += f" title_exact={titles}/{with_title}"
    print(line + f" ({1000 * elapsed / len(rows):.0f} ms/page)")
    if verbose:
        for p, r, page_id in sorted(rows)[:10]:
            print(f"    worst: precision {p:.2f} recall {r:.2f} {page_id}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("-v", "--verbose", action="store_true", help="list the worst pages")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"skipped: {args.data} not found (the benchmark needs ../shared/data)")
        return 0
    if (args.data / "scrapinghub-aeb").is_dir():
        run("scrapinghub-aeb", aeb_pages(args.data), args.verbose)
    if (args.data / "mozilla-readability").is_dir():
        run("mozilla-readability", readability_pages(args.data), args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
