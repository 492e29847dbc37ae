"""Records of the cross-file pass: framework objects (nodes), mounts (edges), handler
targets, routes, function and class handlers and the names bound to them, recorded calls
and registrations."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from docaudit.analysers.apis.endpoints.facts import (
    DYNAMIC_VALUE,
    Action,
    ClassInfo,
    FunctionInfo,
    Starred,
    Value,
)
from docaudit.analysers.apis.endpoints.tables import (
    GENERIC_VIEW_METHODS,
    HTTP_METHODS,
    VIEWSET_ACTIONS,
    VIEWSET_BASE_ACTIONS,
)

_COERCED_ACTIONS = {"retrieve": "read", "destroy": "delete"}


@dataclass(slots=True)
class _Node:
    """A framework object routes hang on: app, blueprint, router, route table, URLconf."""

    key: tuple[str, str]
    framework: str
    prefix: str | None = None
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class _Edge:
    """A node mounted on a parent: inline path pieces, then a registration prefix."""

    parent: tuple[str, str]
    pieces: tuple[str, ...] = ()
    prefix: str | None = None
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class _Target:
    """Where a handler is, whether it is documented, and whether the text that would
    document it is a placeholder (a TODO, a stub, the handler's name restated)."""

    path: str
    line: int
    documented: bool
    placeholder: bool = False


@dataclass(frozen=True, slots=True)
class _Route:
    """One (method, path within its node) served by a handler."""

    node: tuple[str, str]
    method: str
    pieces: tuple[str, ...]
    target: _Target
    site: str | None
    hidden: bool = False
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _FunctionRef:
    """A module-level function, as a name another file imports is bound to it."""

    info: FunctionInfo


@dataclass(frozen=True, slots=True)
class _ClassRef:
    """A module-level class that can serve routes, as a name is bound to it."""

    info: ClassInfo


_Bound = Value | _FunctionRef | _ClassRef
"""What a qualified name is bound to across files."""


@dataclass(frozen=True, slots=True)
class _Function:
    """A function handler and the file it is in."""

    path: str
    info: FunctionInfo


@dataclass(slots=True)
class _View:
    """A class handler with its project base classes and framework base names."""

    path: str
    info: ClassInfo
    chain: list[tuple[str, ClassInfo]]
    frameworks: set[str]
    mapping: dict[str, str] | None = None

    def member(self, name: str) -> tuple[FunctionInfo, bool] | None:
        """Return the method ``name`` and whether this class itself defines it."""
        for index, (_, info) in enumerate(self.chain):
            if name in info.methods:
                return info.methods[name], index == 0
        return None

    def target(self, name: str) -> _Target:
        """Return where method/action ``name`` is served and whether it is documented;
        a placeholder when the method's or the class's docstring is one."""
        found = self.member(name)
        line = self.info.line
        documented = _class_documents(self.info, name)
        placeholder = self.info.placeholder
        if found is not None:
            member, own = found
            line = member.line if own else line
            documented = documented or member.doc
            placeholder = placeholder or member.placeholder
        return _Target(self.path, line, documented, placeholder and not documented)

    def http_methods(self) -> list[str]:
        """Return the HTTP methods served: defined ones plus generic-view defaults."""
        found = {name for _, info in self.chain for name in info.methods if name in HTTP_METHODS}
        for base in self.frameworks:
            found.update(GENERIC_VIEW_METHODS.get(base, ()))
        return sorted(found)

    def actions(self) -> list[str]:
        """Return the viewset actions: defined ones plus those of base classes and mixins."""
        found = {
            name for _, info in self.chain for name in info.methods if name in VIEWSET_ACTIONS
        }
        for base in self.frameworks:
            found.update(VIEWSET_BASE_ACTIONS.get(base, ()))
        return sorted(found)

    def extra_actions(self) -> list[tuple[str, Action]]:
        """Return the ``@action`` methods, nearest definition first, by name."""
        found: dict[str, Action] = {}
        for _, info in self.chain:
            for name, member in info.methods.items():
                if member.action is not None:
                    found.setdefault(name, member.action)
        return sorted(found.items(), key=lambda item: item[0])

    def lookup(self) -> str:
        """Return the URL keyword of detail routes: ``pk`` unless the class sets one."""
        return next((info.lookup for _, info in self.chain if info.lookup is not None), "pk")


def _class_documents(info: ClassInfo, name: str) -> bool:
    """Tell whether a class's docstring (or schema decorator) documents method ``name``."""
    if name in info.schema_view:
        return True
    sections = info.sections
    if not sections:
        return info.doc
    for key in (name, _COERCED_ACTIONS.get(name)):
        if key in sections:
            return bool(sections[key])
    return bool(sections.get("", False))


@dataclass(slots=True)
class _Call:
    """A recorded call's arguments, read by position or keyword."""

    args: tuple[Value, ...]
    kw: dict[str, Value]
    line: int

    def arg(self, index: int, keywords: Iterable[str] = ()) -> Value | None:
        """Return argument ``index`` or the first keyword given; dynamic after a ``*``."""
        for position, value in enumerate(self.args[: index + 1]):
            if isinstance(value, Starred):
                return DYNAMIC_VALUE
            if position == index:
                return value
        for keyword in keywords:
            if keyword in self.kw:
                return self.kw[keyword]
        return DYNAMIC_VALUE if "**" in self.kw else None


@dataclass(slots=True)
class _Registration:
    """What a route registration says besides its handler."""

    methods: tuple[str, ...] | None
    pieces: tuple[str, ...]
    site: str | None
    documented: bool = False
    hidden: bool = False
    notes: tuple[str, ...] = ()
