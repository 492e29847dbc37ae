"""An SVG documentation-coverage badge, in the flat style of shields.io badges."""

from __future__ import annotations

from pathlib import Path

from docaudit.safeio import read_file, write_file

_COLOURS = ((95, "#4c1"), (90, "#97ca00"), (75, "#a4a61d"), (60, "#dfb317"), (40, "#fe7d37"))
_TEMPLATE = """<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" \
aria-label="docs: {value}">
<title>docs: {value}</title>
<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/>\
<stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="r"><rect width="{width}" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)"><rect width="37" height="20" fill="#555"/>\
<rect x="37" width="{right}" height="20" fill="{colour}"/>\
<rect width="{width}" height="20" fill="url(#s)"/></g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" \
font-size="11"><text x="18.5" y="14">docs</text><text x="{middle}" y="14">{value}</text></g>
</svg>
"""


def badge(coverage: float) -> str:
    """Return the badge for a coverage percentage (one decimal, green at 95% and up)."""
    value = f"{coverage:.1f}%"
    colour = next((c for floor, c in _COLOURS if coverage >= floor), "#e05d44")
    right = 7 * len(value) + 10
    return _TEMPLATE.format(
        width=37 + right, right=right, colour=colour, middle=37 + right / 2, value=value
    )


def write_badge(path: Path, coverage: float, root: Path | None = None) -> bool:
    """Write the badge, only when its content changes (pre-commit must see no edit);
    never through a symbolic link nor into a folder that links out of ``root``."""
    content = badge(coverage).encode("utf-8")
    try:
        if read_file(path, len(content), root) == content:
            return False
    except OSError:
        pass
    write_file(path, content, root)
    return True
