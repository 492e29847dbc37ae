"""The HTML report: one self-contained, offline page (no CDN, no external fonts).

A treemap of modules (area: lines; colour: documentation coverage on the viridis
scale, readable with colour-blindness; hatched: silos; dashed outline: orphans;
a tooltip with the numbers), the sortable risk table, and a panel per key person.
Paths and author names are untrusted, so the template escapes everything
(Jinja2 autoescape). The page is deterministic: no timestamps.
"""

from __future__ import annotations

from dataclasses import dataclass

from docaudit.model import AuditReport, ModuleRisk
from docaudit.report.escape import printable
from docaudit.report.treemap import Box, squarify

WIDTH, HEIGHT = 960, 540
VIRIDIS = ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"]
NO_CODE = "#bdbdbd"


@dataclass(frozen=True, slots=True)
class Tile:
    """One module's rectangle in the treemap."""

    module: ModuleRisk
    box: Box
    colour: str
    text_colour: str
    label: str
    tooltip: str


def colour(coverage: float | None) -> str:
    """Return the viridis colour for a coverage percentage (grey without Python code)."""
    if coverage is None:
        return NO_CODE
    position = max(0.0, min(100.0, coverage)) / 100 * (len(VIRIDIS) - 1)
    low = min(int(position), len(VIRIDIS) - 2)
    return _mix(VIRIDIS[low], VIRIDIS[low + 1], position - low)


def _mix(first: str, second: str, share: float) -> str:
    """Return the colour ``share`` of the way from ``first`` to ``second``."""
    a = [int(first[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(second[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(a, b, strict=True))


def tiles(report: AuditReport) -> list[Tile]:
    """Lay the modules out as a treemap, largest first."""
    modules = sorted(report.modules, key=lambda m: (-max(m.lines, 1), m.module))
    boxes = squarify([float(max(m.lines, 1)) for m in modules], Box(0, 0, WIDTH, HEIGHT))
    found = []
    for module, box in zip(modules, boxes, strict=True):
        cover = (
            "no Python code" if module.coverage is None else f"{module.coverage:.0f}% documented"
        )
        factor = "unknown" if module.bus_factor is None else str(module.bus_factor)
        tooltip = (
            f"{printable(module.module)}: {module.lines} lines, {cover}, bus factor {factor},"
            f" {module.dependents} dependents ({module.direct_dependents} direct),"
            f" PageRank {module.pagerank:.3f}, risk {module.risk}"
        )
        fill = colour(module.coverage)
        dark = module.coverage is not None and module.coverage < 60
        found.append(
            Tile(
                module,
                box,
                fill,
                "#ffffff" if dark else "#000000",
                printable(module.module),
                tooltip,
            )
        )
    return found


def render(report: AuditReport) -> str:
    """Return the audit as one self-contained HTML page."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    environment = Environment(
        loader=PackageLoader("docaudit.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )
    environment.filters["printable"] = printable
    template = environment.get_template("audit.html")
    return template.render(
        report=report,
        tiles=tiles(report),
        width=WIDTH,
        height=HEIGHT,
        levels=report.level_counts(),
        printable=printable,
        scale=[(f"{stop * 25}%", colour) for stop, colour in enumerate(VIRIDIS)],
    )
