"""The ownership pipeline: a repository in, a silos report out.

One pass over the history (or none: the mined history is cached per mining
options and extended by new commits), the files of the audited revision, and
the bus factor of every module.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from docaudit.cache.store import Cache
from docaudit.config.settings import Config, HistorySettings
from docaudit.errors import HistoryError
from docaudit.git.objects import is_shallow
from docaudit.git.repository import Repository
from docaudit.history import log
from docaudit.history.log import History, MiningOptions
from docaudit.history.scope import files_in_scope
from docaudit.history.silos import build_report
from docaudit.model.ownership import SilosReport


def report(
    path: Path, config: Config, progress: Callable[[int], None] | None = None
) -> SilosReport:
    """Check the repository holding ``path``, mine its history and build the report."""
    if not path.exists():
        raise HistoryError(f"{path}: no such file or directory")
    repo = Repository(path)
    return _silos(repo, path, config, progress)


def _silos(repo, path: Path, config: Config, progress) -> SilosReport:
    """Check the repository, mine its history and build the report (see ``silos``)."""
    notices: list[str] = []
    if not config.history.allow_shallow and is_shallow(str(repo.root), repo.git_dir):
        raise HistoryError(
            f"{repo.root} is a shallow clone, so its history is cut short: fetch all of it "
            "with 'git fetch --unshallow' (in GitHub Actions, actions/checkout with "
            "fetch-depth: 0), or pass --allow-shallow"
        )
    head = repo.resolve(config.history.rev)
    settings = config.history
    root = str(repo.root)
    if head is None:
        empty = History("", {}, {}, {})
        report = build_report(root, empty, {}, set(), settings)
        report.notices.append(f"{repo.root} has no commits yet")
        return report
    under = _relative_to(path, repo.root)
    since = repo.date_bound("--since", settings.since) if settings.since else None
    until = repo.date_bound("--until", settings.until) if settings.until else None
    mailmap = repo.mailmap_stamp()
    cache = Cache(repo.root, enabled=config.sources.cache)
    notices += cache.notices
    report_key = _report_key(
        (head, under, since, until, mailmap, config.sources.exclude), settings
    )
    cached = cache.report(report_key)
    if cached is not None:
        return cached
    tree, submodules = repo.tree(head)
    if submodules:
        notices.append(f"skipped {len(submodules)} submodule(s): {', '.join(sorted(submodules))}")
    blobs = {f.path: f.blob_id for f in tree}
    scoped = files_in_scope(
        blobs, under, (*settings.vendored, *config.sources.exclude), settings.default_excludes
    )
    options = MiningOptions(
        since=since,
        until=until,
        coauthors=settings.coauthors,
        ignored_revs=_ignored_revs(repo, head, blobs) if settings.ignore_revs else frozenset(),
        bulk_limit=settings.bulk_limit,
        mailmap=mailmap,
    )
    history = _history(repo, head, set(blobs), options, cache, progress)
    lines = repo.line_counts(sorted({blobs[p] for p in scoped}))
    package_dirs = {p.rpartition("/")[0] for p in blobs if p.rpartition("/")[2] == "__init__.py"}
    report = build_report(
        root, history, {p: lines.get(blobs[p], 0) for p in scoped}, package_dirs, settings
    )
    report.notices[:0] = notices
    cache.put_report(report_key, report)
    cache.save()
    return report


def _report_key(facts: tuple, settings: HistorySettings) -> str:
    """Return the cache key of a silos report: the commit, the folder, the dates as
    resolved now, the mailmap, the excludes, and the history settings (no other setting
    changes the report: a gate or a counting flag is served from the cache)."""
    text = repr((facts, settings.digest()))
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def _history(repo, head: str, live: set[str], options, cache: Cache, progress) -> History:
    """Return the history up to ``head``: from the cache, extended by newer commits, or mined.

    A cached history is used as it is when it reached ``head``, extended when ``head``
    descends from the commit it reached, and mined again when history was rewritten.
    """
    key = _mining_key(options)
    stored = cache.history(key)
    if stored is not None and stored.head == head:
        return stored
    if stored is not None and not options.until and repo.is_ancestor(stored.head, head):
        newer = log.mine(
            repo, head, live, options, progress, after=stored.head, known_renames=stored.renames
        )
        history = log.extend(newer, stored)
    else:
        history = log.mine(repo, head, live, options, progress)
    cache.put_history(key, history)
    return history


def _mining_key(options) -> str:
    """Return the cache key of a set of mining options."""
    text = repr(
        (
            options.since,
            options.until,
            options.coauthors,
            sorted(options.ignored_revs),
            options.bulk_limit,
            options.mailmap,
        )
    )
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def _ignored_revs(repo, head: str, blobs: dict[str, str]) -> frozenset[str]:
    """Return the commits listed in ``.git-blame-ignore-revs`` at ``head``."""
    blob = blobs.get(".git-blame-ignore-revs")
    if blob is None:
        return frozenset()
    text = repo.read_blob(blob)
    revs = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(rev.lower() for rev in revs if len(rev) >= 7)


def _relative_to(path: Path, root: Path) -> str:
    """Return ``path`` relative to the repository root, ``""`` for the root itself."""
    try:
        relative = path.resolve().relative_to(root.resolve())
    except ValueError:
        return ""
    return "" if str(relative) == "." else relative.as_posix()
