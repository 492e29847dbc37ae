"""Read the files the public-surface analysers need: docs, config files, API specs.

Each file is sorted by its name first and read once, from the work tree or from git
objects: doc files as text; runtime config files (``discover.configkinds.config_kind``),
JSON Schemas and ``pyproject.toml`` files as bytes; any other YAML or JSON file only
as far as its first 4 KB, to tell whether it is an OpenAPI or AsyncAPI spec. Nothing
else is read, so a lock file or a data dump never costs memory nor makes an error.
A file over ``max-config-bytes`` (a doc file over ten times that) is not read, and
an error entry says so. Files on disk are read through ``safeio``: a link out of the
repository, a FIFO or a device is an error entry, never read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from docaudit.config.settings import Config
from docaudit.discover import configkinds
from docaudit.discover.docfiles import is_doc_file
from docaudit.discover.files import OTHER_SOURCE_SUFFIXES
from docaudit.discover.languages import source_language
from docaudit.discover.specsniff import SNIFF_BYTES, is_spec
from docaudit.errors import FileTooLargeError
from docaudit.git.objects import blobs
from docaudit.model.symbols import FileError, SourceFile
from docaudit.safeio import read_file

_SPEC_SUFFIXES = (".yaml", ".yml", ".json")
_READ_ANYWAY = frozenset({"templates/", "tests/", "test/", "testdata/", "fixtures/"})
"""Default config exclusions that do not stop a file from reading variables."""


@dataclass(slots=True)
class Resources:
    """The files read, by role: doc texts, config files with their kind, specs, schemas,
    ``pyproject.toml`` files, scripts read for their environment reads (with their
    kind); and the errors met reading them."""

    docs: dict[str, str] = field(default_factory=dict)
    configs: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    specs: dict[str, bytes] = field(default_factory=dict)
    schemas: dict[str, bytes] = field(default_factory=dict)
    projects: dict[str, bytes] = field(default_factory=dict)
    scripts: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    errors: list[FileError] = field(default_factory=list)


SCRIPT_KINDS = ("shell", "uwsgi", "helm-template", "procfile", "source")
"""The kinds of file read only for the variables they read."""


def read_resources(root: Path, files: list[SourceFile], config: Config) -> Resources:
    """Read each doc, config, schema, spec and project file among ``files``."""
    include = (*configkinds.DEFAULT_CONFIG_FILES, *config.surface.config_files)
    exclude = (*configkinds.DEFAULT_CONFIG_EXCLUDES, *config.surface.config_exclude)
    found = Resources()
    roles: dict[str, str] = {}
    wanted = []
    for resource in files:
        role = _role(resource, include, exclude)
        if role is not None:
            roles[resource.path] = role
            wanted.append(resource)
    limit = config.surface.max_config_bytes
    for resource, content, size in _contents(root, wanted, limit, roles, found.errors):
        role = roles[resource.path]
        if role == "doc":
            found.docs[resource.path] = content.decode("utf-8", "replace")
        elif role == "schema":
            found.schemas[resource.path] = content
        elif role == "project":
            found.projects[resource.path] = content
        elif role in SCRIPT_KINDS:
            found.scripts[resource.path] = (role, content)
        elif role == "maybe-spec":
            if is_spec(content[:SNIFF_BYTES]):
                if size > limit:
                    found.errors.append(_too_big(resource.path, size, limit, "spec"))
                else:
                    found.specs[resource.path] = content
            elif size <= limit and _is_manifest(resource.path, content, exclude):
                found.configs[resource.path] = ("yaml", content)
        else:
            found.configs[resource.path] = (role, content)
    return found


def _is_manifest(path: str, content: bytes, exclude: tuple[str, ...]) -> bool:
    """Tell whether a YAML file outside the config folders is a Kubernetes manifest
    (a ConfigMap or a workload) that no exclusion leaves out."""
    yaml_name = path.lower().endswith((".yaml", ".yml"))
    if not yaml_name or configkinds.config_kind(path, ("*.yaml", "*.yml"), exclude) is None:
        return False
    return configkinds.is_k8s_manifest(content)


def _role(resource: SourceFile, include: tuple[str, ...], exclude: tuple[str, ...]) -> str | None:
    """Return what a file is read for: ``doc``, a config kind, ``schema``, ``project``,
    ``maybe-spec`` (YAML or JSON to sniff), or ``None`` (not read)."""
    path = resource.path
    if resource.kind == "doc":
        return "doc" if is_doc_file(path) else None
    name = path.rpartition("/")[2]
    if name == "pyproject.toml":
        return "project"
    if name.endswith(".schema.json"):
        return "schema"
    script = script_kind(path, exclude)
    if script is not None:
        return script
    kind = configkinds.config_kind(path, include, exclude)
    if kind is not None:
        return kind
    return "maybe-spec" if name.lower().endswith(_SPEC_SUFFIXES) else None


def script_kind(path: str, exclude: tuple[str, ...]) -> str | None:
    """Return the kind of a file read only for its environment reads: ``shell`` scripts,
    a ``procfile``, a ``uwsgi`` config (``uwsgi*.ini``), a ``helm-template`` (YAML or
    ``.tpl`` under a ``templates`` folder beside a chart), a ``source`` file of another
    language; None for any other file or
    an excluded one (Helm templates and tests are excluded as config, not as readers:
    a name a test reads is read)."""
    name = path.rpartition("/")[2].lower()
    folders = path.lower().split("/")[:-1]
    if name.endswith((".sh", ".bash", ".zsh")):
        kind = "shell"
    elif name == "procfile" or name.startswith("procfile."):
        kind = "procfile"
    elif name.endswith(".ini") and "uwsgi" in name:
        kind = "uwsgi"
    elif "templates" in folders and name.endswith((".yaml", ".yml", ".tpl")):
        kind = "helm-template"
    elif name.endswith(OTHER_SOURCE_SUFFIXES) and not name.endswith(".d.ts"):
        kind = "source"
    else:
        return None
    rules = tuple(rule for rule in exclude if rule not in _READ_ANYWAY)
    return None if configkinds.is_excluded(path, rules) else kind


def _contents(
    root: Path,
    files: list[SourceFile],
    limit: int,
    roles: dict[str, str],
    errors: list[FileError],
) -> Iterator[tuple[SourceFile, bytes, int]]:
    """Yield each file with its bytes and size (of a spec candidate larger than the limit,
    only the first 4 KB); unreadable and oversized files become errors."""

    for resource in files:
        if not resource.abspath:
            continue
        role = roles[resource.path]
        try:
            content, size = _read(resource.abspath, role, limit, root)
        except FileTooLargeError as error:
            if not _counted_source(resource.path, role):
                errors.append(_too_big(resource.path, error.size, error.limit, role))
        except OSError as error:
            errors.append(FileError(resource.path, f"cannot read: {error.strerror}", _kind(role)))
        else:
            yield resource, content, size
    from_git = [r for r in files if not r.abspath and r.blob_id]
    contents = blobs(str(root), [r.blob_id for r in from_git if r.blob_id])
    for resource, (blob_id, content) in zip(from_git, contents, strict=True):
        role = roles[resource.path]
        if content is None:
            message = f"cannot read git object {blob_id}"
            errors.append(FileError(resource.path, message, _kind(role)))
        elif role != "maybe-spec" and len(content) > _limit(role, limit):
            if not _counted_source(resource.path, role):
                errors.append(_too_big(resource.path, len(content), _limit(role, limit), role))
        else:
            yield resource, content, len(content)


def _read(abspath: str, role: str, limit: int, root: Path) -> tuple[bytes, int]:
    """Return a file's bytes and size, through ``safeio``; of a spec candidate over the
    limit, only the first 4 KB."""
    try:
        content = read_file(abspath, _limit(role, limit), root)
    except FileTooLargeError as error:
        if role != "maybe-spec":
            raise
        return read_file(abspath, SNIFF_BYTES, root, head=True), error.size
    return content, len(content)


def _counted_source(path: str, role: str) -> bool:
    """Tell whether a file read for its environment reads is a source file docaudit counts:
    when it is too large, its own error entry (``max-source-bytes``) says so already."""
    return role == "source" and source_language(path) is not None


def _limit(role: str, limit: int) -> int:
    """Return the size limit of a file: ten times ``limit`` for doc files."""
    return 10 * limit if role == "doc" else limit


def _kind(role: str) -> str:
    """Return the kind of symbol an error in a file of this role is about."""
    if role in ("doc", "project"):
        return role
    return "spec" if role in ("maybe-spec", "spec") else "config-key"


def _too_big(path: str, size: int, allowed: int, role: str) -> FileError:
    """Return the error entry of a file skipped for its size."""
    message = f"skipped: {size:,} bytes is over the {allowed:,}-byte limit (max-config-bytes)"
    return FileError(path, message, _kind(role))
