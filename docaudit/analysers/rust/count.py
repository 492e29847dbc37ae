"""Count a Rust file's symbols as rustc's ``missing_docs`` lint reports them.

Counted: the crate root (its ``//!`` docs, on the line of the root file's first token,
where rustc reports it), and every exported item (see ``reach``):
modules (a file module at its ``mod`` item, documented there or by its file's ``//!``),
structs, unions, enums and their variants, named fields, traits and their items,
functions, constants, statics, type aliases, ``#[macro_export]`` macros, the items of
``extern`` blocks and the associated items of inherent impls; never ``use``, ``impl``
blocks nor the items of trait impls. With ``counting.rust.private_items`` the other
items are counted too, as clippy's ``missing_docs_in_private_items`` reports them (not a
crate root's ``fn main``, nor items of ``extern`` blocks).

Left out, with all they contain: ``#[doc(hidden)]`` items (and an exported impl item of
a hidden type), ``#[cfg(test)]`` items and test and bench crates (rustc compiles them
only when testing, and ``missing_docs`` never runs on a test harness), items
whose lint is silenced (``#[allow(missing_docs)]`` or ``#[expect(...)]`` for exported
items, ``clippy::missing_docs_in_private_items`` or ``clippy::restriction`` for the
others, on the item or around it, the innermost level winning; a lint left at warn is
silenced by an ``allow(warnings)`` or ``expect(warnings)`` around it, as rustc does, but
not one at deny or forbid), and definitions excused by a ``docaudit: ignore`` comment.
Levels under ``cfg_attr`` count as ``parse`` reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from docaudit.analysers.rust.parse import LINTS, RESTRICTION, WARNINGS
from docaudit.analysers.rust.reach import standalone
from docaudit.config.settings import Counting
from docaudit.model.symbols import Definition, ParsedModule, Symbol, judged

_SILENT = ("allow", "expect")


@dataclass(frozen=True, slots=True)
class _Scope:
    """What holds where a definition is: whether it is hidden, the level of each lint
    (both at warn, as ``-W missing-docs -W clippy::missing_docs_in_private_items`` set
    them), the level of the ``warnings`` group (empty: never set), and whether its impl's
    type is hidden."""

    hidden: bool = False
    public: str = "warn"
    private: str = "warn"
    warnings: str = ""
    self_hidden: bool = False

    def enter(self, traits: tuple[str, ...], prefix: str = "") -> _Scope:
        """Return the scope inside a definition with these traits (or, with ``prefix``,
        the traits a crate gives a file from the ``mod`` items above it); a later level
        overrides an earlier one, a group's (``clippy::restriction``) as a lint's."""
        hidden = self.hidden or f"{prefix}hidden" in traits
        public, private, warnings = self.public, self.private, self.warnings
        for trait in traits:
            if not trait.startswith(f"{prefix}lint="):
                continue
            lint, _, level = trait.removeprefix(f"{prefix}lint=").rpartition(":")
            if lint == LINTS[0]:
                public = level
            elif lint in (LINTS[1], RESTRICTION):
                private = level
            elif lint == WARNINGS:
                warnings = level
        return replace(self, hidden=hidden, public=public, private=private, warnings=warnings)

    def reports(self, level: str) -> bool:
        """Tell whether a lint at ``level`` here is reported: as rustc does, a lint at
        warn takes the level of ``warnings`` when that is set (innermost first) to
        anything but warn, so ``allow(warnings)`` and ``expect(warnings)`` silence it."""
        if level == "warn" and self.warnings:
            level = self.warnings
        return level not in _SILENT


def count(path: str, parsed: ParsedModule, counting: Counting) -> list[Symbol]:
    """Return the symbols of one Rust file that rustc's ``missing_docs`` counts (and,
    with ``private-items``, clippy's ``missing_docs_in_private_items``), in source order;
    a file not resolved with its crate (``reach.resolve``) is taken alone."""
    module = parsed.module
    if not any(t.startswith("crate=") for t in module.traits):
        module = standalone(path, parsed).module
    traits = module.traits
    if {"unreached", "outer-cfg-test", "cfg-test"} & set(traits):
        return []
    prefix = _value(traits, "crate=")
    modpath = _value(traits, "modpath=")
    qual = f"{prefix}::{modpath}" if modpath else prefix
    scope = _Scope().enter(traits, "outer-").enter(traits)
    found: list[Symbol] = []
    root = "root" in traits
    if root and scope.reports(scope.public) and module.pragma is None:
        start = int(_value(traits, "start=") or 1)
        found.append(_symbol(path, replace(module, line=start), prefix, True, counting))
    private = counting.rust.private_items
    stack = [(child, qual, scope, root) for child in reversed(module.children)]
    while stack:
        definition, outer, scope, at_root = stack.pop()
        traits = definition.traits
        if "cfg-test" in traits or definition.kind == "use":
            continue
        if definition.kind == "impl":
            if any(t.startswith("trait=") for t in traits):
                continue
            owner = _value(traits, "self=")
            inside = f"{prefix}::{owner}" if owner else f"{outer}::{definition.name}"
            inner = replace(scope.enter(traits), self_hidden="self-hidden" in traits)
            stack.extend((c, inside, inner, False) for c in reversed(definition.children))
            continue
        inner = replace(scope.enter(traits), self_hidden=False)
        if inner.hidden:
            continue
        base = prefix if "macro-export" in traits else outer
        qualname = f"{base}::{definition.name}"
        exported = "exported" in traits
        if exported:
            counted = inner.reports(inner.public) and not scope.self_hidden
        else:
            main = at_root and definition.kind == "function" and definition.name == "main"
            silent = not inner.reports(inner.private)
            counted = private and not silent and "foreign" not in traits and not main
        if counted and definition.pragma is None:
            found.append(_symbol(path, definition, qualname, exported, counting))
        stack.extend((c, qualname, inner, False) for c in reversed(definition.children))
    return found


def _symbol(
    path: str, definition: Definition, qualname: str, public: bool, counting: Counting
) -> Symbol:
    """Return the symbol of one counted definition."""
    undocumented = counting.placeholders_undocumented
    return judged(path, definition, definition.kind, qualname, public, "rust", undocumented)


def _value(traits: tuple[str, ...], key: str) -> str:
    """Return the value of the first ``key=value`` trait (empty if there is none)."""
    return next((t.removeprefix(key) for t in traits if t.startswith(key)), "")
