"""Keys that name a thing across files, for the joins of other languages' facts
(``routes``, ``commands``): ``language:path#name``, where ``path`` is the repository
path of the file or folder that declares it, in the form its language's modules use.
"""

from __future__ import annotations

from collections import defaultdict


class Keys:
    """Resolves a key one file wrote to the key another file declared.

    A key is ``language:path#name``. The file that names a router or handler of another
    may know its path only in part: Go writes the import path
    (``github.com/me/app/internal/h``) of the folder that declares it
    (``internal/h``), TypeScript an alias (``@/routes/users``) of ``src/routes/users``.
    A key no file declares is resolved to the one declared key of the same language and
    name whose path ends with the other's (on a ``/``), either way round, when there is
    exactly one; else it is left as it is (and its router has no known prefix).
    """

    def __init__(self, declared: list[str]) -> None:
        """Index the declared keys by language and name."""
        self.declared = set(declared)
        self.by_name: dict[tuple[str, str], list[str]] = defaultdict(list)
        for key in sorted(self.declared):
            language, path, name = _parts(key)
            self.by_name[language, name].append(path)

    def resolve(self, key: str) -> str:
        """Return the declared key ``key`` stands for (itself when none or several)."""
        if key in self.declared:
            return key
        language, path, name = _parts(key)
        path = path.removeprefix("@/").removeprefix("~/")
        found = [
            known
            for known in self.by_name.get((language, name), ())
            if _ends_with(known, path) or _ends_with(path, known)
        ]
        return f"{language}:{found[0]}#{name}" if len(found) == 1 else key


def _parts(key: str) -> tuple[str, str, str]:
    """Split ``language:path#name`` into its three parts."""
    language, _, rest = key.partition(":")
    path, _, name = rest.rpartition("#")
    return language, path, name


def _ends_with(path: str, tail: str) -> bool:
    """Tell whether ``path`` is ``tail`` or ends with ``/`` and ``tail``."""
    return bool(tail) and (path == tail or path.endswith("/" + tail))
