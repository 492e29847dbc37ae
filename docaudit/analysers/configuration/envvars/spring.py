"""Environment variables a Spring Boot application reads through the placeholders of its
``application*.properties``/``.yml`` files: ``${MYSQL_URL:jdbc:mysql://localhost/db}``.

A placeholder names a property or, by Spring's relaxed binding, an environment
variable; only a name shaped like one (``MYSQL_URL``: upper case, digits, ``_``) is taken
for the environment's, so ``${database}`` (another property) is not. The text after the
first ``:`` is the default; a placeholder with none fails the start when it is unset.
"""

from __future__ import annotations

import re

from docaudit.analysers.configuration.envvars.facts import EnvFacts, Read
from docaudit.model.symbols import ModuleFacts

_PLACEHOLDER = re.compile(r"\$\{([A-Z][A-Z0-9_]*)(?::([^}]*))?\}")
_SPRING_FILE = re.compile(r"(application|bootstrap)[^/]*\.(properties|ya?ml)", re.IGNORECASE)


def is_spring_file(path: str) -> bool:
    """Tell whether a config file is one Spring Boot reads (``application-mysql.yml``)."""
    return _SPRING_FILE.fullmatch(path.rpartition("/")[2]) is not None


def placeholders(text: str) -> list[tuple[str, str | None]]:
    """Return the environment-shaped placeholders of ``text`` with their defaults."""
    return [(found.group(1), found.group(2)) for found in _PLACEHOLDER.finditer(text)]


def placeholder_facts(path: str, data: bytes) -> ModuleFacts[EnvFacts] | None:
    """Return the environment reads of one Spring config file's placeholders, as the
    ``envvars`` facts of a file (``None`` when it has none)."""
    reads = []
    text = data.decode("utf-8", "replace")
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(("#", "!")):
            continue
        for found in _PLACEHOLDER.finditer(line):
            default = found.group(2)
            reads.append(
                Read(
                    found.group(1), number, "spring", default, default is None, None, False, False
                )
            )
    if not reads:
        return None
    return ModuleFacts(path, path, {}, EnvFacts(reads=tuple(reads)))
