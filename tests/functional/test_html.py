"""The HTML report, rendered in a real headless Chromium (Debian's package)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import replace
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from docaudit import api
from docaudit.config.settings import Config
from docaudit.model.audit import AuditReport, ModuleRisk, ToDocument
from docaudit.model.coverage import CoverageReport, Tally
from docaudit.model.ownership import RepoOwnership, SilosReport
from docaudit.report import html
from docaudit.report.treemap import Box, Label, label, text_width
from tests.helpers import ALICE, CAROL, build_company

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
        self.hatched: list[str] = []
        self.rows: list[list[str]] = []
        self.kinds: list[str] = []
        self.todo: list[str] = []
        self.below: dict[str, str] = {}
        self.text: list[str] = []
        self.scripts = 0
        self._cell: list[str] | None = None
        self._in_body = False
        self._todo = False
        self._item: list[str] | None = None
        self._below: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        kind = values.get("class") or ""
        if tag == "rect" and kind == "module":
            self.rects.append(values.get("data-module") or "")
        elif tag == "rect" and kind == "silo":
            self.hatched.append(self.rects[-1])
        elif tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self.kinds.append(kind)
            self._todo = kind == "todo"
            if not self._todo:
                self.rows.append([])
        elif tag == "td" and self._in_body and not self._todo:
            self._cell = []
        elif tag == "li" and self._todo:
            self._item = []
        elif tag == "p" and kind.startswith("below "):
            self._below = kind.removeprefix("below ")
            self.below[self._below] = ""
        elif tag == "script":
            self.scripts += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "li" and self._item is not None:
            self.todo.append("".join(self._item))
            self._item = None
        elif tag == "p":
            self._below = None
        elif tag == "tbody":
            self._in_body = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._item is not None:
            self._item.append(data)
        if self._below is not None:
            self.below[self._below] += data


EVIL_NAME = "<script>alert('x')</script>"
EVIL_FOLDER = "<img src=x onerror=alert(1)>"


def rendered(tmp_path: Path) -> tuple[Path, AuditReport]:
    """Render the audit of the company repository, with hostile names in it; return the
    page and the report.

    git strips ``<`` and ``>`` from author names, so the hostile author is put in the
    report directly; the hostile folder name comes through git as it is (with code in it,
    so that it is ranked).
    """
    repo = build_company(tmp_path / "repo")
    evil = '"""Evil."""\n\n\ndef f():\n    pass\n'
    repo.commit_as(ALICE, "2024-01-06", {f"{EVIL_FOLDER}/__init__.py": evil})
    report = api.audit(repo.path, Config.of(cache=False, departed=("alice@example.com",)))
    report.people = [replace(person, name=EVIL_NAME) for person in report.people]
    page = tmp_path / "audit.html"
    page.write_text(html.render(report), encoding="utf-8")
    return page, report


@pytest.mark.browser
def test_page_renders_without_errors_with_one_rectangle_per_module(tmp_path: Path) -> None:
    page, report = rendered(tmp_path)
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
    # The table in the ranked order (the ranking itself is worked out in test_audit).
    assert [row[0] for row in dom.rows] == [m.module for m in report.modules]
    # Hostile names are text on the page, never markup: one script (the page's), no image.
    assert dom.scripts == 1
    assert "<img" not in done.stdout.replace("&lt;img", "")
    text = "".join(dom.text)
    assert EVIL_NAME in text
    assert EVIL_FOLDER in text


@pytest.mark.browser
def test_table_sorts_in_the_browser(tmp_path: Path) -> None:
    page, _ = rendered(tmp_path)
    sortable = tmp_path / "sorted.html"
    sortable.write_text(page.read_text().replace("</body>", SORT_BY_SCORE), encoding="utf-8")
    done = chromium("--dump-dom", sortable.as_uri(), profile=tmp_path / "profile")
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []
    dom = _Collector()
    dom.feed(done.stdout)
    scores = [float(row[2]) for row in dom.rows]
    assert scores == sorted(scores)


@pytest.mark.browser
def test_screenshot_is_not_blank(tmp_path: Path) -> None:
    page, _ = rendered(tmp_path)
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
    first = rendered(tmp_path / "one")[0].read_text(encoding="utf-8")
    second = rendered(tmp_path / "two")[0].read_text(encoding="utf-8")
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
    # 12.5% is under every floor (40% the lowest): red; "12.5%" is 5 characters, so the
    # right half is 7·5 + 10 = 45 wide and the badge 37 + 45 = 82, its text at 37 + 22.5.
    low = badge(12.5)
    assert 'aria-label="docs: 12.5%"' in low
    assert '<rect x="37" width="45" height="20" fill="#e05d44"/>' in low
    assert 'width="82" height="20" role="img"' in low
    assert '<text x="59.5" y="14">12.5%</text>' in low


# Hand-built reports: the layout of a 1000 × 500 map worked out by hand.

CHECKOUT = "src/shop/checkout"
CATALOGUE = "src/shop/catalogue"
GATEWAY = "src/shop/payments/providers/mollie_gateway"
SEARCH = "src/shop/search"
EMPTY = "src/empty"
PAY = ToDocument("function", "shop.checkout.pay", "src/shop/checkout/pay.py", 12)
REFUND = ToDocument("class", "shop.checkout.Refund", "src/shop/checkout/refund.py", 40)
CHARGE = ToDocument("method", "Gateway.charge", f"{GATEWAY}/client.py", 7)


def module(name: str, lines: int, coverage: float | None, factors: tuple[int, int | None],
           risk: str = "low", score: float = 10.0, **more: object) -> ModuleRisk:  # fmt: skip
    """Return a ranked module with effective and historical bus factors ``factors``."""
    effective, historical = factors
    fields: dict = {
        "module": name, "risk": risk, "score": score, "reason": f"why {name}",
        "bus_factor": effective, "silo": effective == 1, "orphan": effective == 0,
        "key_people": ["alice@example.com"] if effective else [], "coverage": coverage,
        "dependents": 2, "lines": lines, "direct_dependents": 1, "pagerank": 0.25,
        "historical_bus_factor": historical,
    }  # fmt: skip
    return ModuleRisk(**{**fields, **more})


def hand_report(modules: list[ModuleRisk], **more: object) -> AuditReport:
    """Return an audit of ``modules``: 15 of 20 symbols documented, repository bus factor 1
    (historical 2)."""
    coverage = CoverageReport(root=".", summary=Tally(20, 5), files=[], symbols=[], errors=[])
    repo = RepoOwnership(1, ["alice@example.com"], 10, 2, 5, 0, historical_bus_factor=2)
    silos = SilosReport(root=".", repo=repo, modules=[], authors=[])
    return AuditReport(modules=modules, people=[], coverage=coverage, silos=silos, **more)  # type: ignore[arg-type]


def mixed() -> AuditReport:
    """A silo, an orphan, two modules known by two people, and one with no code read."""
    return hand_report(
        [
            module(
                CHECKOUT,
                400,
                0.0,
                (1, 2),
                "critical",
                90,
                to_document=[PAY, REFUND],
                in_cycle=True,
            ),
            module(GATEWAY, 100, 50.0, (0, 1), "high", 60, to_document=[CHARGE]),
            module(CATALOGUE, 400, 80.0, (2, 3), "medium", 40, to_document=[PAY]),
            module(SEARCH, 100, 100.0, (2, None), "low", 10),
            module(EMPTY, 0, None, (1, 1), "low", 5),
        ],  # fmt: skip
        left_out={"tests": ["tests", "tests/unit"], "documentation": ["docs"], "generated": []},
        ranked_coverage=Tally(10, 4),
        tests_coverage=Tally(6, 6),
    )


MEASURE = """<script>
(function () {
  var svg = document.getElementById("treemap").getBoundingClientRect();
  var tiles = Array.prototype.map.call(document.querySelectorAll("g.tile"), function (g) {
    var rect = g.querySelector("rect.module"), text = g.querySelector("text");
    var box = text ? text.getBBox() : null;
    return {
      module: rect.getAttribute("data-module"),
      title: g.querySelector("title").textContent,
      label: text ? text.textContent : null,
      inside: !box || (box.x >= rect.x.baseVal.value && box.y >= rect.y.baseVal.value
        && box.x + box.width <= rect.x.baseVal.value + rect.width.baseVal.value - 4
        && box.y + box.height <= rect.y.baseVal.value + rect.height.baseVal.value)
    };
  });
  var out = document.createElement("pre");
  out.id = "measured";
  out.textContent = JSON.stringify({
    svg: [svg.width, svg.height], page: document.documentElement.clientWidth, tiles: tiles
  });
  document.body.appendChild(out);
})();
</script>
</body>"""


def browse(page: str, tmp_path: Path, width: int = 1100, script: str = "") -> str:
    """Return the DOM of ``page`` after Chromium ran it at ``width`` (with ``script``)."""
    target = tmp_path / f"page{width}.html"
    target.write_text(page.replace("</body>", script) if script else page, encoding="utf-8")
    done = chromium(
        f"--window-size={width},900", "--dump-dom", target.as_uri(), profile=tmp_path / "p"
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert [line for line in done.stderr.splitlines() if ":CONSOLE" in line] == []
    return done.stdout


def measured(dom: str) -> dict:
    """Return what ``MEASURE`` wrote into the page."""
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom, re.DOTALL)
    assert found, dom[-2000:]
    return json.loads(unescape(found.group(1)))


def test_labels_fit_their_tiles() -> None:
    # 17 characters: c, h, e, c, k, o, u and s, c, s, h, o, p at 0.65; r, t and two
    # slashes at 0.42: 10.13 em, 141.8 at 14 points in 600 - 8.
    assert label(CHECKOUT, Box(0, 0, 600, 500)) == Label(CHECKOUT, 4.0, 4 + 0.9 * 14, 14.0)
    # 15 × 0.65 = 9.75 em, 136.5 at 14 is wider than 100 - 8: set at 14 × 92 / 136.5.
    shrunk = label("abcdeabcdeabcde", Box(0, 0, 100, 100))
    assert shrunk is not None
    assert (shrunk.text, shrunk.x) == ("abcdeabcdeabcde", 4.0)
    assert (shrunk.y, shrunk.size) == (
        pytest.approx(4 + 0.9 * 2576 / 273),
        pytest.approx(2576 / 273),
    )
    # Too wide even at 9: 52 - 9 (the ellipsis) leaves 4.78 em; "gateway" is 4.67 em, and
    # "_gateway" 5.32. No "/" in it to start from.
    assert label("payments/legacy_gateway", Box(0, 0, 60, 100)) == Label(
        "…gateway", 4.0, 4 + 0.9 * 9, 9.0
    )
    # "bb/cccc" fits 4.78 em (4.32), but starts within a segment: cut from the "/".
    assert label("aaaa/bbbb/cccc", Box(0, 0, 60, 100)) == Label("…/cccc", 4.0, 12.1, 9.0)
    # 45 - 8 - 9 leaves 3.11 em: "bcde" (2.6), four characters, the fewest a label keeps;
    # 40 leaves 2.56 em: "cde" only.
    assert label("abcdeabcde", Box(0, 0, 45, 100)) == Label("…bcde", 4.0, 12.1, 9.0)
    assert label("abcdeabcde", Box(0, 0, 40, 100)) is None
    # 15 high leaves 7 / 1.2 = 5.8 points, under 9.
    assert label("x", Box(0, 0, 100, 15)) is None
    assert text_width("模块a", 10) == pytest.approx(26.5)
    assert text_width("…Ab#", 10) == pytest.approx(33.5)


def test_treemap_of_a_mixed_report() -> None:
    tree = html.treemap(mixed())
    # 400 + 400 + 100 + 100 lines on 500,000 square units: 200,000, 200,000, 50,000, 50,000.
    # Squarified: catalogue then checkout (same size, by name) as 400 × 500 columns, then
    # the 200 × 500 rest holds the two small ones one above the other.
    got = [(t.module.module, t.box, t.label, t.hatched, t.outlined) for t in tree.tiles]
    assert got == [
        (CATALOGUE, Box(0, 0, 400.0, 500.0), Label(CATALOGUE, 4.0, 16.6, 14.0), False, False),
        (CHECKOUT, Box(400.0, 0, 400.0, 500.0), Label(CHECKOUT, 404.0, 16.6, 14.0), True, False),
        # 25.36 em is 355 at 14, more than 192: at 9 the ellipsis leaves 20.33 em, and
        # "payments/providers/mollie_gateway" is 20.20 (its "/" before it: 20.62).
        (GATEWAY, Box(800.0, 0, 200.0, 250.0),
         Label("…payments/providers/mollie_gateway", 804.0, 12.1, 9.0), False, True),
        # "src/shop/search": 8.83 em, 123.6 at 14 in 192.
        (SEARCH, Box(800.0, 250.0, 200.0, 250.0), Label(SEARCH, 804.0, 266.6, 14.0), False,
         False),
    ]  # fmt: skip
    assert tree.undrawn == [EMPTY]
    assert tree.every == []
    assert tree.tiles[1].tooltip == (
        f"{CHECKOUT}: 400 lines, 0% documented, bus factor 1 (historical 2), 2 dependents"
        " (1 direct), in an import cycle, PageRank 0.250, risk critical 90"
    )
    assert tree.tiles[3].tooltip == (
        f"{SEARCH}: 100 lines, 100% documented, bus factor 2, 2 dependents (1 direct),"
        " PageRank 0.250, risk low 10"
    )
    assert html.left_out(mixed()) == (
        "Left out of the ranking and the map: documentation (1 module), tests (2 modules)."
    )


def test_no_mark_when_every_tile_has_it() -> None:
    silos = hand_report([module("a", 10, 0.0, (1, 1)), module("b", 5, 50.0, (1, 2))])
    tree = html.treemap(silos)
    assert [(t.hatched, t.outlined) for t in tree.tiles] == [(False, False), (False, False)]
    assert tree.every == [
        "Every module is a silo (only one person knows each), so the map hatches none."
    ]
    # A module outside the map that is no silo: the sentence is about the map only.
    silos.modules.append(module("c", 0, None, (2, 2)))
    assert html.treemap(silos).every == [
        "Every module in the map is a silo (only one person knows each), so the map hatches none."
    ]
    orphans = html.treemap(hand_report([module("a", 10, 0.0, (0, 1)), module("b", 5, 0, (0, 0))]))
    assert [(t.hatched, t.outlined) for t in orphans.tiles] == [(False, False), (False, False)]
    assert orphans.every == [
        "Every module is an orphan (nobody still active knows it), so the map outlines none."
    ]
    assert html.left_out(silos) is None


@pytest.mark.parametrize("width", [800, 1400])
@pytest.mark.browser
def test_map_follows_the_page_width_and_labels_fit(tmp_path: Path, width: int) -> None:
    found = measured(browse(html.render(mixed()), tmp_path, width, MEASURE))
    # The body's margins are 1.5rem (24 px) each side; the map keeps its 2:1 viewBox
    # inside a 1 px border.
    drawn = found["page"] - 48
    assert found["svg"] == [drawn, pytest.approx((drawn - 2) / 2 + 2)]
    assert [(t["module"], t["label"], t["inside"]) for t in found["tiles"]] == [
        (CATALOGUE, CATALOGUE, True),
        (CHECKOUT, CHECKOUT, True),
        (GATEWAY, "…payments/providers/mollie_gateway", True),
        (SEARCH, SEARCH, True),
    ]
    assert found["tiles"][2]["title"].startswith(f"{GATEWAY}: 100 lines, 50% documented,")


@pytest.mark.browser
def test_page_of_a_mixed_report(tmp_path: Path) -> None:
    dom = _Collector()
    dom.feed(browse(html.render(mixed()), tmp_path))
    text = " ".join("".join(dom.text).split())
    assert "Documentation coverage of the ranked product code 60.0% (6 of 10 symbols" in text
    assert "Tests, not in the headline: 0.0% (0 of 6 symbols documented)." in text
    assert (
        "Repository bus factor 1 counting people still active, 2 counting everyone who wrote"
        " it (historical). Key people: alice@example.com." in text
    )
    assert dom.hatched == [CHECKOUT]
    assert "hatched: silo (bus factor 1) · dashed outline: orphan (bus factor 0)" in text
    assert dom.below == {
        "undrawn": f"Not in the map, as they have no code docaudit reads: {EMPTY}.",
        "left-out": "Left out of the ranking and the map: documentation (1 module),"
        " tests (2 modules).",
    }
    # module, effective bus factor, historical bus factor, coverage, in the ranked order
    assert [(row[0], row[3], row[4], row[6]) for row in dom.rows] == [
        (CHECKOUT, "1", "2", "0%"),
        (GATEWAY, "0", "1", "50%"),
        (CATALOGUE, "2", "3", "80%"),
        (SEARCH, "2", "–", "100%"),
        (EMPTY, "1", "1", "–"),
    ]
    # What to document first, under the critical and the high module only.
    assert dom.kinds == ["module has-todo", "todo", "module has-todo", "todo", "module",
                         "module", "module"]  # fmt: skip
    assert dom.todo == [
        "src/shop/checkout/pay.py:12 function shop.checkout.pay",
        "src/shop/checkout/refund.py:40 class shop.checkout.Refund",
        f"{GATEWAY}/client.py:7 method Gateway.charge",
    ]


@pytest.mark.browser
def test_sorting_keeps_what_to_document_under_its_module(tmp_path: Path) -> None:
    dom = _Collector()
    dom.feed(browse(html.render(mixed()), tmp_path, script=SORT_BY_SCORE))
    assert [row[0] for row in dom.rows] == [EMPTY, SEARCH, CATALOGUE, GATEWAY, CHECKOUT]
    assert dom.kinds == ["module", "module", "module", "module has-todo", "todo",
                         "module has-todo", "todo"]  # fmt: skip
    assert dom.todo[0] == f"{GATEWAY}/client.py:7 method Gateway.charge"


@pytest.mark.browser
def test_page_when_every_module_is_a_silo(tmp_path: Path) -> None:
    report = hand_report(
        [module("a", 10, 0.0, (1, 1), "critical", 80), module("b", 5, 50.0, (1, 3))]
    )
    dom = _Collector()
    dom.feed(browse(html.render(report), tmp_path))
    text = " ".join("".join(dom.text).split())
    assert dom.rects == ["a", "b"]
    assert dom.hatched == []
    assert "hatched" not in text
    assert dom.below == {
        "every": "Every module is a silo (only one person knows each), so the map hatches none."
    }
    # No ranked tally: the headline is every counted symbol, and no tests line.
    assert "Documentation coverage of the counted code 75.0% (15 of 20 symbols" in text
    assert "Tests, not in the headline" not in text


@pytest.mark.browser
def test_cli_audit_page_of_a_git_repository(tmp_path: Path, run_cli) -> None:
    repo = build_company(tmp_path / "repo")
    repo.commit_as(CAROL, "2024-01-06", {
        "tests/test_core.py": "def test_run():\n    pass\n",
        "docs/conf.py": "def setup(app):\n    pass\n",
    })  # fmt: skip
    result = run_cli("audit", str(repo.path), "--format", "html", "-o", "out.html",
                     "--no-cache", cwd=repo.path)  # fmt: skip
    assert result.code == 0, result.err
    dom = _Collector()
    dom.feed(browse((repo.path / "out.html").read_text(encoding="utf-8"), tmp_path))
    # Product code only: tests/ and docs/ are left out of the map and the ranking.
    assert sorted(dom.rects) == ["app", "common", "core", "report", "web"]
    assert dom.below["left-out"] == (
        "Left out of the ranking and the map: documentation (1 module), tests (1 module)."
    )
    # All commits are within 180 days of the newest: effective and historical agree.
    assert sorted((row[0], row[3], row[4]) for row in dom.rows) == [
        ("app", "2", "2"),
        ("common", "2", "2"),
        ("core", "1", "1"),
        ("report", "1", "1"),
        ("web", "2", "2"),
    ]
    assert sorted(dom.hatched) == ["core", "report"]
