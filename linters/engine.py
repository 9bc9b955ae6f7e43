"""read -> check -> suppress -> report, per document and per corpus.

The engine resolves inputs and configs, builds the plugin host, lints every
source (in worker processes with ``jobs > 1``; results are gathered in input
order, so output is identical for any ``jobs``), runs corpus rules over all
documents, assigns fingerprints and applies the baseline.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linters import __version__
from linters.baseline import apply_baseline
from linters.cache import CachedFile, ResultCache
from linters.checking import ActiveRule, run_rules
from linters.config import Config, check_selectors, find_config, load_config, validate_rules
from linters.document import Document
from linters.plugins import Host
from linters.readers.base import InputError, Source
from linters.report import DocumentResult, ErrorEntry, Finding, Report, assign_fingerprints
from linters.rule import CorpusContext, CorpusEntry, Rule, RuleContext
from linters.suppress import (
    InvalidDirective,
    SuppressionMap,
    UnusedDirective,
    apply_suppressions,
    parse_directives,
)

__all__ = ["Engine", "InputItem", "RunOptions"]


@dataclass
class RunOptions:
    """Everything the command line (or the service) decides for one run."""

    config_path: Path | None = None
    select: list[str] | None = None
    ignore: list[str] | None = None
    fail_on: str | None = None
    input_format: str | None = None
    jobs: int = 1
    baseline: Path | None = None
    keep_documents: bool = False
    max_file_size: int | None = None
    extra_plugins: list[str] = field(default_factory=list)
    cache_dir: Path | None = None


@dataclass(frozen=True)
class InputItem:
    """One source to lint: a file path, or in-memory bytes (stdin, an HTTP body)."""

    display: str
    path: str | None = None
    data: bytes | None = None
    #: reader name for this input (overrides --input-format and the extension)
    format: str | None = None


@dataclass
class _FileResult:
    documents: list[DocumentResult] = field(default_factory=list)
    errors: list[ErrorEntry] = field(default_factory=list)
    # (document index in .documents, rule name, corpus data)
    corpus: list[tuple[int, str, Any]] = field(default_factory=list)
    # per document index: what it suppresses, for corpus findings
    suppressions: dict[int, SuppressionMap] = field(default_factory=dict)


@dataclass(frozen=True)
class _CorpusItem:
    """One document's part in a corpus rule: its data, result, suppressions and config."""

    entry: CorpusEntry
    doc: DocumentResult
    suppressions: SuppressionMap
    config: Config


class ConfigResolver:
    """Which config applies to a path: ``--config`` for all, else the nearest file upward."""

    def __init__(self, explicit: Path | None) -> None:
        self.explicit = load_config(explicit) if explicit else None
        self._by_path: dict[Path, Config] = {}
        self._default = Config(None, {})

    def for_path(self, path: str | None) -> Config:
        if self.explicit:
            return self.explicit
        start = Path(path).resolve().parent if path and path != "-" else Path.cwd()
        found = find_config(start)
        if found is None:
            return self._default
        if found not in self._by_path:
            self._by_path[found] = load_config(found)
        return self._by_path[found]

    def all_configs(self) -> list[Config]:
        configs = [self.explicit] if self.explicit else list(self._by_path.values())
        return configs or [self._default]


class _Linter:
    """Per-process state: the host, configs and configured rule instances."""

    def __init__(self, host: Host, options: RunOptions) -> None:
        self.host = host
        self.options = options
        self.cache = (
            ResultCache(options.cache_dir, {"version": __version__, "plugins": host.plugin_versions})
            if options.cache_dir and not options.keep_documents
            else None
        )
        self._instances: dict[tuple[str, str], Rule] = {}
        self._known = {name: name for name in host.rules} | {cls.code: name for name, cls in host.rules.items()}

    def active_rules(self, config: Config, path: str, errors: list[ErrorEntry]) -> list[ActiveRule]:
        """Configured rule instances for ``path``; a rule whose constructor raises becomes an error."""
        settings = config.effective(path, self.host.rules, self.options.select, self.options.ignore)
        active = []
        for name, setting in settings.items():
            key = (name, json.dumps(setting.options, sort_keys=True, default=str))
            if key not in self._instances:
                try:
                    rule = self.host.rules[name](setting.options)
                except Exception as exc:  # a broken rule must not end the run
                    plugin = self.host.rule_plugins[name]
                    errors.append(
                        ErrorEntry(
                            path, "rule", f"rule {name} from plugin {plugin} cannot start: {type(exc).__name__}: {exc}"
                        )
                    )
                    continue
                if isinstance(rule, InvalidDirective):
                    rule.known_rules = self._known
                self._instances[key] = rule
            active.append(ActiveRule(self._instances[key], setting.severity or "warning", self.host.rule_plugins[name]))
        return active

    def reader_for(self, item: InputItem) -> Any:
        fmt = item.format or self.options.input_format
        if fmt:
            return self.host.readers.get(fmt)
        by_path = self.host.reader_for_path(item.display)
        if by_path is None and item.data is not None:  # stdin: no extension to go by
            return self.host.readers.get(_sniff(item.data)) or self.host.readers.get("text")
        return by_path

    def lint_item(self, item: InputItem, config: Config) -> _FileResult:
        result = _FileResult()
        reader = self.reader_for(item)
        if reader is None:
            result.errors.append(ErrorEntry(item.display, "input", "no reader for this file type (use --input-format)"))
            return result
        limit = self.options.max_file_size or config.max_file_size
        source = Source(item.display, path=item.path, data=item.data, max_bytes=limit)
        key = None
        if self.cache is not None:
            try:  # read once: the bytes key the cache and feed the reader
                source = Source(item.display, data=source.read_bytes(), max_bytes=limit)
                key = self._cache_key(source.data or b"", config, item, reader.name)
            except (InputError, OSError):
                pass  # the reader reports it below
            hit = self._from_cache(key, config, item) if key else None
            if hit is not None:
                return hit
        try:
            for produced in reader.read(source):
                if isinstance(produced, InputError):
                    result.errors.append(ErrorEntry(item.display, "input", str(produced)))
                    continue
                self._lint_document(produced, config, result)
        except InputError as exc:
            result.errors.append(ErrorEntry(item.display, "input", str(exc)))
        except OSError as exc:
            result.errors.append(ErrorEntry(item.display, "input", f"cannot read: {exc.strerror or exc}"))
        except Exception as exc:
            result.errors.append(
                ErrorEntry(item.display, "input", f"reader {reader.name} failed: {type(exc).__name__}: {exc}")
            )
        if key is not None:
            self._to_cache(key, result, config, item)
        return result

    # -- --cache ------------------------------------------------------------------
    def _cache_key(self, data: bytes, config: Config, item: InputItem, reader: str) -> str:
        """Content + effective settings + reader."""
        assert self.cache is not None
        settings = config.effective(
            item.path or item.display, self.host.rules, self.options.select, self.options.ignore
        )
        return self.cache.key(data, {k: [v.severity, v.options] for k, v in settings.items()}, reader)

    def _rules_by_name(self, config: Config, item: InputItem) -> dict[str, Rule]:
        errors: list[ErrorEntry] = []
        return {a.rule.name: a.rule for a in self.active_rules(config, item.path or item.display, errors)}

    def _to_cache(self, key: str, result: _FileResult, config: Config, item: InputItem) -> None:
        assert self.cache is not None
        rules = self._rules_by_name(config, item)
        corpus = [(i, name, rules[name].corpus_data_to_json(data)) for i, name, data in result.corpus]
        suppressions = {i: m.to_json() for i, m in result.suppressions.items()}
        self.cache.put(key, CachedFile(result.documents, result.errors, corpus, suppressions))

    def _from_cache(self, key: str, config: Config, item: InputItem) -> _FileResult | None:
        assert self.cache is not None
        entry = self.cache.get(key)
        if entry is None:
            return None
        rules = self._rules_by_name(config, item)
        if any(name not in rules for _, name, _ in entry.corpus):
            return None
        result = _FileResult(entry.documents, entry.errors)
        for index, name, data in entry.corpus:
            result.corpus.append((index, name, rules[name].corpus_data_from_json(data)))
        result.suppressions = {i: SuppressionMap.from_json(m) for i, m in entry.suppressions.items()}
        return result

    def _lint_document(self, doc: Document, config: Config, result: _FileResult) -> None:
        pm = self.host.pm
        try:
            pm.hook.copydesk_document_loaded(document=doc, config=config)
        except Exception as exc:
            result.errors.append(ErrorEntry(doc.path, "plugin", f"copydesk_document_loaded failed on {doc.id}: {exc}"))
        active = self.active_rules(config, doc.path, result.errors)
        findings, errors, corpus = run_rules(doc, active)
        result.errors.extend(errors)
        directives = parse_directives(doc, self._known)
        ignored = set(_metadata_ignores(doc))
        findings, _ = apply_suppressions(findings, directives, ignored)
        enabled = {a.rule.name for a in active}
        for item in active:
            if isinstance(item.rule, UnusedDirective):
                ctx = RuleContext(item.rule, doc, item.severity)
                item.rule.report_unused(ctx, directives, enabled - {item.rule.name})
                findings.extend(ctx.findings)
        findings = self._filter(doc, findings, result)
        index = len(result.documents)
        doc_result = DocumentResult(
            doc.path,
            doc.id,
            doc.title,
            doc.format,
            findings,
            line_offset=doc.line_offset,
            order=index,
            fail_on=config.fail_on,
        )
        if self.options.keep_documents:
            doc_result.source = doc.text
            doc_result.blocks = [b.to_dict() for b in doc.blocks]
        result.documents.append(doc_result)
        for rule_name, data in corpus.items():
            result.corpus.append((index, rule_name, data))
        if corpus:
            result.suppressions[index] = SuppressionMap.build(directives, ignored)

    def _filter(self, doc: Document, findings: list[Finding], result: _FileResult) -> list[Finding]:
        hook = self.host.pm.hook.copydesk_filter_findings
        for impl in reversed(hook.get_hookimpls()):
            kwargs = {"document": doc, "findings": findings}
            try:
                replaced = impl.function(**{k: kwargs[k] for k in impl.argnames})
            except Exception as exc:
                name = self.host.pm.get_name(impl.plugin)
                result.errors.append(ErrorEntry(doc.path, "plugin", f"plugin {name} copydesk_filter_findings: {exc}"))
                continue
            if replaced is not None:
                findings = list(replaced)
        return findings


def _metadata_ignores(doc: Document) -> list[str]:
    meta = doc.metadata.get("copydesk")
    if isinstance(meta, dict):
        ignore = meta.get("ignore", [])
        if isinstance(ignore, list):
            return [str(x) for x in ignore]
        if isinstance(ignore, str):
            return [ignore]
    return []


# -- worker processes ------------------------------------------------------------
_WORKER: _Linter | None = None


def _worker_init(plugins: list[str], options: RunOptions) -> None:
    global _WORKER
    _WORKER = _Linter(Host.create(plugins), options)


def _worker_lint(item: InputItem, config: Config) -> _FileResult:
    assert _WORKER is not None
    return _WORKER.lint_item(item, config)


class Engine:
    """One configured linting session."""

    def __init__(self, options: RunOptions | None = None) -> None:
        self.options = options or RunOptions()
        self.resolver = ConfigResolver(self.options.config_path)
        self.resolver.for_path(None)  # the working directory's config names the first plugins
        self.host: Host | None = None
        self._host_specs: list[str] = []
        self._configured: set[int] = set()

    # -- inputs -------------------------------------------------------------------
    def gather(self, paths: Sequence[str], stdin: bytes | None = None) -> tuple[list[InputItem], list[ErrorEntry]]:
        """Expand directories (sorted walk, known extensions, config excludes) into inputs."""
        host = self.ensure_host()
        extensions = host.walk_extensions()
        items: list[InputItem] = []
        errors: list[ErrorEntry] = []
        for raw in paths:
            if raw == "-":
                items.append(InputItem("-", data=stdin if stdin is not None else b""))
                continue
            path = Path(raw)
            if path.is_dir():
                for file in _walk(path, extensions):
                    if not self.resolver.for_path(str(file)).is_excluded(file):
                        items.append(InputItem(str(file), path=str(file)))
            elif path.is_file():
                items.append(InputItem(str(path), path=str(path)))
            elif path.exists():
                errors.append(ErrorEntry(raw, "input", "not a regular file (a pipe, device or socket); not read"))
            else:
                errors.append(ErrorEntry(raw, "input", "no such file or directory"))
        return items, errors

    def ensure_host(self) -> Host:
        """Build the plugin host once, with the plugins every known config names."""
        if self.host is None:
            self._host_specs = self._plugin_specs()
            self.host = Host.create(self._host_specs)
            self._validate()
        return self.host

    def _plugin_specs(self) -> list[str]:
        specs = list(self.options.extra_plugins)
        for config in self.resolver.all_configs():
            for spec in config.plugins:
                resolved = str((config.root / spec).resolve()) if spec.endswith(".py") or "/" in spec else spec
                if resolved not in specs:
                    specs.append(resolved)
        return specs

    def _validate(self) -> None:
        assert self.host is not None
        for config in self.resolver.all_configs():
            validate_rules(config, self.host.rules, self.host.config_schema)
        if self.options.select:
            check_selectors(self.options.select, self.host.rules, "--select")
        if self.options.ignore:
            check_selectors(self.options.ignore, self.host.rules, "--ignore")

    def _configure(self, report: Report) -> None:
        """Call ``copydesk_configure`` once per loaded config, before any document is read."""
        assert self.host is not None
        for config in self.resolver.all_configs():
            if id(config) in self._configured:
                continue
            self._configured.add(id(config))
            try:
                self.host.pm.hook.copydesk_configure(config=config)
            except Exception as exc:
                where = str(config.path) if config.path else "-"
                report.errors.append(ErrorEntry(where, "plugin", f"copydesk_configure failed: {exc}"))

    def refresh_for(self, items: Iterable[InputItem]) -> Host:
        """Load the configs of all inputs; rebuild the host if they name new plugins."""
        for item in items:
            self.resolver.for_path(item.path or item.display)
        if self.host is not None and self._plugin_specs() != self._host_specs:
            self.host = None
        if self.host is None:
            return self.ensure_host()
        self._validate()  # configs found below the working directory are checked too
        return self.host

    # -- running ------------------------------------------------------------------
    def run(self, paths: Sequence[str], stdin: bytes | None = None) -> Report:
        items, errors = self.gather(paths, stdin)
        return self.run_items(items, errors)

    def run_items(
        self,
        items: list[InputItem],
        errors: list[ErrorEntry] | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> Report:
        host = self.refresh_for(items)
        report = Report(__version__, errors=list(errors or []))
        report.errors.extend(ErrorEntry(e.plugin, "plugin", e.message) for e in host.errors)
        self._configure(report)
        configs = [self.resolver.for_path(item.path or item.display) for item in items]
        report.fail_on = self.options.fail_on
        results = self._lint_all(items, configs, progress)
        corpus: dict[str, list[_CorpusItem]] = {}
        for result, config in zip(results, configs, strict=True):
            report.documents.extend(result.documents)
            report.errors.extend(result.errors)
            for index, rule_name, data in result.corpus:
                doc = result.documents[index]
                entry = CorpusEntry(doc.path, doc.id, doc.title, data)
                corpus.setdefault(rule_name, []).append(_CorpusItem(entry, doc, result.suppressions[index], config))
        self._run_corpus(corpus, report)
        assign_fingerprints(report.findings)
        if self.options.baseline:
            apply_baseline(report, self.options.baseline)
        report.sort()
        try:
            host.pm.hook.copydesk_session_finish(report=report, exit_code=report.exit_code())
        except Exception as exc:
            report.errors.append(ErrorEntry("-", "plugin", f"copydesk_session_finish failed: {exc}"))
        return report

    def _lint_all(
        self, items: list[InputItem], configs: list[Config], progress: Callable[[str], None] | None
    ) -> list[_FileResult]:
        jobs = max(1, self.options.jobs)
        results = []
        if jobs == 1 or len(items) < 2:
            linter = _Linter(self.ensure_host(), self.options)
            for item, config in zip(items, configs, strict=True):
                results.append(linter.lint_item(item, config))
                if progress:
                    progress(item.display)
            return results
        with ProcessPoolExecutor(
            max_workers=min(jobs, len(items)),
            initializer=_worker_init,
            initargs=(self._plugin_specs(), self.options),
        ) as pool:
            for item, result in zip(items, pool.map(_worker_lint, items, configs, chunksize=1), strict=True):
                results.append(result)
                if progress:
                    progress(item.display)
        return results

    def _run_corpus(self, corpus: dict[str, list[_CorpusItem]], report: Report) -> None:
        """Run each corpus rule over the documents it is enabled for, once per set of options.

        Documents whose configs give the rule the same options are compared with each other (a nested
        config or an override that changes an option starts a separate corpus); each finding takes the
        severity its own document's config gives the rule. Groups and documents are in path order, so
        the result does not depend on the order of arguments.
        """
        host = self.ensure_host()
        for rule_name in sorted(corpus):
            groups: dict[str, list[tuple[_CorpusItem, str]]] = {}
            for item in sorted(corpus[rule_name], key=lambda c: (c.doc.path, c.doc.order)):
                settings = item.config.effective(item.doc.path, host.rules, self.options.select, self.options.ignore)
                setting = settings.get(rule_name)
                if setting is None:
                    continue
                key = json.dumps(setting.options, sort_keys=True, default=str)
                groups.setdefault(key, []).append((item, setting.severity or "info"))
            for key, members in groups.items():
                if len(members) >= 2:
                    self._run_corpus_group(rule_name, json.loads(key), members, report)

    def _run_corpus_group(
        self, rule_name: str, options: dict[str, Any], members: list[tuple[_CorpusItem, str]], report: Report
    ) -> None:
        host = self.ensure_host()
        rule = host.rules[rule_name](options)
        severities = {(item.entry.path, item.entry.doc_id): severity for item, severity in members}
        ctx = CorpusContext(rule, members[0][1], severities)
        items = [item for item, _ in members]
        try:
            rule.check_corpus([c.entry for c in items], ctx)
        except Exception as exc:
            report.errors.append(
                ErrorEntry(
                    "-",
                    "rule",
                    f"rule {rule_name} check_corpus from plugin {host.rule_plugins[rule_name]} "
                    f"raised: {type(exc).__name__}: {exc}",
                )
            )
            return
        by_doc = {(item.entry.path, item.entry.doc_id): item for item in items}
        for finding in ctx.findings:
            item = by_doc.get((finding.path, finding.doc_id))
            if item is not None and not item.suppressions.covers(finding):
                item.doc.findings.append(finding)


def _sniff(data: bytes) -> str:
    """Reader name for input without a file name (stdin): JSON, HTML, Markdown front matter, else text."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"["):
        return "json"
    if head[:1] == b"<":
        return "html"
    if head.startswith((b"---\n", b"---\r\n", b"+++\n", b"# ")):
        return "markdown"
    return "text"


def _walk(root: Path, extensions: tuple[str, ...]) -> list[Path]:
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in ("node_modules", "__pycache__"))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if name.lower().endswith(extensions) and not name.startswith(".") and path.is_file():
                found.append(path)  # is_file(): pipes, devices and dangling links are skipped
    return found
