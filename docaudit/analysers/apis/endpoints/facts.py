"""What the endpoint collector records of one file: expressions as ``Value`` records, the
framework objects it constructs, the registrations made on them, and its handlers and
settings classes (``EndpointFacts``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar


@dataclass(frozen=True, slots=True)
class Text:
    """A string known statically."""

    tag: ClassVar[str] = "str"
    value: str


@dataclass(frozen=True, slots=True)
class Constant:
    """A literal that is not a string: ``None``, a boolean or a number."""

    tag: ClassVar[str] = "const"
    value: None | bool | int | float


@dataclass(frozen=True, slots=True)
class Items:
    """A list, tuple or set display."""

    tag: ClassVar[str] = "list"
    items: tuple[Value, ...]


@dataclass(frozen=True, slots=True)
class Pairs:
    """A dict display (``**`` entries left out)."""

    tag: ClassVar[str] = "dict"
    pairs: tuple[tuple[Value, Value], ...]


@dataclass(frozen=True, slots=True)
class Starred:
    """``*value`` in a list or a call."""

    tag: ClassVar[str] = "star"
    value: Value


@dataclass(frozen=True, slots=True)
class Called:
    """A call that is not a framework constructor: what is called, its arguments (``**``
    for a ``**kwargs``) and its line."""

    tag: ClassVar[str] = "call"
    func: Value
    args: tuple[Value, ...]
    kw: dict[str, Value]
    line: int


@dataclass(frozen=True, slots=True)
class Ref:
    """A dotted name resolved through the file's imports, or qualified by its module."""

    tag: ClassVar[str] = "ref"
    name: str


@dataclass(frozen=True, slots=True)
class Attr:
    """The attributes ``rest`` (dotted) of a framework object or settings instance."""

    tag: ClassVar[str] = "attr"
    base: Value
    rest: str


@dataclass(frozen=True, slots=True)
class NodeRef:
    """The framework object made at ``id`` (``line:column``) in this file."""

    tag: ClassVar[str] = "node"
    id: str


@dataclass(frozen=True, slots=True)
class Instance:
    """An instance of a settings class, by the class's qualified name."""

    tag: ClassVar[str] = "inst"
    settings_class: str


@dataclass(frozen=True, slots=True)
class Join:
    """Text made of ``Text`` parts and of the names (``Ref``, ``Attr``) linking reads in
    other files."""

    tag: ClassVar[str] = "join"
    parts: tuple[Value, ...]


@dataclass(frozen=True, slots=True)
class LocalFunction:
    """A function defined inside a function (an app factory's handlers)."""

    tag: ClassVar[str] = "fn"
    info: FunctionInfo


@dataclass(frozen=True, slots=True)
class Dynamic:
    """Anything not known statically."""

    tag: ClassVar[str] = "dyn"


DYNAMIC_VALUE = Dynamic()
"""The one value not known statically."""


@dataclass(frozen=True, slots=True)
class Action:
    """A REST framework ``@action``: on detail routes or not, its methods and URL path."""

    detail: bool
    methods: tuple[str, ...]
    url_path: str


@dataclass(frozen=True, slots=True)
class FunctionInfo:
    """A function that can serve a route: its name and line, whether its docstring (or a
    documentation decorator) documents it or is a placeholder, the methods its decorators
    name (``None``: none do) and its ``@action``."""

    name: str
    line: int
    doc: bool
    placeholder: bool = False
    methods: tuple[str, ...] | None = None
    action: Action | None = None


@dataclass(frozen=True, slots=True)
class ClassInfo:
    """A module-level class that can serve routes: its qualified bases, docstring facts,
    handler methods, REST framework docstring sections (``""``: the text before them),
    lookup field, and the actions ``@extend_schema_view`` documents."""

    name: str
    line: int
    bases: tuple[str, ...]
    doc: bool
    placeholder: bool
    methods: dict[str, FunctionInfo]
    sections: dict[str, bool] | None = None
    lookup: str | None = None
    schema_view: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SettingsClass:
    """A settings class: its qualified bases and the literal text defaults of its fields."""

    bases: tuple[str, ...]
    fields: dict[str, Value]


@dataclass(frozen=True, slots=True)
class Constructed:
    """A framework constructor call (``Flask(...)``, ``APIRouter(...)``): the object ``id``,
    the constructor's qualified name, its line and arguments."""

    id: str
    ctor: str
    line: int
    args: tuple[Value, ...]
    kw: dict[str, Value]


@dataclass(frozen=True, slots=True)
class RouteCall:
    """A registration on a framework object (a ``@app.get(...)`` decorator or an
    ``app.include_router(...)`` call): its receiver, verb, arguments and line, and the
    handler a decorator sits on."""

    receiver: Value
    verb: str
    args: tuple[Value, ...]
    kw: dict[str, Value]
    line: int
    handler: Value | None = None


@dataclass(frozen=True, slots=True)
class EndpointFacts:
    """The route facts of one file: framework objects it constructs, registrations on
    them, module-level bindings other files may use, handlers and settings classes."""

    nodes: tuple[Constructed, ...] = ()
    records: tuple[RouteCall, ...] = ()
    exports: dict[str, Value] = field(default_factory=dict)
    functions: dict[str, FunctionInfo] = field(default_factory=dict)
    classes: dict[str, ClassInfo] = field(default_factory=dict)
    settings: dict[str, SettingsClass] = field(default_factory=dict)


Value = (
    Text
    | Constant
    | Items
    | Pairs
    | Starred
    | Called
    | Ref
    | Attr
    | NodeRef
    | Instance
    | Join
    | LocalFunction
    | Dynamic
)
"""An expression as the endpoint collector records it."""
