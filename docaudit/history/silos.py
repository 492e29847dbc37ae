"""From mined history to the silos report: who knows what, per module and repository."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from docaudit.config.settings import HistorySettings
from docaudit.discover.modules import module_of
from docaudit.errors import HistoryError
from docaudit.history.busfactor import bus_factor
from docaudit.history.identities import (
    Identity,
    People,
    Person,
    fold_name,
    likely_aliases,
    unknown_person,
)
from docaudit.history.log import History
from docaudit.history.ownership import file_authorship, knowers
from docaudit.model.ownership import (
    AuthorSummary,
    ModuleOwnership,
    Owner,
    RepoOwnership,
    SilosReport,
)

_DAY = 86_400
_FIRST_DAY = -62_135_596_800  # 0001-01-01T00:00:00Z
_PAST_LAST_DAY = 253_402_300_800  # 10000-01-01T00:00:00Z


def build_report(
    root: str,
    history: History,
    files: Mapping[str, int],
    package_dirs: set[str],
    settings: HistorySettings,
) -> SilosReport:
    """Return the silos report for ``files`` (path → lines) from their mined history.

    ``bus_factor``, ``key_people``, silos, orphans and ``sole_files`` count only the
    people active within ``inactive_after`` days of the newest commit mined (0: all
    are); ``historical_*``, ``owners`` and ``files_known`` count everyone who knows.
    Raises ``HistoryError`` when a ``departed`` person is no one in the history.
    """
    people = People(
        _all_identities(history), dict(settings.aliases), settings.bots, settings.include_bots
    )
    gone: set[Person] = set()
    for wanted in settings.departed:
        found = people.matching([wanted])
        if not found:
            raise HistoryError(unknown_person(wanted, _names_and_emails(people.everyone())))
        gone |= found
    knew: dict[str, set[Person]] = {}
    authorship: dict[str, dict[Person, float]] = {}
    for path in files:
        doa = file_authorship(
            history.files[path], people, history.newest, settings.knowledge_half_life
        )
        authorship[path] = doa
        knew[path] = knowers(doa)
    knows = {path: known - gone for path, known in knew.items()}
    commits = _commits_per_person(history, people)
    last = _last_commit_per_person(history, people)
    current = _active_knowers(authorship, gone, last, history.newest, settings.inactive_after)

    def rank(person: Person) -> tuple:
        """Order people who know as many files: more commits first, then by name."""
        return (-commits.get(person, 0), person.name.casefold(), person.email)

    modules: dict[str, list[str]] = {}
    for path in files:
        name = module_of(path, package_dirs, settings.module_depth, settings.modules)
        modules.setdefault(name, []).append(path)
    rows = []
    for name, paths in modules.items():
        effective = bus_factor(paths, current, rank)
        historical = bus_factor(paths, knows, rank)
        rows.append(
            ModuleOwnership(
                module=name,
                files=len(paths),
                lines=sum(files[p] for p in paths),
                bus_factor=effective.value,
                silo=effective.value == 1,
                orphan=effective.value == 0 and any(knew[p] for p in paths),
                key_people=[person.email for person in effective.key_people],
                owners=_owners(paths, knows, last, rank),
                historical_bus_factor=historical.value,
                historical_key_people=[person.email for person in historical.key_people],
            )
        )
    rows.sort(key=lambda m: (m.bus_factor, -m.lines, -m.files, m.module))
    repo = bus_factor(list(files), current, rank)
    repo_historical = bus_factor(list(files), knows, rank)
    known_by = _files_known(files, knows)
    listed = [
        person for person in people.everyone() if commits.get(person, 0) or known_by.get(person, 0)
    ]
    authors = [
        AuthorSummary(
            name=person.name,
            emails=list(person.emails),
            commits=commits.get(person, 0),
            files_known=known_by.get(person, 0),
            last_commit=_date(last.get(person, 0)),
        )
        for person in listed
    ]
    authors.sort(key=lambda a: (-a.files_known, -a.commits, a.name.casefold(), a.emails))
    summary = RepoOwnership(
        bus_factor=repo.value,
        key_people=[person.email for person in repo.key_people],
        commits=history.commits,
        authors=len(authors),
        files=len(files),
        skipped_commits=history.skipped_bulk + history.skipped_ignored,
        historical_bus_factor=repo_historical.value,
        historical_key_people=[person.email for person in repo_historical.key_people],
    )
    sole: dict[str, list[str]] = {}
    for path in sorted(files):
        if len(current[path]) == 1:
            (person,) = current[path]
            sole.setdefault(person.email, []).append(path)
    aliases = likely_aliases(listed, commits)
    return SilosReport(
        root, summary, rows, authors, sole_files=sole, module_files=modules, likely_aliases=aliases
    )


def alias_notice(report: SilosReport) -> str | None:
    """Return the notice line saying how many likely aliases were left unmerged, if any."""
    count = len(report.likely_aliases)
    if not count:
        return None
    return (
        f"{count} pair(s) of authors may be one person and were not merged:"
        " 'docaudit silos' lists each with the .mailmap line that would merge it"
    )


def unknown_departed(report: SilosReport, departed: Iterable[str]) -> str | None:
    """Return the message naming the first of ``departed`` that is none of the report's
    authors (by email, or by name with case and accents folded), or ``None``."""
    emails = {email.strip().lower() for author in report.authors for email in author.emails}
    names = {fold_name(author.name) for author in report.authors}
    for wanted in departed:
        if wanted.strip().lower() not in emails and fold_name(wanted) not in names:
            known = [text for a in report.authors for text in (a.name, *a.emails)]
            return unknown_person(wanted, known)
    return None


def _active_knowers(
    authorship: Mapping[str, Mapping[Person, float]],
    gone: set[Person],
    last: Mapping[Person, int],
    newest: int,
    days: int,
) -> dict[str, set[Person]]:
    """Return who knows each file among the people still here: not ``gone``, and with
    a newest commit at most ``days`` before ``newest`` (the newest commit mined, not the
    clock; ``days=0``: everyone). The knowledge rule is applied among them, so the
    maintainer who took over files a departed author created knows them when their
    own degree of authorship reaches the paper's absolute threshold."""
    cutoff = newest - days * _DAY if days else None
    return {
        path: knowers(
            {
                person: value
                for person, value in doa.items()
                if person not in gone and (cutoff is None or last.get(person, 0) >= cutoff)
            }
        )
        for path, doa in authorship.items()
    }


def _names_and_emails(people: Iterable[Person]) -> list[str]:
    """Return every name and email the identities of ``people`` go by."""
    return [text for person in people for identity in person.identities for text in identity]


def _all_identities(history: History) -> dict[Identity, int]:
    """Return every identity met in the history with its commit count (zero if none)."""
    found = dict.fromkeys(
        (identity for record in history.files.values() for identity in record.creators), 0
    )
    for record in history.files.values():
        found.update(dict.fromkeys(record.own, 0))
    found.update(history.commits_by)
    return found


def _commits_per_person(history: History, people: People) -> dict[Person, int]:
    """Return each person's number of commits, their identities added up."""
    commits: dict[Person, int] = {}
    for identity, count in history.commits_by.items():
        person = people.of(identity)
        if person is not None:
            commits[person] = commits.get(person, 0) + count
    return commits


def _last_commit_per_person(history: History, people: People) -> dict[Person, int]:
    """Return the time of each person's newest commit.

    A commit skipped as bulk or ignored earns no credit, yet the files it adds keep
    their creators: its time counts too, or whoever imported a project in one commit
    would never be active.
    """
    times = [*history.last_commit.items()]
    for record in history.files.values():
        times += [(identity, record.created_at) for identity in record.creators]
    last: dict[Person, int] = {}
    for identity, time in times:
        person = people.of(identity)
        if person is not None and time > last.get(person, 0):
            last[person] = time
    return last


def _files_known(paths: Iterable[str], knows: Mapping[str, set[Person]]) -> dict[Person, int]:
    """Return how many of ``paths`` each person knows."""
    counts: dict[Person, int] = {}
    for path in paths:
        for person in knows[path]:
            counts[person] = counts.get(person, 0) + 1
    return counts


def _owners(
    paths: list[str], knows: Mapping[str, set[Person]], last: Mapping[Person, int], rank
) -> list[Owner]:
    """Return the people who know files of a module, most files first."""
    counts = _files_known(paths, knows)
    ordered = sorted(counts, key=lambda person: (-counts[person], rank(person)))
    return [
        Owner(
            name=person.name,
            email=person.email,
            files_known=counts[person],
            share=round(counts[person] / len(paths), 4),
            last_commit=_date(last.get(person, 0)),
        )
        for person in ordered
    ]


def _date(timestamp: int) -> str:
    """Return a commit time as an ISO date (UTC), or ``""`` when there is none.

    git stores any 64-bit time, so a commit may be dated past year 9999 or before
    year 1, where ``datetime`` cannot go: those dates are ISO 8601's expanded years
    (``+10000-01-01``, ``-0001-12-31``), computed in whole numbers.
    """
    if not timestamp:
        return ""
    if _FIRST_DAY <= timestamp < _PAST_LAST_DAY:
        return datetime.fromtimestamp(timestamp, UTC).date().isoformat()
    year, month, day = _civil_from_days(timestamp // _DAY)
    return f"{year:+05d}-{month:02d}-{day:02d}"


def _civil_from_days(days: int) -> tuple[int, int, int]:
    """Return the proleptic Gregorian ``(year, month, day)`` of a day counted from 1970-01-01.

    Howard Hinnant's ``civil_from_days``, exact for every integer.
    """
    days += 719_468
    era = days // 146_097
    day_of_era = days - era * 146_097
    year_of_era = (
        day_of_era - day_of_era // 1_460 + day_of_era // 36_524 - day_of_era // 146_096
    ) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    shifted_month = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * shifted_month + 2) // 5 + 1
    month = shifted_month + 3 if shifted_month < 10 else shifted_month - 9
    year = year_of_era + era * 400 + (month <= 2)
    return year, month, day
