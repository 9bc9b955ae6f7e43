"""Configuration: find, load (yaml.safe_load), merge (`extends`), validate, resolve per file.

Validation runs in two steps because rule options come from plugins: the
file's shape is checked against ``schemas/config.schema.json`` when it is
loaded; rule names and each rule's options are checked against the rules'
own ``options_schema`` once the plugins are known (:func:`validate_rules`).
Every error names the file, the key path and what was expected.
"""

from __future__ import annotations

import copy
import difflib
import functools
import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from linters.readers.base import DEFAULT_MAX_BYTES
from linters.rule import Rule

__all__ = [
    "CONFIG_NAMES",
    "Config",
    "ConfigError",
    "RuleSetting",
    "base_schema",
    "find_config",
    "load_config",
    "merged_schema",
    "validate_rules",
]

CONFIG_NAMES = ("copydesk.yaml", ".copydesk.yaml", "copydesk.yml", ".copydesk.yml")
SEVERITY_WORDS = ("off", "error", "warning", "info")


class ConfigError(Exception):
    """A configuration problem; ``str()`` is the one-line message shown to the user."""

    def __init__(self, path: Path | str | None, key: str, message: str) -> None:
        self.path = str(path) if path else "<defaults>"
        self.key = key
        self.message = message
        where = f"{self.path}: {key}: " if key else f"{self.path}: "
        super().__init__(where + message)


@cache
def base_schema() -> dict[str, Any]:
    text = resources.files("linters.schemas").joinpath("config.schema.json").read_text("utf-8")
    return json.loads(text)


@dataclass(frozen=True)
class RuleSetting:
    """What the config says about one rule: severity ("off" disables) and options."""

    severity: str | None = None
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class Config:
    """One loaded config file (with its ``extends`` chain merged in)."""

    path: Path | None = None
    raw: dict[str, Any] = field(default_factory=dict)
    #: Which file of the ``extends`` chain set a key ("select", "rules.NAME", "rules.NAME.OPTION", "overrides[2]").
    origins: dict[str, Path] = field(default_factory=dict)
    #: Index of each merged override in the file that wrote it.
    override_index: dict[int, int] = field(default_factory=dict)

    def origin(self, key: str) -> Path | None:
        """The file that set ``key`` (a dotted key path), or this config's own file."""
        parts = [re.sub(r"\[\d+\]$", "", part) for part in key.split(".")]  # "block-kinds[1]": the list's key
        if key.startswith("overrides["):
            parts[0] = key.split(".")[0]  # overrides are told apart by their index
        for n in range(len(parts), 0, -1):
            found = self.origins.get(".".join(parts[:n]))
            if found is not None:
                return found
        return self.path

    def error(self, key: str, message: str, *, blame: str | None = None) -> ConfigError:
        """A :class:`ConfigError` naming the file of the ``extends`` chain that set ``blame`` (default ``key``),
        with ``key`` as written in that file."""
        m = re.match(r"overrides\[(\d+)\]", key)
        local = key
        if m and int(m.group(1)) in self.override_index:
            local = f"overrides[{self.override_index[int(m.group(1))]}]" + key[m.end() :]
        return ConfigError(self.origin(blame or key), local, message)

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    @property
    def plugins(self) -> list[str]:
        return list(self.raw.get("plugins", []))

    @property
    def fail_on(self) -> str | None:
        return self.raw.get("fail-on")

    @property
    def max_file_size(self) -> int:
        return int(self.raw.get("max-file-size", DEFAULT_MAX_BYTES))

    @property
    def exclude(self) -> list[str]:
        return list(self.raw.get("exclude", []))

    def is_excluded(self, path: Path) -> bool:
        rel = _relative(path, self.root)
        return any(_glob_match(rel, pattern) for pattern in self.exclude)

    def effective(
        self,
        path: str | None,
        rules: dict[str, type[Rule]],
        cli_select: list[str] | None = None,
        cli_ignore: list[str] | None = None,
    ) -> dict[str, RuleSetting]:
        """Enabled rules for one file: name -> setting with a concrete severity and merged options."""
        settings = {name: RuleSetting(cls.default_severity, {}) for name, cls in rules.items()}
        select = self.raw.get("select")
        ignore = list(self.raw.get("ignore", []))
        _apply_rule_settings(settings, self.raw.get("rules", {}))
        rel = _relative(Path(path), self.root) if path and path != "-" else None
        for override in self.raw.get("overrides", []):
            patterns = override["files"]
            patterns = [patterns] if isinstance(patterns, str) else patterns
            if rel is None or not any(_glob_match(rel, p) for p in patterns):
                continue
            _apply_rule_settings(settings, override.get("rules", {}))
            if "select" in override:
                select = override["select"]
            ignore += override.get("ignore", [])
        if cli_select is not None:
            select = cli_select
        if cli_ignore:
            ignore += cli_ignore
        enabled = {}
        for name, setting in settings.items():
            code = rules[name].code
            if setting.severity == "off":
                continue
            if select is not None and not _matches_any(name, code, select):
                continue
            if _matches_any(name, code, ignore):
                continue
            enabled[name] = setting
        return dict(sorted(enabled.items()))


def _apply_rule_settings(settings: dict[str, RuleSetting], block: dict[str, Any]) -> None:
    for name, value in block.items():
        if name not in settings:
            continue  # unknown names were reported by validate_rules
        current = settings[name]
        if isinstance(value, str):
            settings[name] = RuleSetting(value, current.options)
        else:
            options = dict(current.options)
            options.update({k: v for k, v in value.items() if k != "severity"})
            settings[name] = RuleSetting(value.get("severity", current.severity), options)


def _matches_any(name: str, code: str, selectors: list[str]) -> bool:
    return any(
        sel in ("ALL", "all") or sel == name or (sel.upper() == sel and code.startswith(sel)) for sel in selectors
    )


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@functools.cache
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """Glob as a regex: ``*`` and ``?`` stay inside one path segment, ``**`` spans segments."""
    pattern = pattern.removeprefix("./").rstrip("/")
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[":
            close = pattern.find("]", i + 1)
            if close == -1:
                out.append(re.escape("["))
                i += 1
            else:
                body = pattern[i + 1 : close].replace("\\", "\\\\")
                out.append("[^" + body[1:] + "]" if body.startswith("!") else "[" + body + "]")
                i = close + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + "(?:/.*)?")


def _glob_match(rel: str, pattern: str) -> bool:
    """Match a path relative to the config's directory (a pattern also matches what is below a directory).

    A pattern without ``/`` matches a file or directory name at any depth, as in .gitignore.
    """
    if "/" not in pattern.removeprefix("./").rstrip("/"):
        pattern = "**/" + pattern.removeprefix("./")
    return _glob_regex(pattern).fullmatch(rel) is not None


# -- loading -------------------------------------------------------------------
def find_config(start: Path) -> Path | None:
    """The nearest config file in ``start`` or its parents."""
    directory = start if start.is_dir() else start.parent
    directory = directory.resolve()
    for candidate_dir in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = candidate_dir / name
            if candidate.is_file():
                return candidate
    return None


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise ConfigError(path, "", "config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, "", f"cannot read config: {exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(path, "", f"invalid YAML: {where}{problem}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(path, "", f"expected a mapping at the top level, got {type(data).__name__}")
    _check_keys(path, data, "")
    return data


def _check_keys(path: Path, data: Any, where: str) -> None:
    """Every mapping key is a string ("1: off" reads as the number 1): say where, rather than fail later."""
    if isinstance(data, dict):
        for key, value in data.items():
            if not isinstance(key, str):
                raise ConfigError(path, where or "(top level)", f"keys must be strings, got {key!r}; quote it")
            _check_keys(path, value, f"{where}.{key}" if where else key)
    elif isinstance(data, list):
        for i, item in enumerate(data):
            _check_keys(path, item, f"{where}[{i}]")


def _normalise_off(raw: dict[str, Any]) -> dict[str, Any]:
    """YAML 1.1 reads a bare ``off`` as False: accept it as the word the user wrote."""

    def fix(block: Any) -> None:
        if not isinstance(block, dict):
            return
        for name, value in block.items():
            if value is False:
                block[name] = "off"
            elif isinstance(value, dict) and value.get("severity") is False:
                value["severity"] = "off"

    fix(raw.get("rules"))
    overrides = raw.get("overrides")
    for override in overrides if isinstance(overrides, list) else []:
        if isinstance(override, dict):
            fix(override.get("rules"))
    return raw


def _format_path(parts: Any) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _schema_error_message(error: jsonschema.ValidationError, known_keys: list[str]) -> tuple[str, str]:
    key = _format_path(error.absolute_path)
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        hints = []
        for name in extra:
            close = difflib.get_close_matches(name, list(error.schema.get("properties", {})) or known_keys, n=1)
            hints.append(f"{name!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
        allowed = ", ".join(sorted(error.schema.get("properties", {})))
        return key, f"unknown key {', '.join(hints)}; expected one of: {allowed}"
    if error.validator == "oneOf" and error.schema is base_schema()["$defs"]["rule-setting"]:
        return key, f"expected off, error, warning, info or a mapping with severity and options, got {error.instance!r}"
    return key, error.message


def load_config(path: Path, _seen: tuple[Path, ...] = ()) -> Config:
    """Load a config file, merging the files it ``extends`` (cycles are errors)."""
    path = path.resolve()
    if path in _seen:
        raise ConfigError(path, "extends", "circular extends: " + " -> ".join(str(p) for p in (*_seen, path)))
    raw = _normalise_off(_read_yaml(path))
    # top-level keys added by plugins are checked in validate_rules, once plugins are loaded
    shape = {**base_schema(), "additionalProperties": True}
    validator = jsonschema.Draft202012Validator(shape)
    errors = sorted(validator.iter_errors(raw), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    if errors:
        key, message = _schema_error_message(errors[0], list(base_schema()["properties"]))
        raise ConfigError(path, key, message)
    origins = _origins(raw, path)
    index = {i: i for i, _ in enumerate(raw.get("overrides") or [])}
    if "extends" in raw:
        parent = load_config((path.parent / raw["extends"]), (*_seen, path))
        shift = len(parent.raw.get("overrides", []))
        origins = {**parent.origins, **_origins(raw, path, override_shift=shift)}
        index = {**parent.override_index, **{shift + i: i for i in index}}
        raw = _merge(parent.raw, raw, parent.root, path.parent)
    return Config(path, raw, origins, index)


def _origins(raw: dict[str, Any], path: Path, override_shift: int = 0) -> dict[str, Path]:
    """Key paths ``raw`` sets, each mapped to ``path``; its overrides come after ``override_shift`` earlier ones."""
    found = {key: path for key in raw if key not in ("extends", "rules", "overrides")}
    for name, setting in (raw.get("rules") or {}).items():
        found[f"rules.{name}"] = path
        if isinstance(setting, dict):
            found.update({f"rules.{name}.{option}": path for option in setting})
    for i, _ in enumerate(raw.get("overrides") or []):
        found[f"overrides[{override_shift + i}]"] = path
    return found


def _merge(base: dict[str, Any], child: dict[str, Any], base_root: Path, child_root: Path) -> dict[str, Any]:
    out = copy.deepcopy(base)
    out.pop("extends", None)
    # plugin paths stay relative to the file that named them
    out["plugins"] = [_rebase(p, base_root, child_root) for p in base.get("plugins", [])]
    for key, value in child.items():
        if key == "extends":
            continue
        if key == "rules":
            rules = out.setdefault("rules", {})
            for name, setting in value.items():
                rules[name] = _merge_rule(rules.get(name), setting)
        elif key == "plugins":
            out["plugins"] = out["plugins"] + [p for p in value if p not in out["plugins"]]
        elif key == "overrides":
            out["overrides"] = out.get("overrides", []) + value
        else:
            out[key] = value
    if not out["plugins"]:
        out.pop("plugins")
    return out


def _merge_rule(parent: Any, child: Any) -> Any:
    """A child's rule setting over its parent's, as an override applies it: a severity keeps the parent's
    options, options keep the parent's severity (so a rule the parent turned off stays off)."""
    if isinstance(child, str):
        return {**parent, "severity": child} if isinstance(parent, dict) else child
    if isinstance(child, dict) and isinstance(parent, dict):
        return {**parent, **child}
    if isinstance(child, dict) and isinstance(parent, str):
        return {"severity": parent, **child}
    return child


def _rebase(spec: str, base_root: Path, child_root: Path) -> str:
    if spec.endswith(".py") or "/" in spec:
        return str((base_root / spec).resolve())
    return spec


# -- rule validation (needs the plugins) --------------------------------------
def _setting_blocks(config: Config) -> list[tuple[str, dict[str, Any]]]:
    blocks = [("rules", config.raw.get("rules", {}))]
    for i, override in enumerate(config.raw.get("overrides", [])):
        blocks.append((f"overrides[{i}].rules", override.get("rules", {})))
    return blocks


def validate_rules(config: Config, rules: dict[str, type[Rule]], plugin_keys: dict[str, Any] | None = None) -> None:
    """Check top-level plugin keys, rule names (with did-you-mean) and each rule's options."""
    plugin_keys = plugin_keys or {}
    known = list(base_schema()["properties"]) + list(plugin_keys)
    for key in sorted(config.raw):
        if key not in known:
            hint = difflib.get_close_matches(key, known, n=1)
            suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
            raise config.error(key, f"unknown key{suggestion}; expected one of: {', '.join(sorted(known))}")
        if key in plugin_keys:
            errors = list(jsonschema.Draft202012Validator(plugin_keys[key]).iter_errors(config.raw[key]))
            if errors:
                sub = _format_path(errors[0].absolute_path)
                raise config.error(key if sub == "(top level)" else f"{key}.{sub}", errors[0].message)
    names = sorted(rules)
    codes = {cls.code: name for name, cls in rules.items()}
    for prefix, block in _setting_blocks(config):
        for name, value in block.items():
            if name not in rules:
                hint = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
                suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
                if name.upper() in codes:
                    suggestion = f" (rules are configured by name: use {codes[name.upper()]!r})"
                raise config.error(
                    f"{prefix}.{name}",
                    f"unknown rule {name!r}{suggestion}; known rules: {', '.join(names)}",
                )
            if isinstance(value, dict):
                options = {k: v for k, v in value.items() if k != "severity"}
                schema = rules[name].options_schema
                errors = sorted(
                    jsonschema.Draft202012Validator(schema).iter_errors(options),
                    key=lambda e: (list(map(str, e.absolute_path)), e.message),
                )
                if errors:
                    err = errors[0]
                    key, message = _schema_error_message(err, list(schema.get("properties", {})))
                    where = f"{prefix}.{name}" if key == "(top level)" else f"{prefix}.{name}.{key}"
                    blame = where
                    if err.validator == "additionalProperties":
                        message = message.replace("expected one of:", "options of this rule are: severity,")
                        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
                        blame = f"{where}.{extra[0]}" if extra else where
                    raise config.error(where, message, blame=blame)
    for key in ("select", "ignore"):
        for sel in config.raw.get(key, []):
            _check_selector(config, key, sel, rules)
    for i, override in enumerate(config.raw.get("overrides", [])):
        for key in ("select", "ignore"):
            for sel in override.get(key, []):
                _check_selector(config, f"overrides[{i}].{key}", sel, rules)


def _check_selector(config: Config, key: str, selector: str, rules: dict[str, type[Rule]]) -> None:
    if selector in ("ALL", "all") or selector in rules:
        return
    if selector.upper() == selector and any(cls.code.startswith(selector) for cls in rules.values()):
        return
    names = sorted(rules) + sorted(cls.code for cls in rules.values())
    hint = difflib.get_close_matches(selector, names, n=1, cutoff=0.6)
    suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
    raise config.error(key, f"unknown rule or code {selector!r}{suggestion}")


def check_selectors(selectors: list[str], rules: dict[str, type[Rule]], option: str) -> None:
    """Validate --select/--ignore values from the command line."""
    _ = [_check_selector(Config(None, {}), option, s, rules) for s in selectors]


def merged_schema(rules: dict[str, type[Rule]], plugin_keys: dict[str, Any] | None = None) -> dict[str, Any]:
    """The full config schema: base + each rule's options under ``rules.<name>`` (for editors and docs)."""
    schema = copy.deepcopy(base_schema())
    rule_props = {}
    for name, cls in sorted(rules.items()):
        options = copy.deepcopy(cls.options_schema)
        options.setdefault("properties", {})
        options["properties"] = {"severity": {"enum": list(SEVERITY_WORDS)}, **options["properties"]}
        options["additionalProperties"] = False
        rule_props[name] = {
            "description": f"{cls.code}: {cls.summary}",
            "oneOf": [{"enum": list(SEVERITY_WORDS)}, options],
        }
    schema["properties"]["rules"]["properties"] = rule_props
    for key, value in (plugin_keys or {}).items():
        schema["properties"][key] = value
    return schema
