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
    name whose path shares the longest tail with it: one ends with the other (on a
    ``/``), either way round, or they share two or more trailing folders (a Go module
    below the repository's root). Two as good, or none, leave it as it is (and its
    router has no known prefix).
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
        scored = [
            (_shared(known, path), known) for known in self.by_name.get((language, name), ())
        ]
        best = max((score for score, _ in scored), default=0)
        found = [known for score, known in scored if score == best]
        return f"{language}:{found[0]}#{name}" if best and len(found) == 1 else key


def _parts(key: str) -> tuple[str, str, str]:
    """Split ``language:path#name`` into its three parts."""
    language, _, rest = key.partition(":")
    path, _, name = rest.rpartition("#")
    return language, path, name


def _shared(declared: str, written: str) -> int:
    """Return how many trailing ``/`` segments two paths share, when one ends with the
    other or they share two or more (a Go module below the repository's root:
    ``backend/internal/api`` and ``example.com/app/internal/api``); else 0."""
    ours, theirs = declared.split("/"), written.split("/")
    shared = 0
    for mine, other in zip(reversed(ours), reversed(theirs), strict=False):
        if mine != other or not mine:
            break
        shared += 1
    whole = shared == min(len(ours), len(theirs))
    return shared if whole or shared >= 2 else 0
