"""Reading the settings: ``[tool.docaudit]`` in pyproject.toml or a ``docaudit.toml``.

Keys may be written kebab-case or snake_case; each is one of ``settings.SETTINGS`` and
is checked by the kind of value it declares. Where a project has no
``[tool.docaudit]`` but has ``[tool.interrogate]``, its settings are used (with a
notice) so a project that switches keeps its counting.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from docaudit.config.settings import SETTINGS, Config, check
from docaudit.errors import ConfigError
from docaudit.safeio import read_file

MAX_SETTINGS_BYTES = 4_000_000
"""The largest pyproject.toml or docaudit.toml read; a larger one (or anything but a
regular file: a FIFO, ``/dev/zero``) is refused with one line."""
_INTERROGATE_UNSUPPORTED = frozenset(
    {
        "verbose",
        "quiet",
        "color",
        "generate_badge",
        "badge_format",
        "badge_style",
        "whitelist_regex",
        "include_regex",
        "ext",
    }
)


def load_config(start: Path, stop: Path, explicit: Path | None = None) -> Config:
    """Find and read the settings for an audit of ``start``, climbing no higher than ``stop``."""
    if explicit is not None:
        return _read_file(explicit, explicit=True) or Config(source=str(explicit))
    directory = start if start.is_dir() else start.parent
    directory = directory.resolve()
    stop = stop.resolve()
    while True:
        for name in ("docaudit.toml", "pyproject.toml"):
            candidate = directory / name
            if os.path.lexists(candidate) and not candidate.is_dir():
                found = _read_file(candidate, explicit=False, root=stop)
                if found is not None:
                    return found
        if directory == stop or directory.parent == directory:
            return Config()
        directory = directory.parent


def _read_file(path: Path, explicit: bool, root: Path | None = None) -> Config | None:
    """Read one settings file; ``None`` when it holds no docaudit or interrogate table.

    Read through ``safeio`` (a regular file, under ``MAX_SETTINGS_BYTES``, inside
    ``root`` when given, never blocking); anything else is a ``ConfigError``.
    """
    document = _parse_toml(path, root)
    tool = document.get("tool", {})
    top_level = path.name == "docaudit.toml" or (explicit and path.name != "pyproject.toml")
    if top_level and "tool" not in document:
        return _build(document, path, path.name)
    if isinstance(tool, dict) and "docaudit" in tool:
        return _build(tool["docaudit"], path, "[tool.docaudit]")
    if isinstance(tool, dict) and "interrogate" in tool:
        return _from_interrogate(tool["interrogate"], path)
    return Config(source=str(path)) if explicit else None


def _parse_toml(path: Path, root: Path | None) -> dict[str, Any]:
    """Return the TOML document of a settings file, or raise ``ConfigError`` saying why."""
    import tomllib  # 1.6 ms that a run with no settings file skips

    try:
        return tomllib.loads(read_file(path, MAX_SETTINGS_BYTES, root).decode("utf-8"))
    except ValueError as error:  # TOMLDecodeError, UnicodeDecodeError, too many digits
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(f"{path}: not valid TOML: nested too deeply") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror}") from None


def _build(table: Any, path: Path, where: str) -> Config:
    """Check a settings table and return the ``Config`` it describes."""
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: {where} must be a table")
    values: dict[str, Any] = {}
    context = str(path) if where == path.name else f"{path} {where}"  # not the name twice
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        if key not in SETTINGS:
            raise ConfigError(f"{path}: unknown key '{raw_key}' in {where}")
        values[key] = check(key, value, context, raw_key)
    return Config.of(source=str(path), **values)


def _from_interrogate(table: Any, path: Path) -> Config:
    """Translate ``[tool.interrogate]`` into docaudit settings, noting what is left out.

    Its user expects interrogate's numbers, so ``count-overloads`` is on.
    """
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.interrogate] must be a table")
    values: dict[str, Any] = {"count_overloads": True}
    skipped = []
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        if key in ("style", "docstring_style"):
            values["class_or_init"] = value == "google"
        elif key in SETTINGS:
            values[key] = check(key, value, f"{path} [tool.interrogate]", raw_key)
        elif key in _INTERROGATE_UNSUPPORTED:
            skipped.append(raw_key)
        else:
            raise ConfigError(f"{path}: unknown key '{raw_key}' in [tool.interrogate]")
    notice = f"using [tool.interrogate] from {path} (no [tool.docaudit] found)"
    if skipped:
        notice += f"; not used: {', '.join(sorted(skipped))}"
    return Config.of(source=str(path), notices=(notice,), **values)
