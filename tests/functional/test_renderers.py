"""The table of renderers: it lists every (report, format) the CLI accepts, in the order the
CLI offers them, and each renderer gives the text it gave before the table (gold files)."""

from __future__ import annotations

import shutil
from contextlib import chdir
from pathlib import Path

import click
import pytest

from docaudit import api
from docaudit.cli import _CHECK_FORMATS, cli
from docaudit.model.symbols import Symbol
from docaudit.report.lines import ignore_hint
from docaudit.report.renderers import RENDERERS, Display, Renderer, formats, render
from tests.helpers import FIXTURES, UNDOCUMENTED, base_repo, build_company, feature, make_repo

ACCEPTED = {
    "coverage": ("table", "json"),
    "total": ("table", "json"),
    "config": ("table", "markdown", "json"),
    "audit": ("table", "json", "markdown", "html"),
    "silos": ("table", "json"),
    "check": ("text", "json", "github", "sarif", "gitlab", "markdown"),
    "hook": ("text",),
}
"""What each report is printed in, in the order of the CLI's help before the table:
``--format`` of coverage (``total`` is coverage --quiet), config, audit and silos; check's
``--format FORMAT[:FILE]``; the hook has one output."""

EXTENSIONS = {"table": "txt", "text": "txt", "github": "txt", "gitlab": "json", "markdown": "md"}


def test_the_table_lists_every_report_and_format_in_the_cli_order() -> None:
    assert {report: formats(report) for report in ACCEPTED} == ACCEPTED
    assert len(RENDERERS) == 20
    assert set(RENDERERS) == {(r, f) for r, names in ACCEPTED.items() for f in names}


def test_each_command_offers_the_formats_of_its_report() -> None:
    offered = {
        name: param.type.choices
        for name, command in cli.commands.items()
        for param in command.params
        if param.name == "output_format" and isinstance(param.type, click.Choice)
    }
    assert offered == {name: ACCEPTED[name] for name in ("coverage", "config", "audit", "silos")}
    assert ACCEPTED["check"] == _CHECK_FORMATS


def test_an_unknown_check_format_names_the_formats_of_the_table(run_cli) -> None:
    result = run_cli("check", "--format", "xml", ".")
    assert result.code == 2
    assert "'xml' is not one of text, json, github, sarif, gitlab, markdown" in result.err


def test_what_the_renderers_are() -> None:
    assert RENDERERS["coverage", "table"] == Renderer("table", "render_coverage", display=True)
    assert RENDERERS["total", "table"] == Renderer("lines", "render_total")
    assert [key for key, renderer in RENDERERS.items() if renderer.symbols] == [
        ("coverage", "json"),
        ("total", "json"),
    ]
    assert all(callable(renderer.load()) for renderer in RENDERERS.values())


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[object, Path]]:
    """Return one fixture report of each kind, with the root of its repository.

    coverage, total, audit and silos: the company repository; config: the service
    fixture; check: a feature branch adding an undocumented function, against main with
    fail-under 90 and new-code-fail-under 100; hook: that function staged.
    """
    base = tmp_path_factory.mktemp("reports")
    company = build_company(base / "company").path
    service = base / "service"
    shutil.copytree(FIXTURES / "service", service)
    make_repo(service).commit("initial")
    check = base_repo(base / "check")
    feature(check, UNDOCUMENTED)
    hook = base_repo(base / "hook")
    hook.write("pkg/core.py", (hook.path / "pkg/core.py").read_text() + UNDOCUMENTED)
    hook.git("add", "pkg/core.py")
    here = [Path(".")]
    gates = {"compare_ref": "main", "fail_under": 90.0, "new_code_fail_under": 100.0}
    found: dict[str, tuple[object, Path]] = {}
    with chdir(company):
        config = api.load_settings(here, None, {"cache": False})
        found["coverage"] = found["total"] = (api.coverage(here, config), company)
        found["audit"] = (api.audit(Path("."), config), company)
        found["silos"] = (api.silos(Path("."), config), company)
    with chdir(service):
        config = api.load_settings(here, None, {"cache": False})
        found["config"] = (api.configuration(here, config), service)
    with chdir(check.path):
        config = api.load_settings(here, None, {"cache": False, **gates})
        found["check"] = (api.check(here, config), check.path)
    with chdir(hook.path):
        files = [Path("pkg/core.py")]
        config = api.load_settings(files, None, {"cache": False})
        found["hook"] = (api.hook(files, config), hook.path)
    return found


@pytest.mark.parametrize(("report", "format_name"), list(RENDERERS))
def test_each_renderer_gives_the_text_it_gave_before(
    report: str, format_name: str, reports: dict[str, tuple[object, Path]], gold
) -> None:
    value, root = reports[report]
    text = render(report, format_name, value, Display(verbose=True))
    # SARIF names the repository's folder, a temporary one here.
    text = text.replace(root.resolve().as_uri(), "file:///ROOT")
    extension = EXTENSIONS.get(format_name, format_name)
    gold(f"report/{report}-{format_name}.{extension}", text)


def test_the_hooks_ignore_hint_names_the_comment_of_the_languages_listed() -> None:
    def listed(*languages: str | None) -> list[Symbol]:
        return [Symbol("a", 1, "function", "a.f", True, False, language=x) for x in languages]

    assert ignore_hint(listed(None, "python")) == "; document them or add # docaudit: ignore"
    assert ignore_hint(listed("go", "rust")) == "; document them or add // docaudit: ignore"
    assert ignore_hint(listed("python", "typescript")) == (
        "; document them or add # docaudit: ignore (// docaudit: ignore outside Python)"
    )
