"""Command line: arguments -> engine -> formatter; exit codes 0/1/2.

Exit codes (contract): 0 no finding at or above ``--fail-on``; 1 findings at
or above it; 2 usage, config, input or internal error, with a one-line message
on stderr naming the file. A traceback never reaches the terminal unless
``COPYDESK_DEBUG=1``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any, TextIO

from linters import __version__
from linters.baseline import write_baseline
from linters.config import ConfigError, merged_schema
from linters.engine import Engine, RunOptions
from linters.report import Report

__all__ = ["main"]

STARTER_CONFIG = """\
# copydesk configuration. Docs: `copydesk rules`, `copydesk explain RULE`,
# full schema: `copydesk schema`. Found upward from each linted file.

# Exit 1 when a finding reaches this severity (error | warning | info).
fail-on: warning

rules:
  # Each rule: off, a severity (error | warning | info), or a mapping of
  # severity and the rule's options.
{rules}
# Run only some rules (names, codes or code prefixes such as CD1):
# select: [duplicate-paragraph, CD2]
# ignore: [unattributed-assertion]

# Different settings for some files (globs relative to this file):
# overrides:
#   - files: ["opinion/**"]
#     rules:
#       unattributed-assertion: off

# Plugins: an installed module name or a path to a .py file.
# plugins: [./copydesk_local_rules.py]

# Inputs larger than this are refused, not read (bytes).
# max-file-size: 10485760
"""


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="copydesk",
        description="Content-quality linter for CMS publishing pipelines.",
    )
    parser.add_argument("--version", action="version", version=f"copydesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="lint articles (files, directories, or - for stdin)")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or directories; - reads stdin (default: .)")
    check.add_argument("--format", default="text", help="output format: text, json, sarif, github, junit, html")
    check.add_argument("-o", "--output", type=Path, help="write the report to FILE instead of stdout")
    check.add_argument("--config", type=Path, help="use this config file for every input")
    check.add_argument("--select", type=_csv, help="comma-separated rules/codes to run (default: all)")
    check.add_argument("--ignore", type=_csv, help="comma-separated rules/codes not to run")
    check.add_argument("--fail-on", choices=["error", "warning", "info"], help="lowest severity that exits 1")
    check.add_argument("--input-format", help="read every input with this reader (text, markdown, html, json, jsonl)")
    check.add_argument("--jobs", "-j", type=int, default=1, help="lint files in N parallel processes")
    check.add_argument("--statistics", action="store_true", help="show counts per rule")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings (errors still exit 2)")
    check.add_argument("--baseline", type=Path, help="ignore findings whose fingerprints are in FILE")
    check.add_argument("--write-baseline", type=Path, metavar="FILE", help="record current findings as accepted")
    check.add_argument("--max-file-size", type=int, metavar="BYTES", help="refuse inputs larger than this")
    check.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix/--diff: apply unsafe fixes too")
    check.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; change nothing")
    check.add_argument("--cache", type=Path, metavar="DIR", help="skip unchanged documents (keyed on content+config)")
    check.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    check.add_argument("--color", choices=["auto", "always", "never"], default="auto", help="colour text output")

    sub.add_parser("rules", help="list the available rules")
    explain = sub.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("rule", help="rule name or code")
    init = sub.add_parser("init", help="write a commented starter config")
    init.add_argument("path", nargs="?", type=Path, default=Path("copydesk.yaml"))
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    sub.add_parser("schema", help="print the full config JSON Schema (rule options included)")
    serve = sub.add_parser("serve", help="run the pre-publish HTTP service (needs copydesk[server])")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--config", type=Path, help="config file fixed for the server's lifetime")
    return parser


def _fail(message: str) -> int:
    print(f"copydesk: error: {message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "rules":
            return _rules()
        if args.command == "explain":
            return _explain(args.rule)
        if args.command == "init":
            return _init(args.path, args.force)
        if args.command == "schema":
            return _schema()
        if args.command == "serve":
            return _serve(args)
        parser.print_help()
        return 2
    except ConfigError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail("interrupted")
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if os.environ.get("COPYDESK_DEBUG"):
            raise
        return _fail(f"internal error: {type(exc).__name__}: {exc} (set COPYDESK_DEBUG=1 for a traceback)")


def _check(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        return _fail("--jobs must be at least 1")
    if args.max_file_size is not None and args.max_file_size < 1:
        return _fail("--max-file-size must be at least 1")
    fixing = args.fix or args.diff
    if args.unsafe_fixes and not fixing:
        return _fail("--unsafe-fixes needs --fix or --diff")
    paths = args.paths or ["."]
    if "-" in paths and fixing:
        return _fail("--fix/--diff cannot rewrite stdin")
    options = RunOptions(
        config_path=args.config,
        select=args.select,
        ignore=args.ignore,
        fail_on=args.fail_on,
        input_format=args.input_format,
        jobs=args.jobs,
        baseline=args.baseline,
        max_file_size=args.max_file_size,
        cache_dir=args.cache,
    )
    engine = Engine(options)
    stdin = None
    if "-" in paths:  # read at most one byte past the limit: the reader then refuses it with a message
        limit = args.max_file_size or engine.resolver.for_path(None).max_file_size
        stdin = sys.stdin.buffer.read(limit + 1)
    items, errors = engine.gather(paths, stdin)
    host = engine.refresh_for(items)
    formatter = host.formats.get(args.format)
    if formatter is None:
        return _fail(f"unknown --format {args.format!r}; available: {', '.join(sorted(host.formats))}")
    if args.input_format and args.input_format not in host.readers:
        return _fail(f"unknown --input-format {args.input_format!r}; available: {', '.join(sorted(host.readers))}")
    options.keep_documents = bool(getattr(formatter, "needs_documents", False)) or fixing
    progress = None if args.quiet or not sys.stderr.isatty() or len(items) < 2 else _Progress(sys.stderr, len(items))
    report = engine.run_items(items, errors, progress=progress)

    if fixing:
        from linters.fixes import apply_fixes

        outcome = apply_fixes(report, unsafe=args.unsafe_fixes, write=args.fix, relint=engine.run_items)
        for message in outcome.errors:
            print(f"copydesk: error: {message}", file=sys.stderr)
        print(outcome.summary(), file=sys.stderr)
        if args.diff:
            sys.stdout.write(outcome.diff)
            return 2 if report.errors or outcome.errors else (1 if outcome.applied else 0)
        if outcome.applied:  # report what is left after fixing
            report = Engine(options).run_items(*engine.gather(paths, stdin))

    if args.write_baseline:
        if not args.write_baseline.parent.is_dir():
            return _fail(f"{args.write_baseline.parent}: no such directory")
        count = write_baseline(report, args.write_baseline)
        print(f"copydesk: wrote {count} fingerprints to {args.write_baseline}", file=sys.stderr)

    try:
        _emit(report, formatter, args, host)
    except OSError as exc:
        return _fail(f"{args.output}: cannot write the report: {exc.strerror or exc}")
    for error in report.errors:  # the contract: one line on stderr per error, naming the file
        print(f"copydesk: error: {error.path}: {error.message}", file=sys.stderr)
    code = report.exit_code()
    return 0 if code == 1 and args.exit_zero else code


def _emit(report: Report, formatter: Any, args: argparse.Namespace, host: Any) -> None:
    from linters.formats.base import FormatOptions

    out_stream: TextIO = sys.stdout
    color = args.color == "always" or (args.color == "auto" and not args.output and out_stream.isatty())
    color = color and not os.environ.get("NO_COLOR")
    text = formatter.format(
        report,
        FormatOptions(rules=host.rules, statistics=args.statistics, color=color, tool_version=__version__),
    )
    # a lone surrogate from a plugin or an exotic input must not lose the whole report
    text = text.encode("utf-8", "replace").decode("utf-8")
    if args.output:
        tmp = args.output.with_name(args.output.name + ".tmp")
        tmp.write_text(text, "utf-8")
        os.replace(tmp, args.output)
    else:
        out_stream.write(text)
        if text and not text.endswith("\n"):
            out_stream.write("\n")
        out_stream.flush()


class _Progress:
    """A one-line progress bar on stderr (only on a terminal)."""

    def __init__(self, stream: TextIO, total: int) -> None:
        self.stream = stream
        self.total = total
        self.done = 0

    def __call__(self, path: str) -> None:
        self.done += 1
        width = 30
        filled = width * self.done // self.total
        name = path if len(path) <= 40 else "..." + path[-37:]
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {name:<40}")
        if self.done == self.total:
            self.stream.write("\r" + " " * (width + 55) + "\r")
        self.stream.flush()


def _load_host(engine: Engine | None = None) -> Any:
    host = (engine or Engine(RunOptions())).ensure_host()
    for error in host.errors:
        print(f"copydesk: error: plugin {error.plugin}: {error.message}", file=sys.stderr)
    return host


def _rules() -> int:
    host = _load_host()
    rows = sorted(host.rules.values(), key=lambda r: r.code)
    header = ("CODE", "NAME", "SEVERITY", "FIX", "SUMMARY")
    table = [(r.code, r.name, r.default_severity, r.fixable or "-", r.summary) for r in rows]
    widths = [max(len(str(row[i])) for row in [header, *table]) for i in range(4)]
    for row in [header, *table]:
        print("  ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4])
    return 2 if host.errors else 0


def _explain(ident: str) -> int:
    host = _load_host()
    rule = host.rule_by_name_or_code(ident)
    if rule is None:
        import difflib

        hint = difflib.get_close_matches(ident, list(host.rules), n=1)
        return _fail(f"unknown rule {ident!r}" + (f" (did you mean {hint[0]!r}?)" if hint else ""))
    print(f"# {rule.name} ({rule.code})\n")
    print(
        f"Default severity: {rule.default_severity}. Fix: {rule.fixable or 'none'}. "
        f"Plugin: {host.rule_plugins.get(rule.name, '?')}.\n"
    )
    print(rule.documentation())
    props = rule.options_schema.get("properties", {})
    if props:
        print("\n## Option reference\n")
        for name, spec in props.items():
            default = spec.get("default")
            print(f"- `{name}` (default: {default!r}): {spec.get('description', '')}")
    return 0


def _init(path: Path, force: bool) -> int:
    if path.exists() and not force:
        return _fail(f"{path} already exists (use --force to overwrite)")
    if not path.parent.is_dir():
        return _fail(f"{path.parent}: no such directory")
    engine = Engine(RunOptions())
    host = _load_host(engine)
    lines = []
    current = engine.resolver.for_path(None)
    if current.plugins:  # the rules listed below include those plugins' rules
        specs = [
            os.path.relpath(current.root / p, path.resolve().parent) if p.endswith(".py") or "/" in p else p
            for p in current.plugins
        ]
        lines.append("  # rules from plugins: " + ", ".join(specs))
    for cls in sorted(host.rules.values(), key=lambda r: r.code):
        lines.append(f"  # {cls.code}: {cls.summary}")
        lines.append(f"  {cls.name}: {cls.default_severity}")
    text = STARTER_CONFIG.format(rules="\n".join(lines))
    if current.plugins:
        text = text.replace("# plugins: [./copydesk_local_rules.py]", "plugins: [" + ", ".join(specs) + "]")
    path.write_text(text, "utf-8")
    print(f"copydesk: wrote {path}", file=sys.stderr)
    return 0


def _schema() -> int:
    import json

    host = _load_host()
    print(json.dumps(merged_schema(host.rules, host.config_schema), indent=2))
    return 0


def _serve(args: argparse.Namespace) -> int:
    try:
        from linters.server import serve
    except ImportError as exc:
        return _fail(f"the service needs the server extra: pip install 'copydesk[server]' ({exc})")
    return serve(host=args.host, port=args.port, config_path=args.config)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
