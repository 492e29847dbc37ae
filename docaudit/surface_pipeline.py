"""The public-surface pipeline: endpoints, CLIs, exports, API specs and configuration.

The Python facts come from the parse (``docs.facts``), already cached per file; the
resources (doc files, spec and config files) are read here, once each, skipped when
over ``max-config-bytes``. What each analyser finds becomes ``Symbol`` records of
its own kinds, with the reasons files could not be analysed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from docaudit.config import Config
from docaudit.model import FileError, FileFacts, ModuleFacts, SourceFile, Survey, Symbol


def survey(
    root: Path,
    modules: Mapping[str, str],
    facts: Mapping[str, tuple[str, FileFacts]],
    code: Iterable[Symbol],
    resources: list[SourceFile] | None,
    config: Config,
) -> Survey:
    """Return the surface symbols of a repository.

    ``modules`` maps each Python file's path to its module name, ``facts`` the files
    with facts to their module name and facts; ``code`` is the census's symbols
    (exports are judged by them); ``resources`` are the doc and data files (``None``:
    none were discovered, so specs and configuration are left out). Endpoints, CLIs
    and environment reads in test files (a ``test``/``tests`` folder, ``test_*.py``,
    ``*_test.py``, ``conftest.py``) are not the project's surface and are left out.
    """
    from docaudit.docs import apis

    found = Survey()
    by_collector = _by_collector({p: f for p, f in facts.items() if not is_test_file(p)})
    documented = {_dotted(symbol, modules): symbol.documented for symbol in code}
    scripts = _entry_points(root)
    symbols, errors = apis.api_symbols(
        by_collector,
        documented,
        scripts,
        config.operational_routes,
        frozenset(modules.values()),
    )
    found.symbols += symbols
    found.errors += errors
    texts, data, errors = _read_resources(root, resources or [], config.max_config_bytes)
    found.errors += errors
    if any(path.endswith((".yaml", ".yml", ".json")) for path in data):
        symbols, errors = apis.spec_symbols(data)
        found.symbols += symbols
        found.errors += errors
    if resources is not None and (data or "envvars" in by_collector):
        from docaudit.docs import configs
        from docaudit.docs.docindex import DocIndex

        docs = DocIndex(texts)
        result = configs.configuration(by_collector.get("envvars", []), data, docs, config)
        found.symbols += result.symbols
        found.stale += result.stale
        found.errors += result.errors
    found.symbols.sort(key=lambda s: (s.path, s.line, s.kind, s.qualname))
    found.stale.sort(key=lambda s: (s.qualname, s.path, s.line))
    return found


def _by_collector(facts: Mapping[str, tuple[str, FileFacts]]) -> dict[str, list[ModuleFacts]]:
    """Group each file's facts by the collector that found them, files in path order."""
    grouped: dict[str, list[ModuleFacts]] = {}
    for path in sorted(facts):
        module, file_facts = facts[path]
        aliases = dict(file_facts.aliases)
        for collector, found in file_facts.facts:
            grouped.setdefault(collector, []).append(ModuleFacts(path, module, aliases, found))
    return grouped


def _dotted(symbol: Symbol, modules: Mapping[str, str]) -> str:
    """Return a code symbol's full dotted name (``package.module.Class.method``)."""
    if symbol.kind == "module":
        return symbol.qualname
    module = modules.get(symbol.path, "")
    return f"{module}.{symbol.qualname}" if module else symbol.qualname


def is_test_file(path: str) -> bool:
    """Tell whether a Python file holds tests, from its path."""
    from docaudit.modules import is_test_module

    directory, _, name = path.rpartition("/")
    if is_test_module(directory):
        return True
    return name.startswith("test_") or name.endswith("_test.py") or name == "conftest.py"


def _entry_points(root: Path) -> dict[str, str]:
    """Return ``[project.scripts]`` of the root's pyproject.toml (script name to target)."""
    import tomllib

    try:
        with open(root / "pyproject.toml", "rb") as handle:
            scripts = tomllib.load(handle).get("project", {}).get("scripts", {})
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError, AttributeError):
        return {}
    if not isinstance(scripts, dict):
        return {}
    return {str(k): str(v) for k, v in scripts.items() if isinstance(v, str)}


def _read_resources(
    root: Path, resources: list[SourceFile], limit: int
) -> tuple[dict[str, str], dict[str, bytes], list[FileError]]:
    """Read the doc files (as text) and data files (as bytes), from disk or git objects.

    A data file over ``limit`` bytes (a doc file over ten times that) is not read; an
    error entry says so.
    """
    from docaudit.docs.docindex import is_doc_file

    texts: dict[str, str] = {}
    data: dict[str, bytes] = {}
    errors: list[FileError] = []
    wanted = [r for r in resources if r.kind == "data" or is_doc_file(r.path)]
    for resource, content in _contents(root, wanted, limit, errors):
        if resource.kind == "data":
            data[resource.path] = content
        else:
            texts[resource.path] = content.decode("utf-8", "replace")
    return texts, data, errors


def _contents(
    root: Path, resources: list[SourceFile], limit: int, errors: list[FileError]
) -> Iterable[tuple[SourceFile, bytes]]:
    """Yield each resource with its bytes; unreadable or oversized files become errors."""
    import os

    from docaudit.gitobjects import blobs

    from_git = [r for r in resources if not r.abspath and r.blob_id]
    for resource in resources:
        if not resource.abspath:
            continue
        try:
            size = os.path.getsize(resource.abspath)
            if size > _limit_for(resource, limit):
                errors.append(_too_big(resource, size, limit))
                continue
            with open(resource.abspath, "rb") as handle:
                yield resource, handle.read()
        except OSError as error:
            errors.append(FileError(resource.path, f"cannot read: {error.strerror}"))
    contents = blobs(str(root), [r.blob_id for r in from_git if r.blob_id])
    for resource, (blob_id, content) in zip(from_git, contents, strict=True):
        if content is None:
            errors.append(FileError(resource.path, f"cannot read git object {blob_id}"))
        elif len(content) > _limit_for(resource, limit):
            errors.append(_too_big(resource, len(content), limit))
        else:
            yield resource, content


def _limit_for(resource: SourceFile, limit: int) -> int:
    """Return the size limit of a resource: ``limit`` for data, ten times it for doc files."""
    return limit if resource.kind == "data" else 10 * limit


def _too_big(resource: SourceFile, size: int, limit: int) -> FileError:
    """Return the error entry of a file skipped for its size."""
    allowed = _limit_for(resource, limit)
    return FileError(
        resource.path,
        f"skipped: {size:,} bytes is over the {allowed:,}-byte limit (max-config-bytes)",
    )
