"""Resolve JavaScript and TypeScript imports to repository files, as Node and TypeScript
resolve them.

- A relative specifier (``./a``, ``../b/c.js``) names a file, with the extensions tried
  in TypeScript's order (``.ts .tsx .d.ts .js .jsx .mts .cts .mjs .cjs``), then a
  directory's ``index``; a ``.js``/``.jsx``/``.mjs``/``.cjs`` specifier also names the
  ``.ts``/``.tsx``/``.mts``/``.cts`` file it is compiled from.
- A bare specifier is matched against ``compilerOptions.paths`` and then ``baseUrl`` of
  the nearest ``tsconfig.json`` (or ``jsconfig.json``) above the file, its ``extends``
  of relative files followed (JSON with comments and trailing commas accepted);
- then against the packages of the root ``package.json``'s ``workspaces``: a package's
  ``name`` resolves to its entry (``exports["."]``, ``module``, ``main``, ``types``, or
  ``index.*``, ``src/index.*``), ``name/sub`` to what its ``exports`` maps ``./sub``
  to, or a file under the package (or its ``src``).

A file's targets are other JavaScript and TypeScript files; what resolves to nothing in
the repository (a third-party package, a stylesheet) is dropped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from fnmatch import fnmatchcase
from posixpath import dirname, join, normpath

from docaudit.analysers.languages import Links, Reader
from docaudit.model.symbols import ParsedModule

EXTENSIONS = (".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mts", ".cts", ".mjs", ".cjs")
"""What a specifier without an extension may name, in TypeScript's order."""
COMPILED_FROM = {".js": (".ts", ".tsx"), ".jsx": (".tsx",), ".mjs": (".mts",), ".cjs": (".cts",)}
"""The TypeScript sources a JavaScript specifier may name."""
CONFIGS = ("tsconfig.json", "jsconfig.json")
ENTRY_FIELDS = ("module", "main", "types", "typings")
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


def link(parses: Mapping[str, ParsedModule], read: Reader) -> Links:
    """Return each file's imports resolved to repository files, with the import kind."""
    resolver = Resolver(parses, read)
    links: Links = {}
    for path, parsed in parses.items():
        targets: dict[tuple[str, str], None] = {}
        for specifier, kind in parsed.imports:
            target = resolver.resolve(path, specifier)
            if target is not None and target != path:
                targets[(target, kind)] = None
        links[path] = list(targets)
    return links


class Resolver:
    """Resolves specifiers from one repository's files, reading its configuration once."""

    def __init__(self, parses: Mapping[str, ParsedModule], read: Reader) -> None:
        """Resolve among the parsed files (others are looked up with ``read``)."""
        self.known = set(parses)
        self.read = read
        self.exists: dict[str, bool] = {}
        self.configs: dict[str, dict[str, object] | None] = {}
        self.nearest: dict[str, tuple[str, dict[str, object]] | None] = {}
        self._workspaces: dict[str, str] | None = None

    def resolve(self, importer: str, specifier: str) -> str | None:
        """Return the repository file ``specifier`` names from the file ``importer``."""
        specifier = specifier.split("?", 1)[0]
        if specifier.startswith(("./", "../")) or specifier in (".", ".."):
            return self.file(normpath(join(dirname(importer), specifier)))
        if not specifier or specifier.startswith("/") or ":" in specifier:
            return None
        found = self._configured(importer, specifier)
        return found if found is not None else self._workspace(specifier)

    def file(self, base: str) -> str | None:
        """Return the file a path names as a module: itself, with an extension, the
        TypeScript source of a ``.js`` path, or its directory's ``index``."""
        if base.startswith("../") or base == "..":
            return None
        base = base.removeprefix("./")
        candidates = [base] if base.endswith(EXTENSIONS) else []
        for suffix, sources in COMPILED_FROM.items():
            if base.endswith(suffix):
                stem = base[: -len(suffix)]
                candidates += [stem + source for source in sources]
        candidates += [base + extension for extension in EXTENSIONS]
        index = "index" if base in ("", ".") else f"{base}/index"
        candidates += [index + extension for extension in EXTENSIONS]
        return next((c for c in candidates if self._exists(c)), None)

    def _exists(self, path: str) -> bool:
        """Tell whether a JavaScript or TypeScript file is in the repository."""
        if path in self.known:
            return True
        if path not in self.exists:
            self.exists[path] = path.endswith(EXTENSIONS) and self.read(path) is not None
        return self.exists[path]

    def _configured(self, importer: str, specifier: str) -> str | None:
        """Resolve a bare specifier with the nearest tsconfig's ``paths`` and ``baseUrl``."""
        found = self._nearest_config(dirname(importer))
        if found is None:
            return None
        config_dir, options = found
        base_url = options.get("baseUrl")
        base = base_url if isinstance(base_url, str) else None
        paths = options.get("paths")
        if isinstance(paths, dict):
            paths_base = base or str(options.get("pathsBase", config_dir))
            for pattern in _by_prefix(paths):
                star = _match(pattern, specifier)
                targets = paths[pattern]
                if star is None or not isinstance(targets, list):
                    continue
                for target in targets:
                    if isinstance(target, str):
                        resolved = self.file(normpath(join(paths_base, target.replace("*", star))))
                        if resolved is not None:
                            return resolved
        return self.file(normpath(join(base, specifier))) if base is not None else None

    def _nearest_config(self, directory: str) -> tuple[str, dict[str, object]] | None:
        """Return the directory and merged ``compilerOptions`` of the nearest tsconfig."""
        walked: list[str] = []
        current = directory
        found: tuple[str, dict[str, object]] | None = None
        while True:
            if current in self.nearest:
                found = self.nearest[current]
                break
            walked.append(current)
            options = next(
                (o for o in map(self._compiler_options, _configs_in(current)) if o is not None),
                None,
            )
            if options is not None:
                found = (current, options)
                break
            if not current:
                break
            current = dirname(current)
        for seen in walked:
            self.nearest[seen] = found
        return found

    def _compiler_options(self, path: str) -> dict[str, object] | None:
        """Return a tsconfig's ``compilerOptions`` merged over those it ``extends``
        (relative files only), with ``baseUrl`` as a repository path and ``pathsBase``
        the directory of the file that set ``paths``; ``None`` if there is no file."""
        chain: list[tuple[str, dict[str, object]]] = []
        current: str | None = path
        seen: set[str] = set()
        while current is not None and current not in seen:
            seen.add(current)
            config = self._config(current)
            if config is None:
                break
            chain.append((current, config))
            current = _extended(current, config.get("extends"))
        if not chain:
            return None
        merged: dict[str, object] = {}
        for config_path, config in reversed(chain):
            options = config.get("compilerOptions")
            if not isinstance(options, dict):
                continue
            here = dirname(config_path)
            for key, value in options.items():
                if key == "baseUrl" and isinstance(value, str):
                    value = normpath(join(here, value))
                merged[key] = value
                if key == "paths":
                    merged["pathsBase"] = here
        return merged

    def _config(self, path: str) -> dict[str, object] | None:
        """Return a JSON configuration file read tolerantly, or ``None``."""
        if path not in self.configs:
            data = self.read(path)
            self.configs[path] = None if data is None else loads(data)
        return self.configs[path]

    def _workspace(self, specifier: str) -> str | None:
        """Resolve a bare specifier naming a workspace package (or a file under it)."""
        packages = self.workspace_packages()
        for name, directory in packages.items():
            if specifier == name:
                return self._entry(directory)
            if specifier.startswith(name + "/"):
                sub = specifier[len(name) + 1 :]
                prefix = f"{directory}/" if directory else ""
                exported = self._exported(directory, sub)
                found = self.file(normpath(prefix + exported)) if exported else None
                return found or self.file(prefix + sub) or self.file(f"{prefix}src/{sub}")
        return None

    def _exported(self, directory: str, sub: str) -> str | None:
        """Return the file a package's ``exports`` maps ``./sub`` to (``./*`` patterns
        included), if it maps it."""
        manifest = self._config(f"{directory}/package.json") or {}
        exports = manifest.get("exports")
        if not isinstance(exports, dict):
            return None
        for pattern in _by_prefix(exports):
            star = _match(pattern, f"./{sub}")
            target = exports[pattern]
            while isinstance(target, dict):
                target = next(iter(target.values()), None)
            if star is not None and isinstance(target, str):
                return target.replace("*", star)
        return None

    def workspace_packages(self) -> dict[str, str]:
        """Return the root ``package.json``'s workspace packages: name to directory."""
        if self._workspaces is not None:
            return self._workspaces
        self._workspaces = {}
        root = self._config("package.json") or {}
        patterns = root.get("workspaces")
        if isinstance(patterns, dict):
            patterns = patterns.get("packages")
        if not isinstance(patterns, list):
            return self._workspaces
        directories: set[str] = set()
        for path in self.known:
            directory = dirname(path)
            while directory:
                directories.add(directory)
                directory = dirname(directory)
        for directory in sorted(directories):
            if not any(isinstance(p, str) and _glob(p, directory) for p in patterns):
                continue
            manifest = self._config(f"{directory}/package.json")
            name = manifest.get("name") if manifest is not None else None
            if isinstance(name, str):
                self._workspaces.setdefault(name, directory)
        return self._workspaces

    def _entry(self, directory: str) -> str | None:
        """Return a workspace package's entry file in the repository."""
        manifest = self._config(f"{directory}/package.json") or {}
        entries: list[str] = []
        exports = manifest.get("exports")
        dot = exports
        if isinstance(exports, dict) and any(str(key).startswith(".") for key in exports):
            dot = exports.get(".")
        while isinstance(dot, dict):
            dot = next(iter(dot.values()), None)
        if isinstance(dot, str):
            entries.append(dot)
        entries += [v for v in (manifest.get(f) for f in ENTRY_FIELDS) if isinstance(v, str)]
        for entry in [*entries, "index", "src/index"]:
            found = self.file(normpath(join(directory, entry)))
            if found is not None:
                return found
        return None


def loads(data: bytes) -> dict[str, object] | None:
    """Read JSON with comments and trailing commas (tsconfig's dialect), or ``None``."""
    text = data.decode("utf-8", "replace").removeprefix("\ufeff")
    out: list[str] = []
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char == '"':
            end = index + 1
            while end < length and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            out.append(text[index : end + 1])
            index = end + 1
        elif text.startswith("//", index):
            end = text.find("\n", index)
            index = length if end < 0 else end
        elif text.startswith("/*", index):
            end = text.find("*/", index + 2)
            index = length if end < 0 else end + 2
        else:
            out.append(char)
            index += 1
    try:
        loaded = json.loads(_TRAILING_COMMA.sub(r"\1", "".join(out)))
    except ValueError:
        return None
    return loaded if isinstance(loaded, dict) else None


def _extended(path: str, extends: object) -> str | None:
    """Return the relative file a tsconfig ``extends`` (the first, for a list)."""
    if isinstance(extends, list):
        extends = next((e for e in extends if isinstance(e, str)), None)
    if not isinstance(extends, str) or not extends.startswith(("./", "../")):
        return None
    target = normpath(join(dirname(path), extends))
    return target if target.endswith(".json") else target + ".json"


def _configs_in(directory: str) -> list[str]:
    """Return the paths of the tsconfig and jsconfig a directory may hold."""
    return [join(directory, name) if directory else name for name in CONFIGS]


def _by_prefix(paths: dict[str, object]) -> list[str]:
    """Return ``paths`` patterns, exact ones first, then the longest prefix first."""
    return sorted(paths, key=lambda p: ("*" in p, -len(p.split("*", 1)[0])))


def _match(pattern: str, specifier: str) -> str | None:
    """Return what ``*`` matches when ``specifier`` fits a ``paths`` pattern (``""`` for
    an exact pattern), or ``None``."""
    if "*" not in pattern:
        return "" if pattern == specifier else None
    prefix, suffix = pattern.split("*", 1)
    fits = specifier.startswith(prefix) and specifier.endswith(suffix)
    if not fits or len(specifier) < len(prefix) + len(suffix):
        return None
    return specifier[len(prefix) : len(specifier) - len(suffix)]


def _glob(pattern: str, directory: str) -> bool:
    """Tell whether a workspace pattern (``packages/*``, ``apps/**``) names a directory."""
    pattern = pattern.removeprefix("./").rstrip("/")
    if "**" in pattern:
        return fnmatchcase(directory, pattern.replace("**", "*"))
    return directory.count("/") == pattern.count("/") and fnmatchcase(directory, pattern)
