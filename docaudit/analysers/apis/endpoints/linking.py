"""Cross-file linking: ``endpoint_symbols`` joins every file's facts, resolving names
through imports, following blueprint, router, ``include()`` and mount prefixes, and
serving each registration's handler as routes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from functools import partial

from docaudit.analysers.apis.endpoints.facts import (
    Attr,
    Called,
    ClassInfo,
    Constructed,
    EndpointFacts,
    Instance,
    Items,
    Join,
    LocalFunction,
    NodeRef,
    Pairs,
    Ref,
    RouteCall,
    SettingsClass,
    Starred,
    Text,
    Value,
)
from docaudit.analysers.apis.endpoints.paths import (
    _framework_call,
    _hidden,
    _join,
    _make_node,
    _methods,
    _own,
    _registered_prefix,
    _route_documented,
    _symbol,
    _view_methods,
)
from docaudit.analysers.apis.endpoints.records import (
    _Bound,
    _Call,
    _ClassRef,
    _Edge,
    _Function,
    _FunctionRef,
    _Node,
    _Registration,
    _Route,
    _Target,
    _View,
)
from docaudit.analysers.apis.endpoints.tables import (
    _HANDLER_KEYWORDS,
    _MAX_DEPTH,
    _PATH_KEYWORDS,
    _SHAPES,
    DYNAMIC,
    HTTP_METHODS,
    VIEWSET_ACTIONS,
)
from docaudit.config.settings import DEFAULT_OPERATIONAL_ROUTES
from docaudit.model.symbols import ModuleFacts, Symbol

_Module = ModuleFacts[EndpointFacts]

_MAX_HOPS = 8
_MAX_MOUNTS = 64
_MAX_CHAIN = 20


def endpoint_symbols(
    modules: Sequence[ModuleFacts[EndpointFacts]],
    operational: Sequence[str] = DEFAULT_OPERATIONAL_ROUTES,
) -> list[Symbol]:
    """Return one ``endpoint`` Symbol per (handler, HTTP method) found in ``modules``."""
    repo = _Repo(modules)
    repo.read()
    left_out = {path.rstrip("/") or "/" for path in operational}
    found: dict[tuple[str, int, str], Symbol] = {}
    for symbol in repo.symbols():
        path = symbol.qualname.partition(" ")[2]
        if (path.rstrip("/") or "/") in left_out:
            continue
        key = (symbol.path, symbol.line, symbol.qualname)
        if key in found:
            found[key].sites = sorted(set(found[key].sites) | set(symbol.sites))
        else:
            found[key] = symbol
    return sorted(found.values(), key=lambda item: (item.path, item.line, item.qualname))


class _Repo:
    """Every file's route facts, joined: names, nodes, edges, then routes."""

    def __init__(self, modules: Sequence[_Module]) -> None:
        """Index the facts of every file by module name (facts of any other type are not
        route facts, and are left out)."""
        self.modules = [module for module in modules if isinstance(module.facts, EndpointFacts)]
        self.by_name = {module.module: module for module in self.modules}
        self.packages = {module.module.partition(".")[0] for module in self.modules}
        self.names: dict[str, tuple[_Bound, _Module]] = {}
        self.nodes: dict[tuple[str, str], _Node] = {}
        self.edges: dict[tuple[str, str], list[_Edge]] = defaultdict(list)
        self.routes: list[_Route] = []
        self.urlconfs: dict[str, _Module] = {}
        self.settings: dict[str, tuple[SettingsClass, _Module]] = {}

    def read(self) -> None:
        """Index every file's names, make its nodes (their prefixes may name constants of
        any file), then read its registrations and route lists."""
        for module in self.modules:
            self._index(module)
        for module in self.modules:
            for record in module.facts.nodes:
                node = _make_node(record, module.path, partial(self.text, module=module))
                self.nodes[node.key] = node
        for module in self.modules:
            for record in module.facts.nodes:
                self._node_routes(record, module)
            for call in module.facts.records:
                self._record(call, module)
        for name in sorted(self.urlconfs):
            module = self.urlconfs[name]
            patterns = module.facts.exports["urlpatterns"]
            self._patterns((module.path, "urlconf"), patterns, module, (), 0)

    def _index(self, module: _Module) -> None:
        """Index a file's exported values, handlers, settings classes and ``urlpatterns``."""
        facts = module.facts
        for name, value in facts.exports.items():
            self.names[f"{module.module}.{name}"] = (value, module)
        for name, info in facts.functions.items():
            self.names[f"{module.module}.{name}"] = (_FunctionRef(info), module)
        for name, klass in facts.classes.items():
            self.names[f"{module.module}.{name}"] = (_ClassRef(klass), module)
        for name, settings in facts.settings.items():
            self.settings[name] = (settings, module)
        if "urlpatterns" in facts.exports:
            self.urlconfs[module.module] = module
            key = (module.path, "urlconf")
            self.nodes[key] = _Node(key, "django")

    # -- names

    def lookup(self, dotted: str, hops: int = 0) -> tuple[_Bound, list[str], _Module] | None:
        """Return what a qualified name is bound to, the attributes left, and its file."""
        parts = dotted.split(".")
        for cut in range(len(parts), 0, -1):
            key = ".".join(parts[:cut])
            found = self.names.get(key)
            if found is not None:
                return found[0], parts[cut:], found[1]
            module = self.by_name.get(key)
            if module is not None and cut < len(parts):
                target = module.aliases.get(parts[cut])
                if target is None or hops >= _MAX_HOPS:
                    return None
                return self.lookup(".".join([target, *parts[cut + 1 :]]), hops + 1)
        return None

    def resolve(
        self, value: _Bound, module: _Module, hops: int = 0
    ) -> tuple[_Bound, list[str], _Module]:
        """Follow references and attributes to the value they name, where it is defined."""
        if isinstance(value, Attr) and hops < _MAX_HOPS:
            base, rest, owner = self.resolve(value.base, module, hops + 1)
            return base, rest + value.rest.split("."), owner
        if not isinstance(value, Ref):
            return value, [], module
        found = self.lookup(value.name)
        if found is None:
            return value, [], module
        inner, rest, owner = found
        if isinstance(inner, Ref | Attr) and hops < _MAX_HOPS:
            deeper, more, owner = self.resolve(inner, owner, hops + 1)
            return deeper, more + rest, owner
        return inner, rest, owner

    def text(self, value: Value | None, module: _Module, depth: int = 0) -> str:
        """Return a path argument's text, following string constants and the literal
        defaults of settings objects across files; ``<dynamic>`` where it is not known."""
        if value is None or depth > _MAX_HOPS:
            return DYNAMIC
        found, rest, owner = self.resolve(value, module)
        if isinstance(found, Instance) and len(rest) == 1:
            default = self._setting(found.settings_class, rest[0])
            return DYNAMIC if default is None else self.text(*default, depth + 1)
        if rest:
            return DYNAMIC
        if isinstance(found, Join):
            return "".join(self.text(part, owner, depth + 1) for part in found.parts)
        return found.value if isinstance(found, Text) else DYNAMIC

    def _setting(self, name: str, field: str) -> tuple[Value, _Module] | None:
        """Return the literal default of a settings class's field (or its bases') and the
        file it is written in."""
        pending, seen = [name], set()
        while pending and len(seen) < _MAX_CHAIN:
            current = pending.pop(0)
            if current in seen or current not in self.settings:
                continue
            seen.add(current)
            info, module = self.settings[current]
            if field in info.fields:
                return info.fields[field], module
            pending += info.bases
        return None

    def node_of(self, value: Value | None, module: _Module) -> _Node | None:
        """Return the framework object a value names, if it names one."""
        if value is None:
            return None
        found, rest, owner = self.resolve(value, module)
        if not isinstance(found, NodeRef) or rest:
            return None
        return self.nodes.get((owner.path, found.id))

    # -- registrations

    def _record(self, record: RouteCall, module: _Module) -> None:
        """Read one registration (decorator or call) on a framework object."""
        node = self.node_of(record.receiver, module)
        if node is None:
            return
        verb = record.verb
        call = _Call(record.args, record.kw, record.line)
        if verb in ("register_blueprint", "include_router", "mount", "add_subapp"):
            self._edge(node, verb, call, module)
        elif verb == "register":
            if node.framework == "drf":
                self._register(node, call, module)
        elif verb in ("add_routes", "router.add_routes"):
            self._route_table(node, call.arg(0, ("routes",)), module, 0)
        else:
            self._route(node, record, call, module)

    def _route(self, node: _Node, record: RouteCall, call: _Call, module: _Module) -> None:
        """Read a route decorator or call: its path, methods and handler."""
        verb = record.verb
        source, path_at, handler_at = _SHAPES.get(verb, ("", 0, 0))
        if not source:
            return
        if verb == "route" and node.framework == "aiohttp":
            source, path_at, handler_at = "arg", 1, 2
        methods, notes = _methods(call, source)
        path = self.text(call.arg(path_at, _PATH_KEYWORDS), module)
        handler = record.handler or call.arg(handler_at, _HANDLER_KEYWORDS)
        site = None if record.handler is not None else f"{module.path}:{call.line}"
        registration = _Registration(
            methods, (path,), site, _route_documented(call.kw), _hidden(call.kw), notes
        )
        self._serve(node, registration, handler, module)

    def _edge(self, parent: _Node, verb: str, call: _Call, module: _Module) -> None:
        """Read a blueprint/router/sub-application registration on ``parent``."""
        if verb in ("register_blueprint", "include_router"):
            child = self.node_of(call.arg(0, ("blueprint", "router")), module)
            keyword = "url_prefix" if verb == "register_blueprint" else "prefix"
            given = call.kw.get(keyword)
            prefix = None if given is None else self.text(given, module)
            edge = _Edge(parent.key, (), prefix, _hidden(call.kw))
        else:
            child = self.node_of(call.arg(1, ("app", "subapp")), module)
            edge = _Edge(parent.key, (self.text(call.arg(0, ("path", "prefix")), module),))
        self._link(child, edge)

    def _link(self, child: _Node | None, edge: _Edge) -> None:
        """Mount ``child`` on the edge's parent (a node is never its own parent)."""
        if child is not None and child.key != edge.parent:
            self.edges[child.key].append(edge)

    def _register(self, router: _Node, call: _Call, module: _Module) -> None:
        """Read ``router.register(prefix, ViewSet)``: one route per viewset action."""
        handler = self._handler(call.arg(1, ("viewset",)), module)
        if not isinstance(handler, _View):
            return
        prefix = self.text(call.arg(0, ("prefix",)), module)
        site = f"{module.path}:{call.line}"
        base = f"{prefix}/" if prefix else ""
        detail = f"{base}{{{handler.lookup()}}}/"
        for action in handler.actions():
            method, on_detail = VIEWSET_ACTIONS[action]
            piece = detail if on_detail else base
            self._add(router, _Registration(None, (piece,), site), method, handler.target(action))
        for name, action in handler.extra_actions():
            piece = f"{detail if action.detail else base}{action.url_path}/"
            for method in action.methods:
                registration = _Registration(None, (piece,), site)
                self._add(router, registration, method, handler.target(name))

    def _node_routes(self, record: Constructed, module: _Module) -> None:
        """Read the ``routes=`` list given to a Starlette, Router or FastAPI constructor."""
        node = self.nodes[(module.path, record.id)]
        if node.framework not in ("starlette", "fastapi"):
            return
        position = 1 if record.ctor == "starlette.applications.Starlette" else 0
        call = _Call(record.args, record.kw, record.line)
        routes = call.arg(position, ("routes",)) if node.framework == "starlette" else None
        routes = routes or record.kw.get("routes")
        if routes is not None:
            self._starlette(node, routes, module, (), 0)

    def _starlette(
        self, node: _Node, value: Value, module: _Module, pieces: tuple[str, ...], depth: int
    ) -> None:
        """Read a Starlette route list: ``Route``, ``WebSocketRoute``, ``Mount``."""
        found, rest, owner = self.resolve(value, module)
        if not isinstance(found, Items) or rest or depth > _MAX_DEPTH:
            return
        for item in found.items:
            if isinstance(item, Starred):
                self._starlette(node, item.value, owner, pieces, depth + 1)
            elif isinstance(item, Called):
                self._starlette_item(node, item, owner, pieces, depth)

    def _starlette_item(
        self, node: _Node, item: Called, module: _Module, pieces: tuple[str, ...], depth: int
    ) -> None:
        """Read one ``Route(...)``, ``WebSocketRoute(...)`` or ``Mount(...)``."""
        kind = _framework_call(item, ("starlette.", "fastapi."))
        call = _Call(item.args, item.kw, item.line)
        here = (*pieces, self.text(call.arg(0, ("path",)), module))
        if kind == "Mount":
            routes = call.kw.get("routes")
            if routes is not None:
                self._starlette(node, routes, module, here, depth + 1)
            self._link(self.node_of(call.arg(1, ("app",)), module), _Edge(node.key, here))
            return
        if kind not in ("Route", "WebSocketRoute"):
            return
        methods, notes = _methods(call, "kw" if kind == "Route" else "WEBSOCKET")
        site = f"{module.path}:{call.line}"
        registration = _Registration(methods, here, site, False, _hidden(call.kw), notes)
        self._serve(node, registration, call.arg(1, ("endpoint",)), module)

    def _route_table(self, node: _Node, value: Value | None, module: _Module, depth: int) -> None:
        """Read ``app.add_routes(table_or_list)``: a route table, or ``web.get(...)`` items."""
        if value is None or depth > _MAX_DEPTH:
            return
        self._link(self.node_of(value, module), _Edge(node.key))
        found, rest, owner = self.resolve(value, module)
        if not isinstance(found, Items) or rest:
            return
        for item in found.items:
            if isinstance(item, Starred):
                self._route_table(node, item.value, owner, depth + 1)
            elif isinstance(item, Called):
                self._route_definition(node, item, owner)

    def _route_definition(self, node: _Node, item: Called, module: _Module) -> None:
        """Read one aiohttp ``web.get(path, handler)``/``web.route``/``web.view`` item."""
        kind = _framework_call(item, ("aiohttp.",))
        call = _Call(item.args, item.kw, item.line)
        if kind in HTTP_METHODS:
            source, path_at, handler_at = kind.upper(), 0, 1
        elif kind == "route":
            source, path_at, handler_at = "arg", 1, 2
        elif kind == "view":
            source, path_at, handler_at = "class", 0, 1
        else:
            return
        methods, notes = _methods(call, source)
        path = self.text(call.arg(path_at, ("path",)), module)
        registration = _Registration(methods, (path,), f"{module.path}:{call.line}", notes=notes)
        self._serve(node, registration, call.arg(handler_at, ("handler",)), module)

    # -- Django

    def _patterns(
        self,
        node: tuple[str, str],
        value: Value,
        module: _Module,
        pieces: tuple[str, ...],
        depth: int,
    ) -> None:
        """Read a ``urlpatterns`` list (or ``router.urls``) under the path ``pieces``."""
        found, rest, owner = self.resolve(value, module)
        if depth > _MAX_DEPTH:
            return
        if isinstance(found, NodeRef) and rest == ["urls"]:
            self._link(self.nodes.get((owner.path, found.id)), _Edge(node, pieces))
        elif isinstance(found, Items) and not rest:
            for item in found.items:
                if isinstance(item, Starred):
                    self._patterns(node, item.value, owner, pieces, depth + 1)
                elif isinstance(item, Called):
                    self._pattern(node, item, owner, pieces, depth)

    def _pattern(
        self,
        node: tuple[str, str],
        item: Called,
        module: _Module,
        pieces: tuple[str, ...],
        depth: int,
    ) -> None:
        """Read one ``path()``/``re_path()``/``url()``: a view or an ``include()``."""
        if _framework_call(item, ("django.",)) not in ("path", "re_path", "url"):
            return
        call = _Call(item.args, item.kw, item.line)
        here = (*pieces, self.text(call.arg(0, ("route", "regex")), module))
        view = call.arg(1, ("view",))
        if view is None:
            return
        if isinstance(view, Called) and _framework_call(view, ("django.",)) == "include":
            self._include(node, _Call(view.args, view.kw, view.line), module, here, depth)
            return
        found, rest, _ = self.resolve(view, module)
        if isinstance(found, NodeRef) or rest[-1:] == ["urls"]:
            self._patterns(node, view, module, here, depth + 1)
            return
        site = f"{module.path}:{call.line}"
        self._serve(self.nodes[node], _Registration(None, here, site), view, module)

    def _include(
        self,
        node: tuple[str, str],
        call: _Call,
        module: _Module,
        pieces: tuple[str, ...],
        depth: int,
    ) -> None:
        """Follow ``include("app.urls")``, ``include(module)``, ``include([...])``."""
        target = call.arg(0, ("arg",))
        if target is None:
            return
        if (
            isinstance(target, Items)
            and len(target.items) == 2
            and isinstance(target.items[1], Text)
        ):
            target = target.items[0]
        name = ""
        if isinstance(target, Text):
            name = target.value
        elif isinstance(target, Ref):
            name = target.name.removesuffix(".urlpatterns")
        if name in self.urlconfs:
            self._link(self.nodes[(self.urlconfs[name].path, "urlconf")], _Edge(node, pieces))
        elif not isinstance(target, Text):
            self._patterns(node, target, module, pieces, depth + 1)

    # -- handlers

    def _handler(self, value: Value | None, module: _Module) -> _Function | _View | None:
        """Return the function or class view a value names."""
        if value is None:
            return None
        if isinstance(value, LocalFunction):
            return _Function(module.path, value.info)
        if isinstance(value, Called):
            return self._as_view(value, module)
        found, rest, owner = self.resolve(value, module)
        if rest:
            return None
        if isinstance(found, LocalFunction | _FunctionRef):
            return _Function(owner.path, found.info)
        if isinstance(found, _ClassRef):
            return self._view(owner.path, found.info)
        return None

    def _as_view(self, value: Called, module: _Module) -> _View | None:
        """Return the class of ``Cls.as_view(...)``, with a viewset's ``{method: action}``."""
        func = value.func
        if not isinstance(func, Ref) or not func.name.endswith(".as_view"):
            return None
        view = self._handler(Ref(func.name.removesuffix(".as_view")), module)
        if not isinstance(view, _View):
            return None
        first = value.args[0] if value.args else value.kw.get("actions")
        if isinstance(first, Pairs):
            view.mapping = {
                key.value: item.value
                for key, item in first.pairs
                if isinstance(key, Text) and isinstance(item, Text)
            }
        return view

    def _view(self, path: str, info: ClassInfo) -> _View:
        """Return a class view with its project bases (depth first) and framework bases."""
        chain: list[tuple[str, ClassInfo]] = []
        frameworks: set[str] = set()
        pending = [(path, info)]
        while pending and len(chain) < _MAX_CHAIN:
            here, current = pending.pop(0)
            if any(current is seen for _, seen in chain):
                continue
            chain.append((here, current))
            for base in current.bases:
                found = self.lookup(base)
                if found is not None and isinstance(found[0], _ClassRef) and not found[1]:
                    pending.append((found[2].path, found[0].info))
                else:
                    frameworks.add(base.rpartition(".")[2])
        return _View(path, info, chain, frameworks)

    def _in_project(self, value: Value | None) -> bool:
        """Tell whether an unresolved handler reference points into the repository."""
        if value is None:
            return False
        if isinstance(value, Called) and isinstance(value.func, Ref):
            value = value.func
        return isinstance(value, Ref) and value.name.partition(".")[0] in self.packages

    def _serve(
        self,
        node: _Node,
        registration: _Registration,
        handler_value: Value | None,
        module: _Module,
    ) -> None:
        """Add the routes one registration makes, one per method its handler serves."""
        handler = self._handler(handler_value, module)
        explicit = registration.methods
        if isinstance(handler, _View):
            for method, target in _view_methods(handler, explicit):
                self._add(node, registration, method, target)
        elif isinstance(handler, _Function):
            info = handler.info
            target = _Target(handler.path, info.line, info.doc, info.placeholder)
            for method in explicit or info.methods or ("GET",):
                self._add(node, registration, method, target)
        elif self._in_project(handler_value) and registration.site:
            where, _, line = registration.site.rpartition(":")
            registration.notes = (*registration.notes, "handler not found")
            target = _Target(where, int(line), False)
            for method in explicit or ("GET",):
                self._add(node, registration, method, target)

    def _add(self, node: _Node, registration: _Registration, method: str, target: _Target) -> None:
        """Add one route; a registration site is kept only when it is not the handler."""
        site = registration.site
        if site == f"{target.path}:{target.line}":
            site = None
        documented = target.documented or registration.documented
        self.routes.append(
            _Route(
                node.key,
                method.upper(),
                registration.pieces,
                replace(target, documented=documented),
                site,
                registration.hidden,
                registration.notes,
            )
        )

    # -- paths

    def mounts(self, key: tuple[str, str]) -> list[tuple[tuple[str, ...], bool]]:
        """Return each (prefix pieces, hidden) a node is reachable under.

        A node reachable only through an include or mount cycle gets ``<dynamic>`` as
        prefix; a cycle next to a real root adds nothing.
        """
        found = self._mounts(key, frozenset({key}))
        if found:
            return found
        node = self.nodes[key]
        return [((DYNAMIC, *_own(node)), node.hidden)]

    def _mounts(
        self, key: tuple[str, str], visiting: frozenset[tuple[str, str]]
    ) -> list[tuple[tuple[str, ...], bool]]:
        """Return the mounts of a node through parents not in ``visiting``."""
        node = self.nodes[key]
        parents = self.edges.get(key, [])
        if not parents:
            return [(_own(node), node.hidden)]
        found: list[tuple[tuple[str, ...], bool]] = []
        for edge in parents:
            if edge.parent in visiting:
                continue
            for pieces, hidden in self._mounts(edge.parent, visiting | {edge.parent}):
                joined = (*pieces, *edge.pieces, *_registered_prefix(node, edge))
                found.append((joined, hidden or edge.hidden or node.hidden))
        return found[:_MAX_MOUNTS]

    def symbols(self) -> list[Symbol]:
        """Return a Symbol for every visible route under every prefix it is mounted at."""
        cache: dict[tuple[str, str], list[tuple[tuple[str, ...], bool]]] = {}
        symbols = []
        for route in self.routes:
            if route.hidden:
                continue
            if route.node not in cache:
                cache[route.node] = self.mounts(route.node)
            framework = self.nodes[route.node].framework
            for pieces, hidden in cache[route.node]:
                if not hidden:
                    symbols.append(_symbol(route, _join(framework, (*pieces, *route.pieces))))
        return symbols
