"""A squarified treemap layout (Bruls, Huizing and van Wijk, 2000): areas to rectangles,
and the labels that fit them.

A label's width is estimated without a font: each character counts a share of the font
size, rounded up from DejaVu Sans (the widest common sans-serif, so narrower fonts fit
too): 0.42 for narrow letters and punctuation, 0.65 for other lower-case letters and
digits, 0.85 for capitals and ``#&+<=>^~``, 1.0 for ``m``, ``w``, ``M``, ``W``, ``%``,
``@``, ``…`` and East Asian wide characters. A label too long for its tile is first set
smaller (down to ``MIN_FONT``), then keeps its end (the most specific part of a path)
behind an ellipsis.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

PAD = 4.0
MAX_FONT = 14.0
MIN_FONT = 9.0
LINE = 1.2
MIN_KEPT = 4
ELLIPSIS = "…"
_NARROW = frozenset("fijlrtIJ.,:;'|!()[]/\\- ")
_WIDE = frozenset("mwMW%@…")
_BROAD = frozenset("#&+<=>^~")


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle: its left, top, width and height."""

    x: float
    y: float
    width: float
    height: float


def squarify(sizes: list[float], box: Box) -> list[Box]:
    """Return one rectangle per size (sizes sorted largest first), tiling ``box`` with
    areas proportional to the sizes and aspect ratios kept near 1."""
    total = sum(sizes)
    if not sizes or total <= 0:
        return []
    scale = box.width * box.height / total
    areas = [size * scale for size in sizes]
    boxes: list[Box] = []
    row: list[float] = []
    rest = box
    for area in areas:
        if row and _worst(row + [area], rest) > _worst(row, rest):
            placed, rest = _lay_out(row, rest)
            boxes += placed
            row = []
        row.append(area)
    boxes += _lay_out(row, rest)[0]
    return boxes


def _worst(row: list[float], box: Box) -> float:
    """Return the worst aspect ratio of a row laid along the shorter side of ``box``."""
    side = min(box.width, box.height)
    total = sum(row)
    if side <= 0 or total <= 0:
        return float("inf")
    return max(max(side * side * area / total**2, total**2 / (side * side * area)) for area in row)


def _lay_out(row: list[float], box: Box) -> tuple[list[Box], Box]:
    """Place a row along the shorter side of ``box``; return its boxes and what is left."""
    total = sum(row)
    placed = []
    if box.width >= box.height:
        width = total / box.height if box.height else 0
        y = box.y
        for area in row:
            height = area / width if width else 0
            placed.append(Box(box.x, y, width, height))
            y += height
        return placed, Box(box.x + width, box.y, box.width - width, box.height)
    height = total / box.width if box.width else 0
    x = box.x
    for area in row:
        width = area / height if height else 0
        placed.append(Box(x, box.y, width, height))
        x += width
    return placed, Box(box.x, box.y + height, box.width, box.height - height)


@dataclass(frozen=True, slots=True)
class Label:
    """A tile's label: its text, the left end of its baseline, and its font size."""

    text: str
    x: float
    y: float
    size: float


def text_width(text: str, size: float) -> float:
    """Return the estimated width of ``text`` set at font ``size`` (see the module's doc)."""
    return size * sum(_em(character) for character in text)


def _em(character: str) -> float:
    """Return the estimated advance of one character, as a share of the font size."""
    if character in _NARROW:
        return 0.42
    if character in _WIDE or unicodedata.east_asian_width(character) in ("W", "F"):
        return 1.0
    if "A" <= character <= "Z" or character in _BROAD:
        return 0.85
    return 0.65


def label(text: str, box: Box) -> Label | None:
    """Return the label of ``text`` fitted inside ``box``, or ``None`` when none fits.

    The font is at most ``MAX_FONT`` and as tall as the tile allows, set smaller when the
    text is too wide; at ``MIN_FONT`` the text loses its start behind an ellipsis (from a
    ``/`` when one leaves ``MIN_KEPT`` characters), keeping at least ``MIN_KEPT``.
    """
    room = box.width - 2 * PAD
    size = min(MAX_FONT, (box.height - 2 * PAD) / LINE)
    if size < MIN_FONT or not text:
        return None
    wanted = text_width(text, size)
    if wanted > room:
        size = size * room / wanted
    if size < MIN_FONT:
        size = MIN_FONT
        text = _tail(text, room - text_width(ELLIPSIS, size), size)
        if len(text) < MIN_KEPT:
            return None
        text = ELLIPSIS + text
    return Label(text, box.x + PAD, box.y + PAD + 0.9 * size, size)


def _tail(text: str, room: float, size: float) -> str:
    """Return the longest end of ``text`` whose estimated width at ``size`` fits ``room``,
    from a ``/`` when it starts within a path segment and a later segment is long enough."""
    width = 0.0
    start = len(text)
    while start > 0 and width + size * _em(text[start - 1]) <= room:
        start -= 1
        width += size * _em(text[start])
    if start > 0 and text[start - 1] != "/":
        slash = text.find("/", start)
        if slash >= 0 and len(text) - slash > MIN_KEPT:
            start = slash
    return text[start:]
