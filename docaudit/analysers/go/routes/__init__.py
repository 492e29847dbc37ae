"""The web API a Go file builds, as ``analysers.routes`` facts: its routers (gin, echo,
chi, fiber, ``net/http``'s ``ServeMux``), the routes registered on them, the sub-routers
mounted under a prefix, and the functions that can be another file's handlers.

A value is followed through the file as go/types would, in part: a variable holds what
its declaration or last assignment gave it (a router built by ``gin.Default()``, a
group, a function's result, a value of a named type), a parameter what its type says.
Keys (see ``analysers.routes``) are ``go:<package folder>#<name>``: a package variable by
its name, a function's local by ``F.name`` (``T.M.name`` in a method), what a function
returns by ``F.return``, a router parameter by ``F.<position>``, a field by ``T.field``;
another package's are written with its import path, which the join resolves to the
folder that declares them. A router nothing here built (a package variable of another
file, a field) is taken for one only where the call can be nothing else: a method of a
framework the file imports, with a path literal starting with ``/``.
"""

from __future__ import annotations

from collections.abc import Callable

from tree_sitter import Node

from docaudit.analysers import treesitter
from docaudit.analysers.go.routes import frameworks as fw
from docaudit.analysers.go.routes.reader import Reader
from docaudit.analysers.go.routes.values import QUERY
from docaudit.analysers.routes import RouteFacts


def route_reads(grammar: Callable[[], object], root: Node, data: bytes, path: str) -> RouteFacts:
    """Return the routers, routes, mounts and handlers of the Go file ``path``."""
    if not any(marker in data for marker in fw.MARKERS[1:]) and not (
        fw.MARKERS[0] in data and any(use in data for use in fw.HTTP_USES)
    ):
        return RouteFacts()
    return Reader(treesitter.matches(grammar, QUERY, root), path).read()
