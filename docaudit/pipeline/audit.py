"""The audit pipeline: coverage, silos, the import graph and risk, in one run.

One discovery and one parse per file (the parses feed both the coverage count and
the import graph), one pass over history; the reports meet only here, in risk.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docaudit import graph as imports
from docaudit import risk
from docaudit.analysers.languages import link_imports
from docaudit.config.settings import Config
from docaudit.discover.classify import (
    FILE_CLASSES,
    HEAD_BYTES,
    classify,
    git_attributes,
    module_class,
    path_class,
)
from docaudit.discover.files import discover, discover_at, repository_root
from docaudit.discover.modules import module_of
from docaudit.errors import DiscoveryError, GitError, HistoryError
from docaudit.git.objects import bare_repository, verify_commit, why_no_work_tree
from docaudit.history import codeowners
from docaudit.model.audit import AuditReport, ToDocument
from docaudit.model.coverage import Tally
from docaudit.model.discovery import Discovery
from docaudit.model.ownership import ModuleOwnership, SilosReport
from docaudit.model.symbols import ParsedModule, Symbol
from docaudit.pipeline.coverage import reader_of
from docaudit.pipeline.coverage import start as start_measuring
from docaudit.pipeline.silos import report
from docaudit.safeio import read_file

MAX_PEOPLE = 5
MAX_TO_DOCUMENT = 5
MAX_MARKER_BYTES = 65_536


def run(path: Path, config: Config, progress: Callable[[int], None] | None = None) -> AuditReport:
    """Audit the repository (or folder) at ``path``; see ``risk`` for the ranking.

    Only product code is ranked: modules whose files are all tests, generated,
    vendored, documentation or examples (see ``fileclass``), and modules that hold
    no code at all (an empty ``__init__.py``), are left out, with one notice line;
    the headline coverage is that of the ranked modules, tests on their own line.
    """
    # git log is the longest stage: it starts first, and runs beside all the rest
    mining = _Mining(path, config, progress)
    found = _discovery(path, config)
    with start_measuring(found, config, True, True, HEAD_BYTES) as measuring:
        measured = measuring.finish()
    coverage, parses = measured.report, measured.parses
    heads = _Heads(found, measured.heads)
    class_notices: list[str] = []
    classes = _file_classes(found, class_notices, heads)
    packages = {f.path.rpartition("/")[0] for f in found.files if f.path.endswith("__init__.py")}

    def owner_module(file: str) -> str:
        """Return the module a file belongs to, as the silos report groups them."""
        return module_of(file, packages, config.history.module_depth, config.history.modules)

    # still while git log runs: the import graph (networkx, and scipy for PageRank, load
    # here, only when needed), and what the ranking reads of the parses and counts
    files_of: dict[str, list[str]] = {}
    for file in found.files:
        files_of.setdefault(owner_module(file.path), []).append(file.path)
    ranked_classes = {"product", "tests"} if config.output.rank_tests else {"product"}
    ranked_parses = {
        file: parsed for file, parsed in parses.items() if classes.get(file) in ranked_classes
    }
    links = link_imports(ranked_parses, reader_of(found, config.surface.max_config_bytes))
    folded = imports.fold(imports.file_graph(ranked_parses, links), owner_module)
    markers = _markers(found, classes, parses, heads)
    tallies: dict[str, list[Tally]] = {}
    for entry in coverage.files:
        tallies.setdefault(owner_module(entry.path), []).append(entry.tally)
    lines: dict[str, int] = {}
    for file, parsed in parses.items():
        name = owner_module(file)
        lines[name] = lines.get(name, 0) + parsed.module.span[1]
    wanted = _to_document(coverage.symbols, owner_module)
    notices: list[str] = []
    silos = mining.result(path, found.in_git, notices)
    notices += class_notices
    ownership: dict[str, ModuleOwnership] = {m.module: m for m in silos.modules} if silos else {}
    names: list[str] = []
    left_out: dict[str, list[str]] = {}
    for name in sorted(set(files_of) | set(ownership)):
        kind = _module_class(name, files_of.get(name, []), classes, markers, silos)
        reach = folded.dependents.get(name)
        if kind in ranked_classes or (kind == "empty" and reach and reach.direct):
            names.append(name)
        else:
            left_out.setdefault(kind, []).append(name)
    if left_out:
        notices.append(_left_out_notice(left_out, config.output.rank_tests))
    facts = []
    for name in names:
        reach = folded.dependents.get(name)
        facts.append(
            risk.ModuleEvidence(
                module=name,
                tally=_sum(tallies.get(name, [])),
                dependents=reach.transitive if reach else 0,
                lines=ownership[name].lines if name in ownership else lines.get(name, 0),
                ownership=ownership.get(name),
                direct_dependents=reach.direct if reach else 0,
                pagerank=reach.pagerank if reach else 0.0,
                cycle=reach.cycle if reach else 1,
                to_document=tuple(wanted.get(name, ())[:MAX_TO_DOCUMENT]),
            )
        )
    weights = {**risk.DEFAULT_WEIGHTS, **dict(config.output.risk_weights)}
    ranked = risk.rank(facts, weights)
    people = []
    if silos is not None:
        file_modules = {f: owner_module(f) for files in silos.sole_files.values() for f in files}
        chosen = list(config.history.departed) or _key_people(silos, ranked)
        people = risk.departures(silos, file_modules, chosen)
    report = AuditReport(ranked, people, coverage, silos, folded.cycles, notices)
    report.left_out = left_out
    report.ranked_coverage = _sum([t for name in names for t in tallies.get(name, [])])
    tests = [t for name in left_out.get("tests", []) for t in tallies.get(name, [])]
    report.tests_coverage = _sum(tests)
    if silos is not None:
        report.codeowners = _codeowners(
            Path(silos.root), silos, dict(config.output.people), notices
        )
    return report


def _discovery(path: Path, config: Config) -> Discovery:
    """Return the files to audit: the work tree's, or in a bare repository those of the
    audited revision, read from git objects. A ``--rev`` that names no commit is an
    input error, as it is for ``silos``."""

    work_tree = repository_root(path)
    git_dir = None if work_tree else bare_repository(path)
    if git_dir is None:
        if work_tree is not None and config.history.rev != "HEAD":  # a bad --rev is an input error
            try:
                verify_commit(str(work_tree), config.history.rev, "--rev")
            except GitError as error:
                raise DiscoveryError(str(error)) from None
        return discover([path], config.sources.exclude, with_resources=True)
    try:
        commit = verify_commit(str(git_dir), config.history.rev, "--rev")
    except GitError as error:
        raise DiscoveryError(str(error)) from None
    return discover_at(commit, [path], config.sources.exclude, bare=git_dir)


def _codeowners(
    root: Path, silos: SilosReport, people: dict[str, str], notices: list[str]
) -> list:
    """Review CODEOWNERS, when the repository has one, against who knows each module.

    The file is read only as a regular file inside the repository, under a limit; one
    that cannot be read is left out with a notice.
    """

    found = codeowners.find_codeowners(root)
    if found is None:
        return []
    try:
        text = read_file(found, codeowners.MAX_BYTES, root).decode("utf-8", "replace")
    except OSError as error:
        notices.append(f"{found.relative_to(root)}: not read: {error.strerror}")
        return []
    rules = codeowners.parse(text)
    files = [path for paths in silos.module_files.values() for path in paths]
    knowers = {m.module: [o.email for o in m.owners] for m in silos.modules}
    return codeowners.review(
        silos.module_files, codeowners.owners_of(files, rules), knowers, people
    )


class _Heads:
    """The first bytes of the files found, read once (most by the parse workers, which
    read the files anyway: the audit of 4,000 files read them again in 85 ms): for the
    generated-code markers, and whole for a file shorter than that (for ``_markers``)."""

    def __init__(self, found: Discovery, read: dict[str, bytes]) -> None:
        """Start from the heads already ``read`` of the files ``found`` lists."""
        self.found = found
        self.where = {file.path: file.abspath for file in found.files}
        self.read = dict(read)

    def of(self, paths: list[str]) -> dict[str, bytes]:
        """Return the first bytes of each of ``paths`` that can be read."""
        for path in paths:
            if path not in self.read:
                try:
                    self.read[path] = read_file(
                        self.where[path], HEAD_BYTES, self.found.root, head=True
                    )
                except OSError:
                    continue
        return {path: self.read[path] for path in paths if path in self.read}

    def whole(self, path: str) -> bytes | None:
        """Return a file's content when its head read was all of it, else ``None``."""
        head = self.read.get(path)
        return head if head is not None and len(head) < HEAD_BYTES else None


def _file_classes(found: Discovery, notices: list[str], heads: _Heads) -> dict[str, str]:
    """Return the class of each file found: discovery's, or where discovery left every
    file ``product``, the classes Linguist's rules give (with git's ``linguist-*``
    attributes and the first bytes of each file for generated-code markers). When git
    cannot give the attributes, the files are classed without them, with a notice."""

    if any(file.file_class != "product" for file in found.files):
        return {file.path: file.file_class for file in found.files}
    where = {file.path: file.abspath for file in found.files}
    attributes = {}
    if found.in_git:
        try:
            attributes = git_attributes(found.root, where)
        except GitError as error:
            notices.append(f".gitattributes: linguist attributes not read: {error}")

    return classify(where, attributes, heads.of)


def _module_class(
    name: str,
    files: list[str],
    classes: dict[str, str],
    markers: set[str],
    silos: SilosReport | None,
) -> str:
    """Return a module's class, from its files' (see ``fileclass.module_class``).

    Product files that hold no code (``markers``: an empty ``__init__.py``, a file
    of only a docstring) do not count; a module of nothing else is ``empty`` (the
    caller keeps one that something imports). Files only the history knows are
    classed by their path.
    """
    kinds = [classes[file] for file in files if file not in markers]
    listed = set(files)
    for file in silos.module_files.get(name, ()) if silos else ():
        if file not in listed:
            kinds.append(path_class(file))
    return module_class(kinds) if kinds else "empty"


def _markers(
    found: Discovery, classes: dict[str, str], parses: dict[str, ParsedModule], heads: _Heads
) -> set[str]:
    """Return the product Python files that hold no code: no statement but a docstring.

    Only files the parse found no definitions, imports or exports in are read again
    (they are small; one whose head was all of it is not read again); one that cannot
    be read counts as code.
    """
    import ast

    found_markers = set()
    for file in found.files:
        parsed = parses.get(file.path)
        if (
            parsed is None
            or parsed.language != "python"
            or classes.get(file.path) != "product"
            or parsed.module.children
            or parsed.imports
            or parsed.exports is not None
        ):
            continue
        try:
            data = heads.whole(file.path)
            if data is None:
                data = read_file(file.abspath, MAX_MARKER_BYTES, found.root)
            body = ast.parse(data).body
        except (OSError, SyntaxError, ValueError):
            continue
        if all(_is_docstring_or_pass(statement) for statement in body):
            found_markers.add(file.path)
    return found_markers


def _is_docstring_or_pass(statement: object) -> bool:
    """Tell whether a statement is ``pass`` or a bare string (a docstring)."""
    import ast

    if isinstance(statement, ast.Pass):
        return True
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )


def _left_out_notice(left_out: dict[str, list[str]], rank_tests: bool) -> str:
    """Return the one line saying which modules the ranking leaves out, per class."""
    counts = ", ".join(
        f"{kind} ({len(left_out[kind])} module{'s' if len(left_out[kind]) != 1 else ''})"
        for kind in (*FILE_CLASSES, "empty")
        if kind in left_out
    )
    hint = "" if rank_tests or "tests" not in left_out else "; --rank-tests keeps tests"
    return f"left out of the ranking: {counts}; see docs/file-classes.md{hint}"


def _to_document(
    symbols: list[Symbol], owner_module: Callable[[str], str]
) -> dict[str, list[ToDocument]]:
    """Return each module's undocumented public symbols, the most needed first: the
    public surface (endpoints, CLI commands), then classes, functions and modules,
    larger ones first, then methods and the rest."""
    found: dict[str, list[tuple[tuple, ToDocument]]] = {}
    for symbol in symbols:
        if symbol.documented or not symbol.public:
            continue
        order = _KIND_ORDER.get(symbol.kind, len(_KIND_ORDER))
        size = symbol.span[1] - symbol.span[0]
        key = (order, -size, symbol.path, symbol.line, symbol.qualname)
        entry = ToDocument(symbol.kind, symbol.qualname, symbol.path, symbol.line)
        found.setdefault(owner_module(symbol.path), []).append((key, entry))
    return {
        name: [entry for _, entry in sorted(pairs, key=lambda pair: pair[0])]
        for name, pairs in found.items()
    }


_KIND_ORDER = {
    kind: index
    for index, kind in enumerate(
        ("endpoint", "cli-command", "class", "function", "module", "method", "cli-option")
    )
}


class _Mining:
    """The silos report, built on a thread from the start of the audit: ``git log`` (the
    longest stage) runs while the audit discovers, parses and counts, and the thread
    parses git's output while the main thread waits on the parse pool or on git.

    Synthetic repository (40,000 commits, 4,000 files), a cold audit, best of 5 side by
    side (``benchmarks/audit.py --against main``): 2.75 -> 2.36 s (coverage + silos 2.35 s).
    In a forked process instead (no shared interpreter lock) it was no faster: 2.31 s
    against 2.19 s on a thread, the two cores being busy with git and the parse pool.
    """

    def __init__(self, path: Path, config: Config, progress) -> None:
        """Start building the report of ``path`` (departures are chosen later)."""
        import threading

        self.outcome: SilosReport | BaseException | None = None
        self.thread = threading.Thread(
            target=self._build, args=(path, config.replaced(departed=()), progress), daemon=True
        )
        self.thread.start()

    def _build(self, path: Path, config: Config, progress) -> None:
        """Build the report, or keep what stopped it, for ``result``."""
        try:
            self.outcome = report(path, config, progress)
        except BaseException as error:  # raised again by ``result``, in the caller's thread
            self.outcome = error

    def result(self, path: Path, in_git: bool, notices: list[str]) -> SilosReport | None:
        """Return the silos report, or ``None`` (with a notice) where there is no history;
        an error other than a ``HistoryError`` is raised here."""
        self.thread.join()
        if not in_git:
            cause = why_no_work_tree(str(path if path.is_dir() else path.parent))
            notices.append(f"{path}: {cause}: ownership needs git history")
            return None
        if isinstance(self.outcome, HistoryError):
            notices.append(f"ownership left out: {self.outcome}")
            return None
        if isinstance(self.outcome, BaseException):
            raise self.outcome
        return self.outcome


def _key_people(silos: SilosReport, ranked: list) -> list[str]:
    """Return the people whose leaving matters most: the repository's key people and the
    key people of critical and high modules, at most ``MAX_PEOPLE``."""
    chosen: list[str] = list(silos.repo.key_people)
    for module in ranked:
        if module.risk in ("critical", "high"):
            chosen.extend(module.key_people)
    unique = list(dict.fromkeys(chosen))
    unique.sort(key=lambda email: -len(silos.sole_files.get(email, [])))
    return unique[:MAX_PEOPLE]


def _sum(tallies: list[Tally]) -> Tally | None:
    """Return the sum of tallies, or ``None`` for a module without Python code."""
    if not tallies:
        return None
    return Tally.total_of(tallies)
