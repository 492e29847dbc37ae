"""Who is who: the identities of history merged into people, bots set aside.

``.mailmap`` is already applied by git (``%aN``/``%aE``). On top of it, identities
that share an email, or whose names match once case, accents and spacing are
folded, are one person; the ``aliases`` setting joins more. Bots are left out
unless asked for. Near misses (``likely_aliases``) are never merged, only listed
with the ``.mailmap`` line that would merge them.
"""

from __future__ import annotations

import fnmatch
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from docaudit.model.ownership import AliasSuggestion

Identity = tuple[str, str]
"""A name and an email as history gives them (``.mailmap`` applied, the email lowercased)."""

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


NOREPLY_DOMAIN = "users.noreply.github.com"
SAME_FIRST_AND_LAST = "same first and last name"
NAME_PREFIX = "one name is the start of the other"


def likely_aliases(
    people: Sequence[Person], commits: Mapping[Person, int]
) -> list[AliasSuggestion]:
    """Return the pairs of ``people`` who may be one person, each with its ``.mailmap`` line.

    Three reasons, in this order of strength: the same GitHub noreply account (the
    numeric id of ``ID+login@users.noreply.github.com``, or the login); the same first
    and last name token with different middles (``Juan Pérez``, ``Juan Carlos Pérez``);
    one name the first tokens of the other (``Esteban Maya``, ``Esteban Maya Cadavid``).
    A name key shared by more than two people, or a name that starts more than one
    other person's, is ambiguous and not listed. Of a pair, the person with more
    commits (then the longer name) is the proper one. People are grouped by key, never
    compared pairwise, so this stays linear in the number of identities.
    """
    accounts: dict[str, set[Person]] = {}
    ends: dict[tuple[str, str], set[Person]] = {}
    by_name: dict[str, Person] = {}
    for person in people:
        for email in person.emails:
            for account in _github_accounts(email):
                accounts.setdefault(account, set()).add(person)
        for name, _ in person.identities:
            tokens = fold_name(name).split()
            if tokens:
                by_name[" ".join(tokens)] = person
            if len(tokens) >= 2:
                ends.setdefault((tokens[0], tokens[-1]), set()).add(person)
    longer: dict[Person, set[Person]] = {}
    for person in people:
        for name, _ in person.identities:
            tokens = fold_name(name).split()
            for size in range(1, len(tokens)):
                shorter = by_name.get(" ".join(tokens[:size]))
                if shorter is not None and shorter is not person:
                    longer.setdefault(shorter, set()).add(person)

    def order(person: Person) -> tuple:
        """Rank the proper person of a group first: more commits, then the longer name."""
        return (-commits.get(person, 0), -len(person.name), person.name.casefold(), person.email)

    found: dict[frozenset[Person], AliasSuggestion] = {}

    def suggest(group: Iterable[Person], reason: str) -> None:
        """List every other member of ``group`` as an alias of its proper person."""
        proper, *others = sorted(group, key=order)
        for other in others:
            pair = frozenset((proper, other))
            if pair not in found:
                found[pair] = AliasSuggestion(
                    proper.email, other.email, reason, _mailmap(proper, other)
                )

    for account, group in sorted(accounts.items()):
        if len(group) > 1:
            suggest(group, f"same GitHub noreply {account}")
    for group in ends.values():
        if len(group) == 2:
            suggest(group, SAME_FIRST_AND_LAST)
    for shorter, group in longer.items():
        if len(group) == 1:
            suggest((shorter, *group), NAME_PREFIX)
    return sorted(found.values(), key=lambda s: (s.person, s.other))


def _github_accounts(email: str) -> list[str]:
    """Return the GitHub account a noreply address names: ``id N`` and ``login L``."""
    local, _, domain = email.strip().lower().rpartition("@")
    if domain != NOREPLY_DOMAIN or not local:
        return []
    number, plus, login = local.partition("+")
    if plus and number.isdigit():
        return [f"id {number}", f"login {login}"]
    return [f"login {local}"]


def _mailmap(proper: Person, other: Person) -> str:
    """Return the ``.mailmap`` lines mapping each of ``other``'s identities onto ``proper``."""
    target = f"{proper.name} <{proper.email}>"
    return "\n".join(
        f"{target} {name} <{email}>" if name else f"{target} <{email}>"
        for name, email in sorted(other.identities)
    )


def unknown_person(wanted: str, known: Iterable[str]) -> str:
    """Return the one-line message for a ``--departed`` that names nobody in the history,
    with up to three of the ``known`` names and emails closest to it."""
    import difflib

    candidates = {text.casefold(): text for text in known if text}
    close = difflib.get_close_matches(wanted.casefold(), sorted(candidates), n=3, cutoff=0.5)
    hint = (
        "closest: " + ", ".join(_quoted(candidates[c]) for c in close)
        if close
        else "no name or email is close"
    )
    return f"--departed {_quoted(wanted)}: no one of that email or name in the history ({hint})"


def _quoted(text: str) -> str:
    """Return a name as it is when it is printable, else as a Python literal."""
    return text if text.isprintable() and text.strip() == text else repr(text)
