"""Mine git history in one streaming pass: who changed which file, and when.

One ``git log -z --name-status -M --topo-order`` is read as a stream (never a
commit object per commit): degree of authorship needs who changed which file,
not how many lines, and ``--name-status`` costs a fraction of ``--numstat``.
NUL-delimited output lets any file name through. Merge commits print no changes
(git shows none for them unless asked) and earn no credit, but their parents
(``%P``) make the history a graph.

Paths are followed along that graph, newest first (``--topo-order`` shows every
commit after all of its children). Each commit sees what its paths become at the
audited revision along the lines of descendants that lead there, its *view*: a
rename carries a path to its new name; a deletion, or a creation anew, cuts it off,
but only for the commits behind that change on that line. Where lines meet again
(at the commit a branch forked from), the lines that changed a path decide: it
leads to a file of today if one of them leads it there. A line that left the path
alone counts only when each line that changed it deleted it (a branch's deletion
does not end a file the main line kept), never against a line that created the
path anew (the merge took the new file: history before a re-creation does not
count). A merge shows no changes, so a path a line left alone since a merge that
had no such file goes where a rename seen elsewhere took it.

Views stay small, and the pass stays one pass: a merge freezes its view and gives
each parent an empty layer over it; where two lines meet, the one that changed more
is kept and only what the other says differently is written over it; a frozen view
no other line still uses is merged into the one above it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from docaudit.git.repository import Repository
from docaudit.history.identities import Identity, fold_name

_HEADER = (
    "%x1e%H%x1f%P%x1f%aN%x1f%aE%x1f%at%x1f%(trailers:key=Co-authored-by,valueonly,separator=%x1d)"
)
_STATUSES = frozenset("AMDTRCUXB")
_PROGRESS_EVERY = 500
_MAX_TIME = 2**63 - 1  # the latest commit time git keeps (year 292,277,026,596)


@dataclass(slots=True)
class FileHistory:
    """Who created a file (those of the commit that added it) and every later change.

    ``commit_times`` has the time of each commit that changed the file; ``own`` the
    times of the commits each identity authored or co-authored among them. A file
    added on two lines that met again was created by the earliest addition; each
    other addition counts as a change by those it credits.
    """

    creators: tuple[Identity, ...] = ()
    created_at: int = 0
    commit_times: list[int] = field(default_factory=list)
    own: dict[Identity, list[int]] = field(default_factory=dict)


@dataclass(slots=True)
class History:
    """What the history says of the files at the audited revision.

    ``moved`` says where the mined commits sent each path they renamed, deleted or
    created (``None``: to no file of today), as the commit they were mined after
    sees it; ``renames`` maps every path ever renamed to the file it became at the
    audited revision. ``extends`` is that commit while the history still waits for
    the older one (``extend``), and empty once it is whole.
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
    extends: str = ""


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
    parents: tuple[str, ...]
    identities: tuple[Identity, ...]
    time: int
    changes: list[tuple[str, tuple[str, ...]]]


class _View:
    """What the paths of one commit become at the audited revision, along one line.

    ``own`` maps a path to the file of today it leads to (``None``: to none); what it
    lacks, ``base`` says: the view of the merge the line came from, which other lines
    share (frozen while they do). Of the paths in ``own``, ``born`` are those whose
    newest change here created them, ``cut`` those it deleted or renamed away, and
    ``absent`` those whose oldest change here created them (so the older end of this
    view had no such file). ``users`` counts the views built on this one and the
    commits waiting for it; a view is changed only by its one user.
    """

    __slots__ = ("own", "born", "cut", "absent", "base", "users")

    def __init__(self, base: _View | None = None) -> None:
        """Make an empty view over ``base`` (whose ``users`` the caller counts)."""
        self.own: dict[str, str | None] = {}
        self.born: set[str] = set()
        self.cut: set[str] = set()
        self.absent: set[str] = set()
        self.base = base
        self.users = 1

    def __contains__(self, path: object) -> bool:
        """Tell whether this view or one under it says where ``path`` leads."""
        return self.holder(path) is not None

    def __getitem__(self, path: str) -> str | None:
        """Return where ``path`` leads, as the nearest view that says so says."""
        holder = self.holder(path)
        if holder is None:
            raise KeyError(path)
        return holder.own[path]

    def get(self, path: str, default: str | None) -> str | None:
        """Return where ``path`` leads, or ``default`` when no view says."""
        holder = self.holder(path)
        return default if holder is None else holder.own[path]

    def holder(self, path: object) -> _View | None:
        """Return the nearest view (this one or one under it) that has ``path``."""
        view: _View | None = self
        while view is not None:
            if path in view.own:
                return view
            view = view.base
        return None

    @property
    def paths(self) -> Mapping[str, str | None]:
        """Return the view as a mapping (its own entries when nothing is under it)."""
        return self.own if self.base is None else self  # type: ignore[return-value]

    def record(self, path: str, target: str | None, created: bool) -> None:
        """Set where ``path`` leads, from a change older than those recorded before."""
        if path not in self.own:
            (self.born if created else self.cut).add(path)
        if created:
            self.absent.add(path)
        else:
            self.absent.discard(path)
        self.own[path] = target

    def compact(self) -> None:
        """Merge into this view every view under it that nothing else uses, the smaller
        into the larger (the one under holds the newer changes)."""
        view = self
        while view.base is not None:
            under = view.base
            if under.users > 1:
                view = under
                continue
            if len(view.own) >= len(under.own):
                view.absent |= {path for path in under.absent if path not in view.own}
                for path, target in under.own.items():
                    view.own.setdefault(path, target)
                    view.born.discard(path)
                    view.cut.discard(path)
                view.born |= under.born
                view.cut |= under.cut
            else:
                for path, target in view.own.items():
                    if path not in under.own:
                        (under.born if path in view.born else under.cut).add(path)
                    if path in view.absent:
                        under.absent.add(path)
                    else:
                        under.absent.discard(path)
                    under.own[path] = target
                view.own, view.born, view.cut = under.own, under.born, under.cut
                view.absent = under.absent
            view.base = under.base


def _target(
    path: str, view: _View, aliases: Mapping[str, str], live: Container[str]
) -> str | None:
    """Return the file of today a path of one line's commit leads to, or ``None``.

    A path the line left alone since a merge whose side had no such file was taken
    elsewhere by that merge: renamed (the merge shows no changes, so the rename seen
    on the other line, an alias, tells where) or deleted.
    """
    target = resolve(path, view.paths, aliases, live)
    if target is None and path in aliases and view.base is not None and path not in view.own:
        holder = view.base.holder(path)
        if holder is not None and path in holder.absent:
            return resolve(aliases[path], view.paths, aliases, live)
    return target


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
    ``known_renames`` (the older history's) lead older paths to today's files. When
    a branch merged since forks from before ``after`` and changes what one of its
    paths becomes, the older history cannot be carried through ``moved`` alone: the
    whole history is mined instead, and ``extend`` keeps it as it is.
    """
    if after is None:
        return _mine(repo, head, live, options, progress, None, {})[0]
    history, pending, aliases = _mine(repo, head, live, options, progress, after, known_renames)
    start = pending.pop(after, None) or _View()
    if not _carries(repo, start, pending, aliases, history.files):
        return _mine(repo, head, live, options, progress, None, {})[0]
    history.moved = {}
    for layer in _chain(start):
        for path, target in layer.own.items():
            history.moved.setdefault(path, target)
    history.extends = after
    return history


def _mine(
    repo: Repository,
    head: str,
    live: set[str],
    options: MiningOptions,
    progress: Callable[[int], None] | None,
    after: str | None,
    known_renames: Mapping[str, str],
) -> tuple[History, dict[str, _View], dict[str, str]]:
    """Read and walk the commits of ``head`` (since ``after``): return the history, the
    views left for commits not read (those before the first read), and the renames."""
    args = ["-c", "log.showSignature=false", "log", "-z", "--name-status", "-M", "--topo-order"]
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
    files = history.files
    pending: dict[str, _View] = {}
    for commit in commits:
        view = pending.pop(commit.sha, None) or _View()
        if view.base is not None:
            view.compact()
        if len(commit.parents) > 1:
            for parent in commit.parents:
                view.users += 1
                _reach(pending, parent, _View(view), aliases, files)
            _release(view)
            continue
        skipped = _skip_reason(commit, options)
        if skipped == "bulk":
            history.skipped_bulk += 1
        elif skipped == "ignored":
            history.skipped_ignored += 1
        else:
            _credit(history, commit)
        authors = _file_authors(commit, options.bulk_limit)
        _follow(history, aliases, view, commit, authors, credit=skipped is None)
        if commit.parents:
            _reach(pending, commit.parents[0], view, aliases, files)
        else:
            _release(view)
    return history, pending, aliases


def _reach(
    pending: dict[str, _View],
    parent: str,
    view: _View,
    aliases: Mapping[str, str],
    live: Container[str],
) -> None:
    """Hand a child's view to its parent, joined with the views its other children gave."""
    other = pending.get(parent)
    pending[parent] = view if other is None else _join(other, view, aliases, live)


def _release(view: _View) -> None:
    """Drop one use of a view, and of the views under it that nothing else uses."""
    view.users -= 1
    while view.users == 0 and view.base is not None:
        view = view.base
        view.users -= 1


def _chain(view: _View | None) -> Iterator[_View]:
    """Yield a view and the views under it, nearest first."""
    while view is not None:
        yield view
        view = view.base


def _common_base(first: _View, second: _View) -> _View | None:
    """Return the nearest view both views stand on (``None``: they share none)."""
    under_second = {id(view) for view in _chain(second)}
    return next((view for view in _chain(first) if id(view) in under_second), None)


def _line(view: _View, base: _View | None) -> list[_View]:
    """Return the views of one line above ``base``, the nearest to it (newest) first."""
    layers = []
    for layer in _chain(view):
        if layer is base:
            break
        layers.append(layer)
    layers.reverse()
    return layers


def _state(layers: list[_View], path: str) -> bool | None:
    """Return how a line last changed a path: ``True`` created it anew, ``False``
    deleted or renamed it, ``None`` left it alone."""
    for layer in layers:
        if path in layer.own:
            return path in layer.born
    return None


def _changed(layers: list[_View]) -> dict[str, bool]:
    """Return every path a line changed, with ``_state``'s answer for it."""
    changed: dict[str, bool] = {}
    for layer in layers:
        born = layer.born
        for path in layer.own:
            if path not in changed:
                changed[path] = path in born
    return changed


def _choose(lines: Iterable[tuple[str | None, bool | None]]) -> tuple[str | None, bool]:
    """Return where a path leads where lines meet, from each line's target and state,
    and whether a line created it anew.

    The lines that changed the path decide: it leads to a file of today if one of them
    leads it there (the first by name, should two lead it to two files). A line that
    left it alone counts only when each line that changed it deleted it: the merge
    kept the file that line still had, while a file created anew took its place.
    """
    lines = list(lines)
    created = any(state for _, state in lines)
    found = [target for target, state in lines if target is not None and state is not None]
    if not found and not created:
        found = [target for target, _ in lines if target is not None]
    return (min(found) if found else None), created


def _meet(
    first: _View,
    second: _View,
    base: _View | None,
    aliases: Mapping[str, str],
    live: Container[str],
) -> Iterator[tuple[str, str | None]]:
    """Yield each path either line changed above ``base`` and where it leads where the
    lines meet (``_choose``), as ``_join`` would write it."""
    changed_first, changed_second = _changed(_line(first, base)), _changed(_line(second, base))
    for path in changed_first.keys() | changed_second.keys():
        target, _ = _choose(
            (
                (_target(path, first, aliases, live), changed_first.get(path)),
                (_target(path, second, aliases, live), changed_second.get(path)),
            )
        )
        yield path, target


def _join(first: _View, second: _View, aliases: Mapping[str, str], live: Container[str]) -> _View:
    """Return the view of a commit two lines reach, from the views of both (released).

    The line that changed more above their common base is kept, and what the other
    one says is written over it: the paths the other changed, and those the kept one
    deleted where the other kept them. Each is written out, never left to a rename
    seen elsewhere (an alias), as the alias's own target may change here.
    """
    base = _common_base(first, second)
    first_line, second_line = _line(first, base), _line(second, base)
    if sum(len(v.own) for v in first_line) < sum(len(v.own) for v in second_line):
        first, second, first_line, second_line = second, first, second_line, first_line
    changed = _changed(second_line)
    writes = []
    for path, other_state in changed.items():
        kept = _target(path, first, aliases, live)
        state = _state(first_line, path)
        target, created = _choose(
            ((kept, state), (_target(path, second, aliases, live), other_state))
        )
        if target != kept or state is None or path not in first:
            writes.append((path, target, created))
    deleted = {path for layer in first_line for path in layer.cut if path not in changed}
    for path in deleted:
        if (
            first[path] is None
            and _state(first_line, path) is False
            and _target(path, first, aliases, live) is None
        ):
            kept = _target(path, second, aliases, live)
            if kept is not None:
                writes.append((path, kept, False))
    for path, target, created in writes:
        first.record(path, target, created)
    _release(second)
    return first


def _carries(
    repo: Repository,
    start: _View,
    pending: Mapping[str, _View],
    aliases: Mapping[str, str],
    live: Container[str],
) -> bool:
    """Tell whether the older history reaches today's files through ``start`` (the view
    of the commit it ends at) alone: no branch that forks from an older commit makes a
    path of that commit lead elsewhere where it meets ``start``'s line."""
    for commit, view in pending.items():
        differing = {
            path
            for path, target in _meet(start, view, _common_base(start, view), aliases, live)
            if target != _target(path, start, aliases, live)
        }
        if differing and not differing.isdisjoint(file.path for file in repo.tree(commit)[0]):
            return False
    return True


def _renames_in(commits: list[_Commit], known: Mapping[str, str]) -> dict[str, str]:
    """Return every rename's old path and the path it got, the newest rename first.

    A merge shows no changes, so a path renamed on one line and changed on another
    reaches the renamed file through these, as the merge carried it there.
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
    deleted or created anew keeps its old history out of today's files. A ``newer``
    that is already whole (``mine`` read everything) is returned as it is.
    """
    if not newer.extends:
        return newer
    for path, record in older.files.items():
        target = resolve(path, newer.moved, newer.renames, newer.files)
        current = newer.files.get(target) if target is not None else None
        if current is None:
            continue
        if record.creators:
            _create(current, record.creators, record.created_at)
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
    newer.extends = ""
    return newer


def _skip_reason(commit: _Commit, options: MiningOptions) -> str | None:
    """Return why a commit earns no credit, if it does not.

    ``ignored``: listed in ``.git-blame-ignore-revs``. ``bulk``: it changes more than
    ``bulk_limit`` existing files (a reformat, a mass rename); files it adds do not
    count, so the commit that imports a project is not bulk (for its author: see
    ``_file_authors``).
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


def _file_authors(commit: _Commit, limit: int) -> tuple[Identity, ...]:
    """Return who earns credit for the files of a commit: its author and co-authors,
    or its author alone when it adds or changes more than ``limit`` files (a bulk
    commit for its co-authors: a drive-by co-author of an import creates nothing)."""
    identities = commit.identities
    if limit and len(identities) > 1 and len(commit.changes) > limit:
        touched = sum(1 for status, _ in commit.changes if status[0] != "D")
        if touched > limit:
            return identities[:1]
    return identities


def _credit(history: History, commit: _Commit) -> None:
    """Count a commit for each of its authors."""
    history.commits += 1
    history.newest = max(history.newest, commit.time)
    for identity in commit.identities:
        history.commits_by[identity] = history.commits_by.get(identity, 0) + 1
        if commit.time > history.last_commit.get(identity, 0):
            history.last_commit[identity] = commit.time


def _follow(
    history: History,
    aliases: Mapping[str, str],
    view: _View,
    commit: _Commit,
    authors: tuple[Identity, ...],
    credit: bool,
) -> None:
    """Apply one commit's changes, newest first: credit ``authors`` for them, and turn
    the commit's view into its parent's (renames followed back, creations and
    deletions cut off).

    A skipped commit (``credit=False``) earns no credit for its changes, but a file it
    creates still records its creators, and its renames are still followed. Every
    path of the commit is looked up in the commit's own view before any is changed.
    """
    files, fate = history.files, view.paths
    created: list[str] = []
    deleted: list[str] = []
    moved: list[tuple[str, str | None]] = []
    for status, paths in commit.changes:
        kind = status[0]
        target = resolve(paths[-1], fate, aliases, files)
        if target is None and view.base is not None:
            target = _target(paths[-1], view, aliases, files)
        record = files.get(target) if target is not None else None
        if kind in "AC":
            if record is not None:
                _create(record, authors, commit.time)
            created.append(paths[-1])
        elif kind == "R":
            old, new = paths
            if record is not None and credit:
                _edit(record, authors, commit.time)
            if target is not None:
                history.renames.setdefault(old, target)
            moved.append((old, target))
            if new != old:
                created.append(new)
        elif kind == "D":
            deleted.append(paths[0])
        elif record is not None and credit:
            _edit(record, authors, commit.time)
    for path in created:
        view.record(path, None, True)
    for path in deleted:
        view.record(path, None, False)
    for old, target in moved:
        view.record(old, target, False)


def _create(record: FileHistory, creators: tuple[Identity, ...], time: int) -> None:
    """Record an addition of a file: the earliest (then the first by name) creates it,
    any other counts as a change by its creators."""
    if not record.creators:
        record.creators, record.created_at = creators, time
        return
    if (time, creators) < (record.created_at, record.creators):
        record.creators, creators = creators, record.creators
        record.created_at, time = time, record.created_at
    _edit(record, creators, time)


def _edit(record: FileHistory, authors: tuple[Identity, ...], time: int) -> None:
    """Record one commit's change to a file, for each of its authors."""
    record.commit_times.append(time)
    for identity in authors:
        record.own.setdefault(identity, []).append(time)


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
    """Parse ``sha, parents, name, email, time, co-authors`` (separated by 0x1f) into a
    commit."""
    sha, parents, name, email, time, trailers = (header.split("\x1f") + [""] * 6)[:6]
    identities = [_identity(name, email)]
    if coauthors and trailers:  # most commits have none
        for value in trailers.split("\x1d"):
            parsed = _parse_person(value)
            if parsed is not None and not any(_same_person(parsed, i) for i in identities):
                identities.append(parsed)
    return _Commit(sha, tuple(parents.split()), tuple(identities), _commit_time(time), [])


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
