"""Which CLI library a resolved name belongs to, for the per-file readers and the symbol builders.

``_family`` tells ``click`` (and its look-alikes ``rich_click``, ``cloup``, ``asyncclick``)
from ``typer``; ``_canonical`` spells a name as ``click.<name>`` or ``typer.<name>`` whatever
the import path. The tables name what attaches a command to a group and which click classes
make commands.
"""

from __future__ import annotations

_CLICK_PACKAGES = frozenset({"click", "rich_click", "cloup", "asyncclick"})
_ATTACHERS = frozenset({"command", "group", "callback"})
_CLICK_CLASSES = ("Command", "Group", "CommandCollection")


def _family(target: str | None) -> str | None:
    """Return ``click`` or ``typer`` when ``target`` is a name in one of those libraries."""
    if not target:
        return None
    head = target.split(".", 1)[0]
    if head in _CLICK_PACKAGES:
        return "click"
    return "typer" if head == "typer" else None


def _canonical(target: str | None) -> str | None:
    """Return ``click.<name>``/``typer.<name>`` for a library name, whatever the import path."""
    family = _family(target)
    if family is None or target is None:
        return None
    return f"{family}.{target.rsplit('.', 1)[-1]}"
