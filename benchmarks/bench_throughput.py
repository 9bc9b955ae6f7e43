"""Whole-run throughput: documents/second and peak memory, host alone vs all rules.

Reads the real pages in ../shared/data (scrapinghub-aeb HTML pages and their
ground-truth bodies as plain text, mozilla-readability source pages) when that
folder is present; they are decompressed into a temporary directory, never
into the repository. Each configuration runs in a fresh process so peak memory
(ru_maxrss) is its own.

    python benchmarks/bench_throughput.py [--data ../shared/data] [--jobs 1 2] [--limit N] [--per-rule]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"


def build_corpus(data: Path, out: Path, limit: int | None) -> dict[str, int]:
    """Write HTML pages and plain-text bodies to ``out``; returns counts per kind."""
    counts = {"html": 0, "text": 0}
    aeb = data / "scrapinghub-aeb"
    if aeb.is_dir():
        truth = json.loads((aeb / "ground-truth.json").read_text("utf-8"))
        for i, page in enumerate(sorted((aeb / "html").glob("*.html.gz"))):
            if limit and i >= limit:
                break
            (out / "html" / page.name[:-3]).write_bytes(gzip.decompress(page.read_bytes()))
            counts["html"] += 1
            body = truth.get(page.name.split(".")[0], {}).get("articleBody")
            if body:
                (out / "text" / (page.name.split(".")[0] + ".txt")).write_text(body, "utf-8")
                counts["text"] += 1
    moz = data / "mozilla-readability" / "pages"
    if moz.is_dir():
        for i, page in enumerate(sorted(moz.iterdir())):
            if limit and i >= limit:
                break
            src = page / "source.html.gz"
            if src.is_file():
                (out / "html" / f"moz-{page.name}.html").write_bytes(gzip.decompress(src.read_bytes()))
                counts["html"] += 1
    return counts


RULES = ("duplicate-paragraph", "unrelated-link", "unattributed-assertion", "inconsistent-name")

CHILD = r"""
import json, resource, sys, time
from linters.engine import Engine, RunOptions
paths, select, jobs = sys.argv[1].split(","), json.loads(sys.argv[2]), int(sys.argv[3])
engine = Engine(RunOptions(select=select, jobs=jobs))
items, errors = engine.gather(paths)
t0 = time.perf_counter()
report = engine.run_items(items, errors)
elapsed = time.perf_counter() - t0
print(json.dumps({
    "documents": len(report.documents), "findings": len(report.findings), "errors": len(report.errors),
    "seconds": elapsed, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def measure(paths: list[Path], select: list[str] | None, jobs: int) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, ",".join(map(str, paths)), json.dumps(select), str(jobs)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--limit", type=int, default=None, help="pages per source (default: all)")
    parser.add_argument("--per-rule", action="store_true", help="also time each built-in rule alone (jobs=1)")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"skipped: {args.data} not found (the benchmark needs ../shared/data)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        (out / "html").mkdir()
        (out / "text").mkdir()
        counts = build_corpus(args.data, out, args.limit)
        print(f"corpus: {counts['html']} HTML pages, {counts['text']} plain-text bodies")
        header = f"{'inputs':<12} {'rules':<10} {'jobs':>4} {'docs':>5} {'docs/s':>8} {'ms/doc':>7} {'peak MB':>8}"
        print(header)
        print("-" * len(header))
        for label, paths in (("html pages", [out / "html"]), ("text bodies", [out / "text"])):
            for rules_label, select in (("none", []), ("all", None)):
                for jobs in args.jobs:
                    r = measure(paths, select, jobs)
                    rate = r["documents"] / r["seconds"] if r["seconds"] else float("inf")
                    print(
                        f"{label:<12} {rules_label:<10} {jobs:>4} {r['documents']:>5} {rate:>8.1f} "
                        f"{1000 * r['seconds'] / max(1, r['documents']):>7.1f} {r['peak_mb']:>8.1f}"
                        + (f"  ({r['errors']} errors)" if r["errors"] else "")
                    )
            if args.per_rule:
                for rule in RULES:
                    r = measure(paths, [rule], 1)
                    print(
                        f"{label:<12} {rule[:10]:<10} {1:>4} {r['documents']:>5} "
                        f"{r['documents'] / r['seconds']:>8.1f} {1000 * r['seconds'] / max(1, r['documents']):>7.1f} "
                        f"{r['peak_mb']:>8.1f}  (host + {rule})"
                    )
    return 0


if __name__ == "__main__":
    start = time.perf_counter()
    code = main()
    print(f"total {time.perf_counter() - start:.1f}s")
    sys.exit(code)
