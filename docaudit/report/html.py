"""The HTML report: one self-contained, offline page (no CDN, no external fonts).

A treemap of the ranked modules (product code: what the pipeline leaves out of the
ranking is named in one line under it), the sortable risk table with what to document
first under each critical and high module, and a panel per key person.

The treemap scales to the page width. A tile's area is its lines, its colour its
documentation coverage on the viridis scale (readable with colour-blindness); modules
with no code docaudit reads have no coverage to colour, so they are not drawn and are
listed in one line instead. Hatching marks silos (effective bus factor 1) and a dashed
outline orphans (0), each only when it tells tiles apart: when every tile is a silo, the
page says so once instead of hatching them all. Labels are fitted to their tiles (see
``treemap``); the tooltip has the full path and the numbers.

Paths and author names are untrusted: every one goes through ``printable`` and the
template escapes everything (Jinja2 autoescape). The page is deterministic: no timestamps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, select_autoescape

from docaudit.model.audit import AuditReport, ModuleRisk
from docaudit.model.coverage import Tally
from docaudit.report.escape import printable
from docaudit.report.treemap import Box, Label, label, squarify

WIDTH, HEIGHT = 1000, 500
VIRIDIS = ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"]
DOCUMENT_FIRST = ("critical", "high")


@dataclass(frozen=True, slots=True)
class Tile:
    """One module's rectangle in the treemap, with its label and marks."""

    module: ModuleRisk
    box: Box
    colour: str
    text_colour: str
    label: Label | None
    tooltip: str
    hatched: bool
    outlined: bool


@dataclass(frozen=True, slots=True)
class Treemap:
    """The treemap's tiles and the lines that explain it.

    ``undrawn`` are the ranked modules with no code docaudit reads; ``every`` the
    sentences said instead of a mark that every tile would carry.
    """

    tiles: list[Tile]
    undrawn: list[str]
    every: list[str]

    @property
    def hatches(self) -> bool:
        """Tell whether some tile is hatched (so the legend explains hatching)."""
        return any(tile.hatched for tile in self.tiles)

    @property
    def outlines(self) -> bool:
        """Tell whether some tile has the orphan outline (so the legend explains it)."""
        return any(tile.outlined for tile in self.tiles)


def colour(coverage: float) -> str:
    """Return the viridis colour for a coverage percentage."""
    position = max(0.0, min(100.0, coverage)) / 100 * (len(VIRIDIS) - 1)
    low = min(int(position), len(VIRIDIS) - 2)
    return _mix(VIRIDIS[low], VIRIDIS[low + 1], position - low)


def _mix(first: str, second: str, share: float) -> str:
    """Return the colour ``share`` of the way from ``first`` to ``second``."""
    a = [int(first[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(second[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(a, b, strict=True))


def bus_factors(module: ModuleRisk) -> str:
    """Return ``"1 (historical 2)"``: the effective bus factor, the historical beside it."""
    if module.bus_factor is None:
        return "unknown"
    if module.historical_bus_factor is None:
        return str(module.bus_factor)
    return f"{module.bus_factor} (historical {module.historical_bus_factor})"


def tooltip(module: ModuleRisk) -> str:
    """Return a tile's tooltip: the module's full path and its numbers, one line."""
    cover = (
        "no code docaudit reads"
        if module.coverage is None
        else f"{module.coverage:.0f}% documented"
    )
    cycle = ", in an import cycle" if module.in_cycle else ""
    return (
        f"{printable(module.module)}: {module.lines} lines, {cover},"
        f" bus factor {bus_factors(module)}, {module.dependents} dependents"
        f" ({module.direct_dependents} direct){cycle}, PageRank {module.pagerank:.3f},"
        f" risk {module.risk} {module.score:.0f}"
    )


def treemap(report: AuditReport) -> Treemap:
    """Lay the ranked modules with code out as a treemap, largest first."""
    drawn = sorted(
        (m for m in report.modules if m.coverage is not None),
        key=lambda m: (-max(m.lines, 1), m.module),
    )
    boxes = squarify([float(max(m.lines, 1)) for m in drawn], Box(0, 0, WIDTH, HEIGHT))
    silos = _every(
        drawn,
        report.modules,
        lambda m: m.silo,
        "is a silo (only one person knows each)",
        "hatches",
    )
    orphans = _every(
        drawn,
        report.modules,
        lambda m: m.orphan,
        "is an orphan (nobody still active knows it)",
        "outlines",
    )
    tiles = []
    for module, box in zip(drawn, boxes, strict=True):
        coverage = module.coverage or 0.0
        tiles.append(
            Tile(
                module=module,
                box=box,
                colour=colour(coverage),
                text_colour="#ffffff" if coverage < 60 else "#000000",
                label=label(printable(module.module), box),
                tooltip=tooltip(module),
                hatched=module.silo and silos is None,
                outlined=module.orphan and orphans is None,
            )
        )
    undrawn = [printable(m.module) for m in report.modules if m.coverage is None]
    return Treemap(tiles, undrawn, [line for line in (silos, orphans) if line is not None])


def _every(
    drawn: list[ModuleRisk],
    ranked: list[ModuleRisk],
    marked: Callable[[ModuleRisk], bool],
    says: str,
    mark: str,
) -> str | None:
    """Return the sentence said instead of marking every drawn tile, or ``None`` when the
    mark tells some tiles from others (or no tile has it)."""
    if not drawn or not all(marked(m) for m in drawn):
        return None
    scope = "Every module" if all(marked(m) for m in ranked) else "Every module in the map"
    return f"{scope} {says}, so the map {mark} none."


def left_out(report: AuditReport) -> str | None:
    """Return the line naming what was left out of the ranking: modules per file class."""
    counts = [
        f"{printable(kind)} ({len(names)} module{'' if len(names) == 1 else 's'})"
        for kind, names in sorted(report.left_out.items())
        if names
    ]
    if not counts:
        return None
    return "Left out of the ranking and the map: " + ", ".join(counts) + "."


def headline(report: AuditReport) -> tuple[str, Tally]:
    """Return what the headline coverage covers and its tally: the ranked modules, or
    every counted symbol when the report has no ranked tally."""
    if report.ranked_coverage is not None:
        return "of the ranked product code", report.ranked_coverage
    return "of the counted code", report.coverage.summary


def render(report: AuditReport) -> str:
    """Return the audit as one self-contained HTML page."""
    environment = Environment(
        loader=PackageLoader("docaudit.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )
    environment.filters["printable"] = printable
    template = environment.get_template("audit.html")
    covers, tally = headline(report)
    return template.render(
        report=report,
        map=treemap(report),
        width=WIDTH,
        height=HEIGHT,
        covers=covers,
        tally=tally,
        left_out=left_out(report),
        levels=report.level_counts(),
        document_first=DOCUMENT_FIRST,
        printable=printable,
        scale=[(f"{stop * 25}%", colour) for stop, colour in enumerate(VIRIDIS)],
    )
