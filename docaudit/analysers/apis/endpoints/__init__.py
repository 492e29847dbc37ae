"""Web API endpoints of Flask, FastAPI, Django (with REST framework), aiohttp and Starlette code.

``collect`` reads one file's syntax tree into ``EndpointFacts`` (``facts``): the
framework objects it creates (apps, blueprints, routers, route tables), the routes
registered on them, its route lists and ``urlpatterns``, and the functions and classes
that can serve as handlers. ``endpoint_symbols`` joins every file's facts: it resolves
receivers and handlers through imports, follows blueprint, router, ``include()`` and
mount prefixes, and returns one ``endpoint`` Symbol per (handler, HTTP method).

Rules worth knowing:

- Only objects built by a framework constructor are receivers, so ``@cache.get("/x")``
  on anything else is never an endpoint; a name rebound to something else stops being one.
- A view whose methods cannot be known statically (a Django function view, a class view
  with no method defined) is reported as ``GET``; methods given by a non-literal
  expression are reported as ``ANY`` with the note ``unknown methods``.
- A path part may be a literal, a module-level string constant of any file (literals,
  ``+`` and f-strings of them), or a field of a settings object (``settings =
  Settings()``, a ``BaseSettings`` subclass) with a literal default; any other part
  becomes ``<dynamic>`` and the symbol is noted ``partial path``, as is an endpoint
  reached only through an include or mount cycle.
- A handler that resolves into the repository's own packages but cannot be found is
  reported at its registration, undocumented, noted ``handler not found``; a handler of
  a third-party package (``django.contrib.auth`` views) is not the repository's endpoint.
- Documented: the handler's docstring (up to a ``\\f`` or a line starting with ``---``,
  and not a placeholder, whose problem is ``placeholder`` rather than ``missing``), a
  literal ``summary=``/``description=`` on the route, or a documentation decorator with
  one. A class view's method uses its own docstring, else the class docstring, where
  REST framework's per-action sections (``list:``...) decide for the action they name
  and the text before the sections for the others.
- DRF routers: the ``DefaultRouter`` API root view is not reported; detail routes use
  ``{pk}`` (or the class's ``lookup_url_kwarg``/``lookup_field``).
"""

from docaudit.analysers.apis.endpoints.linking import endpoint_symbols
from docaudit.analysers.apis.endpoints.reader import collect

__all__ = ["collect", "endpoint_symbols"]
