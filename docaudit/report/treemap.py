"""A squarified treemap layout (Bruls, Huizing and van Wijk, 2000): areas to rectangles."""

from __future__ import annotations

from dataclasses import dataclass


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
