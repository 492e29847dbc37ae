"""Who is who: the identities of history merged into people, bots set aside.

``.mailmap`` is already applied by git (``%aN``/``%aE``). On top of it, identities
that share an email, or whose names match once case, accents and spacing are
folded, are one person; the ``aliases`` setting joins more. Bots are left out
unless asked for.
"""

from __future__ import annotations

import fnmatch
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from docaudit.history.log import Identity

BOT_WORDS = ("dependabot", "renovate", "github-actions", "pre-commit-ci")


@dataclass(frozen=True, slots=True, eq=False)
class Person:
    """One person: a display name, every address they committed under, and their identities.

    People are made once per history, so identity is equality (and hashing is cheap).
    """

    name: str
    email: str
    emails: tuple[str, ...]
    identities: frozenset[Identity]


def fold_name(name: str) -> str:
    """Return a name with case, accents and spacing folded, for matching."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())


def is_bot(identity: Identity, patterns: Iterable[str] = ()) -> bool:
    """Tell whether an identity is an automated author, by name, email or ``patterns``."""
    name, email = identity[0].casefold(), identity[1].casefold()
    if name.endswith("[bot]") or "[bot]" in email:
        return True
    if any(word in name or word in email for word in BOT_WORDS):
        return True
    return any(
        fnmatch.fnmatchcase(name, p.casefold()) or fnmatch.fnmatchcase(email, p.casefold())
        for p in patterns
    )


class People:
    """The people behind a history's identities."""

    def __init__(
        self,
        commits_by: Mapping[Identity, int],
        aliases: Mapping[str, Iterable[str]] = {},
        bots: Iterable[str] = (),
        include_bots: bool = False,
    ) -> None:
        """Merge the identities of ``commits_by`` (identity → commits) into people."""
        bot_patterns = tuple(bots)
        self._parent: dict[Identity, Identity] = {}
        identities = sorted(commits_by)
        by_key: dict[str, Identity] = {}
        for identity in identities:
            self._parent[identity] = identity
            for key in self._keys(identity):
                if key in by_key:
                    self._union(by_key[key], identity)
                else:
                    by_key[key] = identity
        for canonical, others in aliases.items():
            group = [by_key[k] for k in self._text_keys(canonical, *others) if k in by_key]
            for member in group[1:]:
                self._union(group[0], member)
        groups: dict[Identity, list[Identity]] = {}
        for identity in identities:
            groups.setdefault(self._find(identity), []).append(identity)
        self._person: dict[Identity, Person | None] = {}
        for members in groups.values():
            person = _person_of(members, commits_by)
            if not include_bots and any(is_bot(member, bot_patterns) for member in members):
                person = None
            for member in members:
                self._person[member] = person

    @staticmethod
    def _keys(identity: Identity) -> list[str]:
        """Return the keys that join identities: the email, and the folded name."""
        name, email = identity
        return People._text_keys(email, name) if name else People._text_keys(email)

    @staticmethod
    def _text_keys(*texts: str) -> list[str]:
        """Return a key for each email (``e:``) or name (``n:``) given."""
        return [f"e:{t.strip().lower()}" if "@" in t else f"n:{fold_name(t)}" for t in texts if t]

    def _find(self, identity: Identity) -> Identity:
        """Return the representative of an identity's group."""
        root = identity
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[identity] != root:
            self._parent[identity], identity = root, self._parent[identity]
        return root

    def _union(self, first: Identity, second: Identity) -> None:
        """Join two identities' groups (the smaller representative wins, for determinism)."""
        a, b = self._find(first), self._find(second)
        if a != b:
            self._parent[max(a, b)] = min(a, b)

    def of(self, identity: Identity) -> Person | None:
        """Return the person behind an identity, or ``None`` for a bot."""
        return self._person.get(identity)

    def everyone(self) -> list[Person]:
        """Return every person (bots left out), by name then email."""
        found = {p for p in self._person.values() if p is not None}
        return sorted(found, key=lambda p: (p.name.casefold(), p.email))

    def matching(self, texts: Iterable[str]) -> set[Person]:
        """Return the people one of whose emails or names is among ``texts``."""
        wanted = set(self._text_keys(*texts))
        return {
            person
            for person in self.everyone()
            if any(key in wanted for identity in person.identities for key in self._keys(identity))
        }


def _person_of(members: list[Identity], commits_by: Mapping[Identity, int]) -> Person:
    """Return the person a group of identities is: the most used name and email."""
    names: dict[str, int] = {}
    emails: dict[str, int] = {}
    for name, email in members:
        names[name] = names.get(name, 0) + commits_by[(name, email)]
        emails[email] = emails.get(email, 0) + commits_by[(name, email)]
    name = min(names, key=lambda n: (-names[n], n))
    email = min(emails, key=lambda e: (-emails[e], e))
    return Person(name, email, tuple(sorted(emails)), frozenset(members))
