"""The HTML report, rendered in a real headless Chromium (Debian's package)."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from PIL import Image

from docaudit import api
from docaudit.config import Config
from docaudit.report import html
from tests.test_audit import ALICE, build_company

SORT_BY_SCORE = "<script>document.querySelectorAll('#risk th')[2].click();</script>\n</body>"


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with the flags this sandbox needs; fail if it is missing."""
    binary = shutil.which("chromium")
    assert binary, "Debian's chromium package is needed (.ci/run installs it)"
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
    ]
    return subprocess.run(
        [binary, *flags, *args], capture_output=True, text=True, timeout=120, check=False
    )


class _Collector(HTMLParser):
    """Collects treemap rectangles, table rows and visible text from a DOM dump."""

    def __init__(self) -> None:
        super().__init__()
        self.rects: list[str] = []
        self.rows: list[list[str]] = []
        self.text: list[str] = []
        self.scripts = 0
        self._cell: list[str] | None = None
        self._in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "rect" and values.get("class") == "module":
            self.rects.append(values.get("data-module") or "")
        elif tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self.rows.append([])
        elif tag == "td" and self._in_body:
            self._cell = []
        elif tag == "script":
            self.scripts += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tbody":
            self._in_body = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


EVIL_NAME = "<script>alert('x')</script>"
EVIL_FOLDER = "<img src=x onerror=alert(1)>"


def rendered(tmp_path: Path) -> Path:
    """Render the audit of the company repository, with hostile names in it.

    git strips ``<`` and ``>`` from author names, so the hostile author is put in the
    report directly; the hostile folder name comes through git as it is.
    """
    repo = build_company(tmp_path / "repo")
    repo.commit_as(ALICE, "2024-01-06", {f"{EVIL_FOLDER}/__init__.py": '"""Evil."""\n'})
    report = api.audit(repo.path, Config(cache=False, departed=("alice@example.com",)))
    report.people = [replace(person, name=EVIL_NAME) for person in report.people]
    page = tmp_path / "audit.html"
    page.write_text(html.render(report), encoding="utf-8")
    return page


def test_page_renders_without_errors_with_one_rectangle_per_module(tmp_path: Path) -> None:
    page = rendered(tmp_path)
    text = page.read_text(encoding="utf-8")
    assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in text
    done = chromium("--dump-dom", page.as_uri(), profile=tmp_path / "profile")
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []
    dom = _Collector()
    dom.feed(done.stdout)
    assert sorted(dom.rects) == sorted(["app", "common", "core", EVIL_FOLDER, "report", "web"])
    assert [row[0] for row in dom.rows] == ["core", "report", EVIL_FOLDER, "common", "app", "web"]
    # Hostile names are text on the page, never markup: one script (the page's), no image.
    assert dom.scripts == 1
    assert "<img" not in done.stdout.replace("&lt;img", "")
    text = "".join(dom.text)
    assert EVIL_NAME in text
    assert EVIL_FOLDER in text


def test_table_sorts_in_the_browser(tmp_path: Path) -> None:
    page = rendered(tmp_path)
    sortable = tmp_path / "sorted.html"
    sortable.write_text(page.read_text().replace("</body>", SORT_BY_SCORE), encoding="utf-8")
    done = chromium("--dump-dom", sortable.as_uri(), profile=tmp_path / "profile")
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []
    dom = _Collector()
    dom.feed(done.stdout)
    scores = [float(row[2]) for row in dom.rows]
    assert scores == sorted(scores)


def test_screenshot_is_not_blank(tmp_path: Path) -> None:
    page = rendered(tmp_path)
    shot = tmp_path / "shot.png"
    done = chromium(
        f"--screenshot={shot}", "--window-size=1100,900", page.as_uri(), profile=tmp_path / "p"
    )
    assert done.returncode == 0, done.stderr[-2000:]
    image = Image.open(shot).convert("RGB")
    assert image.size == (1100, 900)
    colours = image.getcolors(maxcolors=1_000_000) or []
    assert len(colours) > 50
    # The treemap's viridis fill for 0% coverage (core) is on screen.
    assert any(colour == (0x44, 0x01, 0x54) for _, colour in colours)


def test_report_is_deterministic(tmp_path: Path) -> None:
    first = rendered(tmp_path / "one").read_text(encoding="utf-8")
    second = rendered(tmp_path / "two").read_text(encoding="utf-8")
    assert re.sub(r"\d{4}-\d\d-\d\d", "", first) == re.sub(r"\d{4}-\d\d-\d\d", "", second)
    assert first == second


def test_badge_is_written_only_when_it_changes(tmp_path: Path) -> None:
    from docaudit.report.badge import badge, write_badge

    target = tmp_path / "badge.svg"
    assert write_badge(target, 69.23) is True
    assert write_badge(target, 69.23) is False
    assert write_badge(target, 100.0) is True
    assert "docs: 100.0%" in target.read_text()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in badge(12.5)
    assert ALICE
