"""Near-miss identities are listed with a .mailmap line, never merged; unknown --departed."""

from __future__ import annotations

import json
from pathlib import Path

from docaudit import api
from docaudit.config.settings import Config
from docaudit.model.ownership import AliasSuggestion
from tests.helpers import GitRepo, build_org, make_repo

OCTAVIA = ("Octavia", "123+octavia@users.noreply.github.com")
OCTO = ("octo", "123+octo@users.noreply.github.com")
PARK = ("K. Park", "77+kim@users.noreply.github.com")
KIM = ("kim", "kim@users.noreply.github.com")
ESTEBAN = ("Esteban Maya", "esteban@work.example")
CADAVID = ("Esteban Maya Cadavid", "emaya@home.example")
JUAN = ("Juan Pérez", "juan@a.example")
JUAN_CARLOS = ("Juan Carlos Perez", "jcp@b.example")


def silos(path: Path, **settings: object):
    return api.silos(path, Config.of(cache=False).with_overrides(dict(settings)))


def build_near_misses(path: Path) -> GitRepo:
    """One pair for each reason, plus people who only share a first name."""
    repo = make_repo(path)
    commits = [
        (OCTO, "o1.py"), (OCTAVIA, "o2.py"),  # the same GitHub account id, renamed login
        (KIM, "k1.py"), (PARK, "k2.py"),  # the same login, with and without its id
        (ESTEBAN, "e1.py"), (ESTEBAN, "e2.py"), (CADAVID, "e3.py"),  # a name and its start
        (JUAN, "j1.py"), (JUAN_CARLOS, "j2.py"), (JUAN_CARLOS, "j3.py"),  # first and last
        (("Sam Jones", "sam@jones.example"), "s1.py"),  # only a first name in common
        (("Sam Lee", "sam@lee.example"), "s2.py"),
        (("Erin", "erin@example.com"), "r1.py"),  # starts two names: ambiguous
        (("Erin Ross", "erin@ross.example"), "r2.py"),
        (("Erin Smith", "erin@smith.example"), "r3.py"),
    ]  # fmt: skip
    for day, (who, name) in enumerate(commits, start=1):
        repo.commit_as(who, f"2024-01-{day:02d}", {name: f"{name}\n"})
    return repo


EXPECTED = [
    # Same commits (1 each): the longer name is the proper one.
    AliasSuggestion(
        "123+octavia@users.noreply.github.com",
        "123+octo@users.noreply.github.com",
        "same GitHub noreply id 123",
        "Octavia <123+octavia@users.noreply.github.com> octo <123+octo@users.noreply.github.com>",
    ),
    AliasSuggestion(
        "77+kim@users.noreply.github.com",
        "kim@users.noreply.github.com",
        "same GitHub noreply login kim",
        "K. Park <77+kim@users.noreply.github.com> kim <kim@users.noreply.github.com>",
    ),
    # More commits make the proper one.
    AliasSuggestion(
        "esteban@work.example",
        "emaya@home.example",
        "one name is the start of the other",
        "Esteban Maya <esteban@work.example> Esteban Maya Cadavid <emaya@home.example>",
    ),
    AliasSuggestion(
        "jcp@b.example",
        "juan@a.example",
        "same first and last name",
        "Juan Carlos Perez <jcp@b.example> Juan Pérez <juan@a.example>",
    ),
]


def test_likely_aliases_for_each_reason_and_none_for_a_shared_first_name(tmp_path: Path) -> None:
    report = silos(build_near_misses(tmp_path).path)
    assert report.likely_aliases == EXPECTED
    # Nothing was merged: every identity is still its own author.
    assert report.repo.authors == 13


def test_aliases_in_json_and_table(tmp_path: Path, run_cli) -> None:
    build_near_misses(tmp_path)
    document = json.loads(run_cli("silos", str(tmp_path), "--no-cache", "--format", "json").out)
    assert document["likely_aliases"][2] == {
        "person": "esteban@work.example",
        "other": "emaya@home.example",
        "reason": "one name is the start of the other",
        "mailmap": "Esteban Maya <esteban@work.example> Esteban Maya Cadavid <emaya@home.example>",
    }
    table = run_cli("silos", str(tmp_path), "--no-cache").out
    section = table[table.index("Possible aliases") :]
    assert section == (
        "Possible aliases (not merged; if they are one person, add the line to .mailmap):\n"
        "  123+octo@users.noreply.github.com may be 123+octavia@users.noreply.github.com:"
        " same GitHub noreply id 123\n"
        "    Octavia <123+octavia@users.noreply.github.com>"
        " octo <123+octo@users.noreply.github.com>\n"
        "  kim@users.noreply.github.com may be 77+kim@users.noreply.github.com:"
        " same GitHub noreply login kim\n"
        "    K. Park <77+kim@users.noreply.github.com> kim <kim@users.noreply.github.com>\n"
        "  emaya@home.example may be esteban@work.example: one name is the start of the other\n"
        "    Esteban Maya <esteban@work.example> Esteban Maya Cadavid <emaya@home.example>\n"
        "  juan@a.example may be jcp@b.example: same first and last name\n"
        "    Juan Carlos Perez <jcp@b.example> Juan Pérez <juan@a.example>\n"
    )


def test_the_mailmap_lines_merge_the_pairs(tmp_path: Path) -> None:
    repo = build_near_misses(tmp_path)
    repo.write(".mailmap", "".join(f"{s.mailmap}\n" for s in EXPECTED))
    repo.commit_as(("Sam Lee", "sam@lee.example"), "2024-02-01", message="mailmap")
    report = silos(repo.path)
    assert report.likely_aliases == []
    assert report.repo.authors == 9
    esteban = [a for a in report.authors if a.name == "Esteban Maya"]
    assert [(a.emails, a.commits) for a in esteban] == [(["esteban@work.example"], 3)]


def test_every_identity_of_the_other_person_gets_a_line(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    repo.commit_as(("Ana Gil", "ana@a.example"), "2024-01-01", {"a.py": "a\n"})
    repo.commit_as(("Ana Gil", "ana@a.example"), "2024-01-02", {"a.py": "b\n"})
    repo.commit_as(("Ana Gil", "ana@a.example"), "2024-01-03", {"a.py": "c\n"})
    # One person by name (folded), two addresses: both need mapping.
    repo.commit_as(("Ana María Gil", "amg@b.example"), "2024-01-04", {"b.py": "b\n"})
    repo.commit_as(("ana maría gil", "amg@c.example"), "2024-01-05", {"c.py": "c\n"})
    (suggestion,) = silos(tmp_path).likely_aliases
    assert suggestion.mailmap == (
        "Ana Gil <ana@a.example> Ana María Gil <amg@b.example>\n"
        "Ana Gil <ana@a.example> ana maría gil <amg@c.example>"
    )
    assert suggestion.reason == "same first and last name"


def test_the_audit_says_so_in_one_notice(tmp_path: Path) -> None:
    report = api.audit(build_near_misses(tmp_path).path, Config.of(cache=False))
    assert [n for n in report.notices if "may be one person" in n] == [
        "4 pair(s) of authors may be one person and were not merged:"
        " 'docaudit silos' lists each with the .mailmap line that would merge it"
    ]


def test_an_unknown_departed_person_is_a_usage_error(tmp_path: Path, run_cli) -> None:
    build_org(tmp_path)
    for command in ("silos", "audit"):
        result = run_cli(command, str(tmp_path), "--no-cache", "--departed", "nobody@example.com")
        assert result.code == 2
        # difflib ratios: bob@example.com 0.85, dave@ 0.81, carol@ 0.74, alice@ 0.69.
        assert result.err == (
            "docaudit: error: --departed nobody@example.com: no one of that email or name in"
            " the history (closest: bob@example.com, dave@example.com, carol@example.com)\n"
        )
        assert result.out == ""
    far = run_cli("silos", str(tmp_path), "--no-cache", "--departed", "zz")
    assert (far.code, far.err) == (
        2,
        "docaudit: error: --departed zz: no one of that email or name in the history"
        " (no name or email is close)\n",
    )


def test_a_known_departed_person_by_an_old_name_is_accepted(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    repo.commit_as(("Bob B", "bob@example.com"), "2024-01-01", {"b.py": "b\n"})
    repo.commit_as(("Robert", "BOB@example.com"), "2024-01-02", {"b.py": "b\nb\n"})
    # "Robert" is a name Bob committed under, though his report name is "Bob B".
    report = silos(tmp_path, departed=("Robert",))
    assert (report.repo.bus_factor, report.modules[0].orphan) == (0, True)
