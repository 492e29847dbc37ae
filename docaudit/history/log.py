"""Mine git history in one streaming pass: who changed which file, and when.

One ``git log -z --name-status -M --no-merges`` is read as a stream (never a
commit object per commit): degree of authorship needs who changed which file,
not how many lines, and ``--name-status`` costs a fraction of ``--numstat``.
NUL-delimited output lets any file name through. Renames are followed, newest
first: a file's history before a move counts for the file at its new path; a
path that was deleted, or created anew, no longer leads to today's file.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from docaudit.history.repository import Repository

Identity = tuple[str, str]
_HEADER = "%x1e%H%x1f%aN%x1f%aE%x1f%at%x1f%(trailers:key=Co-authored-by,valueonly,separator=%x1d)"
_STATUSES = frozenset("AMDTRCUXB")
_PROGRESS_EVERY = 500
_MAX_TIME = 2**63 - 1  # the latest commit time git keeps (year 292,277,026,596)


@dataclass(slots=True)
class FileHistory:
    """Who created a file (those of the commit that added it) and every later change.

    ``commit_times`` has the time of each commit that changed the file; ``own`` the
    times of the commits each identity authored or co-authored among them.
    """

    creators: tuple[Identity, ...] = ()
    created_at: int = 0
    commit_times: list[int] = field(default_factory=list)
    own: dict[Identity, list[int]] = field(default_factory=dict)


@dataclass(slots=True)
class History:
    """What the history says of the files at the audited revision.

    ``moved`` says where the mined commits sent each path they renamed, deleted or
    created (``None``: to no file of today); ``renames`` maps every path ever renamed
    to the file it became at the audited revision.
    """

    head: str
    files: dict[str, FileHistory]
    commits_by: dict[Identity, int]
    last_commit: dict[Identity, int]
    newest: int = 0
    commits: int = 0
    skipped_bulk: int = 0
    skipped_ignored: int = 0
    moved: dict[str, str | None] = field(default_factory=dict)
    renames: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class MiningOptions:
    """What to read from history and what to leave out.

    ``since`` and ``until`` are Unix times (relative dates are resolved once, so a
    cached history never drifts with the clock); ``mailmap`` stamps the ``.mailmap``
    that named the authors.
    """

    since: int | None = None
    until: int | None = None
    coauthors: bool = True
    ignored_revs: frozenset[str] = frozenset()
    bulk_limit: int = 100
    mailmap: str = ""


@dataclass(frozen=True, slots=True)
class _Commit:
    """One commit as ``git log`` prints it."""

    sha: str
    identities: tuple[Identity, ...]
    time: int
    changes: list[tuple[str, tuple[str, ...]]]


def mine(
    repo: Repository,
    head: str,
    live: set[str],
    options: MiningOptions,
    progress: Callable[[int], None] | None = None,
    after: str | None = None,
    known_renames: Mapping[str, str] = {},
) -> History:
    """Return the history of the ``live`` files (paths at ``head``), newest commit first.

    With ``after``, only the commits since that one are read (``after..head``); the
    history's ``moved`` then tells where each older path went, for ``extend``, and
    ``known_renames`` (the older history's) lead older paths to today's files.
    """
    args = ["-c", "log.showSignature=false", "log", "-z", "--name-status", "-M", "--no-merges"]
    args.append(f"--format={_HEADER}")
    if options.since is not None:
        args.append(f"--max-age={options.since}")
    if options.until is not None:
        args.append(f"--min-age={options.until}")
    args += ["--end-of-options", f"{after}..{head}" if after else head, "--"]
    commits = []
    for seen, commit in enumerate(_commits(repo.stream(*args), options.coauthors), start=1):
        if progress is not None and seen % _PROGRESS_EVERY == 0:
            progress(seen)
        commits.append(commit)
    aliases = _renames_in(commits, known_renames)
    history = History(head, {path: FileHistory() for path in live}, {}, {})
    for commit in commits:
        skipped = _skip_reason(commit, options)
        if skipped == "bulk":
            history.skipped_bulk += 1
        elif skipped == "ignored":
            history.skipped_ignored += 1
        else:
            _credit(history, commit)
        _follow(history, aliases, commit, credit=skipped is None)
    return history


def _renames_in(commits: list[_Commit], known: Mapping[str, str]) -> dict[str, str]:
    """Return every rename's old path and the path it got, the newest rename first.

    Commits of a merged branch are not in one line with the renames of the branch it
    was merged into; these renames let their paths reach today's files anyway.
    """
    aliases: dict[str, str] = {}
    for commit in commits:
        for status, paths in commit.changes:
            if status[0] == "R" and paths[0] != paths[1]:
                aliases.setdefault(paths[0], paths[1])
    for old, new in known.items():
        aliases.setdefault(old, new)
    return aliases


def resolve(
    path: str,
    fate: Mapping[str, str | None],
    aliases: Mapping[str, str],
    live: Container[str],
) -> str | None:
    """Return the file of today a path of the history leads to, or ``None``."""
    seen: set[str] = set()
    while path not in live:
        if path in fate:
            return fate[path]
        if path in seen or path not in aliases:
            return None
        seen.add(path)
        path = aliases[path]
    return fate.get(path, path)


def extend(newer: History, older: History) -> History:
    """Return ``newer`` (commits since ``older.head``) with ``older``'s history added.

    Older paths are carried to where the newer commits moved them; a path they
    deleted or created anew keeps its old history out of today's files.
    """
    for path, record in older.files.items():
        target = resolve(path, newer.moved, newer.renames, newer.files)
        current = newer.files.get(target) if target is not None else None
        if current is None:
            continue
        if not current.creators:
            current.creators, current.created_at = record.creators, record.created_at
        current.commit_times.extend(record.commit_times)
        for identity, times in record.own.items():
            current.own.setdefault(identity, []).extend(times)
    for identity, count in older.commits_by.items():
        newer.commits_by[identity] = newer.commits_by.get(identity, 0) + count
    for identity, time in older.last_commit.items():
        newer.last_commit[identity] = max(time, newer.last_commit.get(identity, 0))
    newer.newest = max(newer.newest, older.newest)
    newer.commits += older.commits
    newer.skipped_bulk += older.skipped_bulk
    newer.skipped_ignored += older.skipped_ignored
    for old, target in older.renames.items():
        reached = resolve(target, newer.moved, newer.renames, newer.files)
        if reached is not None:
            newer.renames.setdefault(old, reached)
    newer.moved = {}
    return newer


def _skip_reason(commit: _Commit, options: MiningOptions) -> str | None:
    """Return why a commit earns no credit, if it does not.

    ``ignored``: listed in ``.git-blame-ignore-revs``. ``bulk``: it changes more than
    ``bulk_limit`` existing files (a reformat, a mass rename); files it adds do not
    count, so the commit that imports a project is not bulk.
    """
    ignored = options.ignored_revs
    if ignored and (
        commit.sha in ignored
        or any(len(rev) < 40 and commit.sha.startswith(rev) for rev in ignored)
    ):
        return "ignored"
    limit = options.bulk_limit
    if limit and len(commit.changes) > limit:
        changed = sum(1 for status, _ in commit.changes if status[0] in "MTR")
        if changed > limit:
            return "bulk"
    return None


def _credit(history: History, commit: _Commit) -> None:
    """Count a commit for each of its authors."""
    history.commits += 1
    history.newest = max(history.newest, commit.time)
    for identity in commit.identities:
        history.commits_by[identity] = history.commits_by.get(identity, 0) + 1
        if commit.time > history.last_commit.get(identity, 0):
            history.last_commit[identity] = commit.time


def _follow(history: History, aliases: Mapping[str, str], commit: _Commit, credit: bool) -> None:
    """Apply one commit's changes, newest first: credit them and follow renames back.

    A skipped commit (``credit=False``) earns no credit for its changes, but a file it
    creates still records its creators, and its renames are still followed.
    """
    files, fate = history.files, history.moved
    for status, paths in commit.changes:
        kind = status[0]
        target = resolve(paths[-1], fate, aliases, files)
        record = files.get(target) if target is not None else None
        if kind in "AC":
            if record is not None and not record.creators:
                record.creators, record.created_at = commit.identities, commit.time
            fate[paths[-1]] = None
        elif kind == "R":
            old, new = paths
            if record is not None and credit:
                _edit(record, commit)
            if target is not None:
                history.renames.setdefault(old, target)
            fate[old] = target
            if new != old:
                fate[new] = None
        elif kind == "D":
            fate[paths[0]] = None
        elif record is not None and credit:
            _edit(record, commit)


def _edit(record: FileHistory, commit: _Commit) -> None:
    """Record one commit's change to a file, for each of its authors."""
    record.commit_times.append(commit.time)
    for identity in commit.identities:
        record.own.setdefault(identity, []).append(commit.time)


def _commits(chunks: Iterable[bytes], coauthors: bool) -> Iterator[_Commit]:
    """Parse the ``-z`` stream into commits: a header, then status and path tokens.

    A header starts with 0x1e; a status (``M``, ``R100``…) is followed by one path,
    or two for a rename or copy. Paths are taken by count, so no path is ever
    mistaken for a header or a status, whatever its bytes.
    """
    commit: _Commit | None = None
    status, paths, wanted = "", [], 0
    for tokens in _token_lists(chunks):
        for token in tokens:
            if wanted:
                paths.append(token)
                wanted -= 1
                if not wanted and commit is not None:
                    commit.changes.append((status, tuple(paths)))
            elif token[:1] == "\x1e":
                if commit is not None:
                    yield commit
                commit = _parse_header(token[1:], coauthors)
            else:
                status = token.lstrip("\n")
                if status and status[0] in _STATUSES:
                    paths, wanted = [], 2 if status[0] in "RC" else 1
    if commit is not None:
        yield commit


def _token_lists(chunks: Iterable[bytes]) -> Iterator[list[str]]:
    """Split a stream of bytes on NUL, a chunk at a time; decode as the file system does."""
    pending = b""
    for chunk in chunks:
        data = pending + chunk
        cut = data.rfind(b"\0") + 1
        pending = data[cut:]
        if cut:
            tokens = data[:cut].decode("utf-8", "surrogateescape").split("\0")
            tokens.pop()
            yield tokens
    if pending:
        yield [pending.decode("utf-8", "surrogateescape")]


def _parse_header(header: str, coauthors: bool) -> _Commit:
    """Parse ``sha, name, email, time, co-authors`` (separated by 0x1f) into a commit."""
    sha, name, email, time, trailers = (header.split("\x1f") + [""] * 5)[:5]
    identities = [_identity(name, email)]
    if coauthors:
        for value in trailers.split("\x1d"):
            parsed = _parse_person(value)
            if parsed is not None and not any(_same_person(parsed, i) for i in identities):
                identities.append(parsed)
    return _Commit(sha, tuple(identities), _commit_time(time), [])


def _commit_time(text: str) -> int:
    """Return git's ``%at``: seconds since 1970, or 0 (no date) for what is not one.

    git prints a commit's raw date when it cannot parse it, so this may be thousands of
    digits (past Python's ``int`` limit) or past git's own 64-bit range: both are no date,
    as git's ``%ad`` shows them (1970).
    """
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(_MAX_TIME)):
        return 0
    time = int(text)
    return time if time <= _MAX_TIME else 0


def _same_person(first: Identity, second: Identity) -> bool:
    """Tell whether two identities of one commit are one person (same email or name)."""
    from docaudit.history.identities import fold_name

    return first[1] == second[1] or (
        bool(first[0]) and fold_name(first[0]) == fold_name(second[0])
    )


def _parse_person(value: str) -> Identity | None:
    """Parse ``Name <email>`` from a ``Co-authored-by`` trailer."""
    name, _, rest = value.strip().partition("<")
    email = rest.partition(">")[0].strip()
    if not email:
        return None
    return _identity(name, email)


@functools.lru_cache(maxsize=65536)
def _identity(name: str, email: str) -> Identity:
    """Return the identity of a name and email (one shared tuple for each pair)."""
    return _clean(name), _clean(email).lower()


def _clean(text: str) -> str:
    """Return a name or email as text that prints: undecodable bytes replaced, trimmed."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace").strip()
