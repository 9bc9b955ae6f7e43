"""Plugin loading: built-ins and third parties through the same entry points.

Plugins come from two places only: the installed entry-point group
``copydesk`` and the ``plugins:`` list of a config file the user wrote (a
module name or a path to a ``.py`` file). Nothing else is ever imported. A
plugin that fails to load becomes a :class:`PluginError` the engine reports as
an error entry; the run continues with the other plugins.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from linters import hookspecs
from linters.rule import Rule

__all__ = ["ENTRY_POINT_GROUP", "Host", "PluginError", "hookimpl"]

ENTRY_POINT_GROUP = "copydesk"
hookimpl = pluggy.HookimplMarker("copydesk")


@dataclass(slots=True)
class PluginError:
    plugin: str
    message: str


@dataclass
class Host:
    """The pluggy manager plus everything the plugins registered."""

    pm: pluggy.PluginManager
    rules: dict[str, type[Rule]] = field(default_factory=dict)
    readers: dict[str, Any] = field(default_factory=dict)
    formats: dict[str, Any] = field(default_factory=dict)
    config_schema: dict[str, Any] = field(default_factory=dict)
    errors: list[PluginError] = field(default_factory=list)
    rule_plugins: dict[str, str] = field(default_factory=dict)
    plugin_versions: dict[str, str] = field(default_factory=dict)

    @classmethod
    def create(cls, extra_plugins: list[str] | None = None, base_dir: Path | None = None) -> Host:
        pm = pluggy.PluginManager("copydesk")
        pm.add_hookspecs(hookspecs)
        host = cls(pm)
        from linters import builtin

        host._register(builtin, "copydesk-builtin")
        host._load_entry_points()
        for spec in extra_plugins or []:
            host._load_config_plugin(spec, base_dir or Path.cwd())
        try:
            pm.check_pending()
        except pluggy.PluginValidationError as exc:
            name = pm.get_name(exc.plugin) if exc.plugin is not None else None
            host.errors.append(PluginError(name or "?", str(exc)))
        host._collect()
        return host

    # -- loading ---------------------------------------------------------
    def _register(self, obj: object, name: str) -> None:
        if self.pm.is_registered(obj) or self.pm.has_plugin(name):
            return
        try:
            self.pm.register(obj, name=name)
        except Exception as exc:
            self.errors.append(PluginError(name, f"cannot register: {exc}"))

    def _load_entry_points(self) -> None:
        # like PYTEST_DISABLE_PLUGIN_AUTOLOAD: run with only the plugins a config names
        if os.environ.get("COPYDESK_DISABLE_PLUGIN_AUTOLOAD"):
            return
        eps = sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: (ep.name, ep.value))
        for ep in eps:
            try:
                obj = ep.load()
            except Exception as exc:
                self.errors.append(PluginError(ep.name, f"failed to load entry point {ep.value!r}: {exc}"))
                continue
            dist = getattr(ep, "dist", None)
            if dist is not None:
                self.plugin_versions[ep.name] = f"{dist.name}=={dist.version}"
            self._register(obj, ep.name)

    def _load_config_plugin(self, spec: str, base_dir: Path) -> None:
        try:
            module = _import_plugin(spec, base_dir)
        except Exception as exc:
            self.errors.append(PluginError(spec, f"failed to load plugin: {type(exc).__name__}: {exc}"))
            return
        self.plugin_versions[spec] = _module_fingerprint(module)
        self._register(module, spec)

    # -- collecting registrations --------------------------------------
    def _call(self, hook_name: str) -> list[tuple[str, Any]]:
        """Call a registration hook impl by impl, so one failure names its plugin."""
        results = []
        hook = getattr(self.pm.hook, hook_name)
        for impl in reversed(hook.get_hookimpls()):  # registration order
            name = self.pm.get_name(impl.plugin) or repr(impl.plugin)
            try:
                value = impl.function()
            except Exception as exc:
                self.errors.append(PluginError(name, f"{hook_name} raised {type(exc).__name__}: {exc}"))
                continue
            if value is not None:
                results.append((name, value))
        return results

    def _collect(self) -> None:
        for plugin, rules in self._call("copydesk_add_rules"):
            for rule in rules:
                problems = (
                    rule.validate_metadata()
                    if isinstance(rule, type) and issubclass(rule, Rule)
                    else ["is not a subclass of linters.Rule"]
                )
                if problems:
                    self.errors.append(
                        PluginError(plugin, f"rule {getattr(rule, '__name__', rule)!r}: " + "; ".join(problems))
                    )
                    continue
                clash = next((r for r in self.rules.values() if r.code == rule.code and r.name != rule.name), None)
                if rule.name in self.rules or clash:
                    other = self.rule_plugins.get(rule.name) or self.rule_plugins.get(clash.name if clash else "")
                    self.errors.append(
                        PluginError(plugin, f"rule {rule.name} ({rule.code}) clashes with one from {other}; ignored")
                    )
                    continue
                self.rules[rule.name] = rule
                self.rule_plugins[rule.name] = plugin
        for _plugin, readers in self._call("copydesk_add_readers"):
            for reader in readers:
                self.readers[reader.name] = reader
        for _plugin, formats in self._call("copydesk_add_formats"):
            for fmt in formats:
                self.formats[fmt.name] = fmt
        for plugin, fragment in self._call("copydesk_config_schema"):
            for key, value in fragment.items():
                if key in self.config_schema:
                    self.errors.append(PluginError(plugin, f"config key {key!r} already defined by another plugin"))
                else:
                    self.config_schema[key] = value

    # -- lookups ---------------------------------------------------------
    def rule_by_name_or_code(self, ident: str) -> type[Rule] | None:
        if ident in self.rules:
            return self.rules[ident]
        upper = ident.upper()
        return next((r for r in self.rules.values() if r.code == upper), None)

    def reader_for_path(self, path: str) -> Any | None:
        lower = path.lower()
        best = None
        for reader in self.readers.values():
            for ext in reader.extensions:
                if lower.endswith(ext) and (best is None or len(ext) > best[0]):
                    best = (len(ext), reader)
        return best[1] if best else None

    def walk_extensions(self) -> tuple[str, ...]:
        return tuple(sorted({ext for r in self.readers.values() for ext in r.extensions}))


def _import_plugin(spec: str, base_dir: Path) -> ModuleType:
    """Import a plugin named by the user's config: a ``.py`` path or a module name."""
    if spec.endswith(".py") or "/" in spec or "\\" in spec:
        path = (base_dir / spec).resolve()
        if not path.is_file():
            raise FileNotFoundError(f"no such plugin file: {path}")
        import hashlib

        mod_name = "copydesk_local_plugin_" + hashlib.sha256(str(path).encode()).hexdigest()[:12]
        if mod_name in sys.modules:
            return sys.modules[mod_name]
        module_spec = importlib.util.spec_from_file_location(mod_name, path)
        if module_spec is None or module_spec.loader is None:
            raise ImportError(f"cannot load {path}")
        module = importlib.util.module_from_spec(module_spec)
        sys.modules[mod_name] = module
        try:
            module_spec.loader.exec_module(module)
        except BaseException:
            sys.modules.pop(mod_name, None)
            raise
        return module
    return importlib.import_module(spec)


def _module_fingerprint(module: ModuleType) -> str:
    """Version of a config plugin for cache keys: its __version__ or its file's content hash."""
    import hashlib

    version = getattr(module, "__version__", None)
    if version:
        return str(version)
    path = getattr(module, "__file__", None)
    if path and Path(path).is_file():
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    return "unknown"
