"""Environment variables read outside Python: by Dockerfiles, shell scripts, uWSGI and
gunicorn, Helm chart templates and other languages' sources (compose interpolations
are read with the compose file itself, in ``configs.analyse_files``).

A name any of them reads is read: documenting it is never stale. Each reader takes one
file's text and yields ``(name, line)``; nothing is run. Shell scripts and Dockerfiles
read ``$X`` and ``${X}`` (with ``${X:-default}`` and the other forms); a script's own
variables (assigned in it, never read before) are not the environment's. A compose
service that runs an image it does not build has that image read its ``environment:``. uWSGI reads
``$(X)`` and sets ``env = X=value`` for the app. A Helm template wires ``env: - name:
X`` into a container. Source files of other languages are searched for their standard
readers (``source_reads``). A project that runs gunicorn (named in a Dockerfile,
compose file, Procfile or script) has gunicorn read its own variables (``libraries``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from docaudit.analysers.configuration.envvars.libraries import LIBRARY_READS
from docaudit.analysers.configuration.files import image_environment

_SHELL_READ = re.compile(r"(?<!\$)\$(?:\{#?([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))")
_SHELL_ASSIGN = re.compile(r"^\s*(?:export\s+|local\s+|readonly\s+)?([A-Za-z_][A-Za-z0-9_]*)=")
_UWSGI_READ = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")
_UWSGI_ENV = re.compile(r"^\s*env\s*[=:]\s*([A-Za-z_][A-Za-z0-9_]*)=", re.MULTILINE)
_HELM_ENV_NAME = re.compile(r"^\s*-\s*name:\s*[\"']?([A-Z_][A-Z0-9_]*)[\"']?\s*$", re.MULTILINE)
_ENV_SHAPE = re.compile(r"[A-Z][A-Z0-9_]*")
_GUNICORN = re.compile(r"(?<![\w-])gunicorn(?![\w-])")
_NAME = r"[\"'`]?([A-Z_][A-Z0-9_]*)[\"'`]?"
_SOURCE_READ = re.compile(
    r"(?:process\.env|import\.meta\.env|Deno\.env\.get\(|Bun\.env)(?:\.|\[|\s*)"
    + _NAME
    + r"|\bos\.(?:Getenv|LookupEnv)\(\s*"
    + _NAME
    + r"|\bSystem\.getenv\(\s*"
    + _NAME
    + r"|\benv::var(?:_os)?\(\s*"
    + _NAME
    + r"|\benv!\(\s*"
    + _NAME
    + r"|\bENV\.fetch\(\s*"
    + _NAME
    + r"|\bENV\[\s*"
    + _NAME
    + r"|\bgetenv\(\s*"
    + _NAME
)
"""Reads in JavaScript and TypeScript (``process.env.X``, ``import.meta.env.X``), Go
(``os.Getenv``), Java (``System.getenv``), Rust (``env::var``, ``env!``), Ruby
(``ENV["X"]``) and PHP (``getenv``), until their own analysers read them."""
_SOURCE_MARKERS = (
    *("process.env", "import.meta.env", "Deno.env", "Bun.env", "Getenv", "LookupEnv"),
    *("getenv", "env::var", "env!", "ENV.fetch", "ENV["),
)
"""A literal part of each of ``_SOURCE_READ``'s readers: a file holding none reads
nothing, and is not searched (the alternation has no common first character, so ``re``
tries it at every position: 2.4 s on excalidraw's 665 sources, against 10 ms for these
substring searches)."""

_RUN_BY = frozenset({"dockerfile", "compose", "shell", "procfile"})
"""Files whose commands may run gunicorn."""


def outside_reads(files: Mapping[str, tuple[str, bytes]]) -> dict[str, str]:
    """Return each variable the files read, with the first ``path:line`` reading it.

    ``files`` maps a path to its kind (``dockerfile``, or one of ``SCRIPT_KINDS``;
    others are skipped) and bytes. A compose file is given only to tell whether it runs
    gunicorn.
    """
    read: dict[str, str] = {}
    gunicorn = None
    for path in sorted(files):
        kind, content = files[path]
        reader = _READERS.get(kind)
        if reader is None and kind not in _RUN_BY:
            continue
        text = content.decode("utf-8", "replace")
        for name, line in reader(text) if reader else ():
            read.setdefault(name, f"{path}:{line}")
        if gunicorn is None and kind in _RUN_BY and _GUNICORN.search(text):
            gunicorn = path
    if gunicorn is not None:
        for name in LIBRARY_READS["gunicorn"]:
            read.setdefault(name, f"{gunicorn} (gunicorn)")
    return read


def shell_reads(text: str) -> Iterator[tuple[str, int]]:
    """Yield the variables a shell script or Dockerfile reads, with their lines."""
    assigned: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip()
        if stripped.startswith("#"):
            continue
        for match in _SHELL_READ.finditer(line):
            name = match.group(1) or match.group(2)
            if _ENV_SHAPE.fullmatch(name) and name not in assigned:
                yield name, number
        assignment = _SHELL_ASSIGN.match(line)
        if assignment is not None:
            assigned.add(assignment.group(1))


def source_reads(text: str) -> Iterator[tuple[str, int]]:
    """Yield the variables a source file of another language reads, with their lines."""
    if not any(marker in text for marker in _SOURCE_MARKERS):
        return
    for match in _SOURCE_READ.finditer(text):
        name = next(group for group in match.groups() if group)
        yield name, text.count("\n", 0, match.start()) + 1


def uwsgi_reads(text: str) -> Iterator[tuple[str, int]]:
    """Yield the variables a uWSGI config reads (``$(X)``) or sets (``env = X=v``)."""
    for pattern in (_UWSGI_READ, _UWSGI_ENV):
        for match in pattern.finditer(text):
            yield match.group(1), text.count("\n", 0, match.start()) + 1


def helm_template_reads(text: str) -> Iterator[tuple[str, int]]:
    """Yield the ``env: - name: X`` entries of a Helm chart template, with their lines."""
    for match in _HELM_ENV_NAME.finditer(text):
        yield match.group(1), text.count("\n", 0, match.start()) + 1


_READERS = {
    "compose": image_environment,
    "dockerfile": shell_reads,
    "shell": shell_reads,
    "uwsgi": uwsgi_reads,
    "helm-template": helm_template_reads,
    "procfile": shell_reads,
    "source": source_reads,
}
