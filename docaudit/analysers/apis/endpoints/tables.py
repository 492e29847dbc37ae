"""Shared tables of the endpoint analyser: framework constructors, HTTP methods, REST
framework views and actions, route verb shapes, and the depth the readers go to."""

from __future__ import annotations

DYNAMIC = "<dynamic>"
"""Stands for the part of a path that is not known statically."""

RECEIVER_CTORS = {
    "flask.Flask": "flask",
    "flask.Blueprint": "flask",
    "flask.blueprints.Blueprint": "flask",
    "quart.Quart": "flask",
    "quart.Blueprint": "flask",
    "apiflask.APIFlask": "flask",
    "apiflask.APIBlueprint": "flask",
    "flask_smorest.Blueprint": "flask",
    "fastapi.FastAPI": "fastapi",
    "fastapi.APIRouter": "fastapi",
    "fastapi.routing.APIRouter": "fastapi",
    "aiohttp.web.RouteTableDef": "aiohttp",
    "aiohttp.web.Application": "aiohttp",
    "starlette.applications.Starlette": "starlette",
    "starlette.routing.Router": "starlette",
    "rest_framework.routers.DefaultRouter": "drf",
    "rest_framework.routers.SimpleRouter": "drf",
}
"""Constructors whose objects routes are registered on, and the framework they belong to."""

HTTP_METHODS = ("get", "post", "put", "patch", "delete", "head", "options", "trace")
VIEWSET_ACTIONS = {
    "list": ("GET", False),
    "create": ("POST", False),
    "retrieve": ("GET", True),
    "update": ("PUT", True),
    "partial_update": ("PATCH", True),
    "destroy": ("DELETE", True),
}
"""REST framework viewset actions: HTTP method and whether the route is a detail route."""

_GET, _GET_POST = ("get",), ("get", "post")
GENERIC_VIEW_METHODS = {
    **dict.fromkeys(
        ("TemplateView", "RedirectView", "ListView", "DetailView", "ArchiveIndexView"), _GET
    ),
    **dict.fromkeys(("YearArchiveView", "MonthArchiveView", "DayArchiveView"), _GET),
    **dict.fromkeys(("FormView", "CreateView", "UpdateView", "DeleteView"), _GET_POST),
    "CreateAPIView": ("post",),
    "ListAPIView": _GET,
    "RetrieveAPIView": _GET,
    "DestroyAPIView": ("delete",),
    "UpdateAPIView": ("put", "patch"),
    "ListCreateAPIView": _GET_POST,
    "RetrieveUpdateAPIView": ("get", "put", "patch"),
    "RetrieveDestroyAPIView": ("get", "delete"),
    "RetrieveUpdateDestroyAPIView": ("get", "put", "patch", "delete"),
}
"""HTTP methods a generic class view serves without defining them, by base class name."""

VIEWSET_BASE_ACTIONS = {
    "ModelViewSet": tuple(VIEWSET_ACTIONS),
    "ReadOnlyModelViewSet": ("list", "retrieve"),
    "ListModelMixin": ("list",),
    "CreateModelMixin": ("create",),
    "RetrieveModelMixin": ("retrieve",),
    "UpdateModelMixin": ("update", "partial_update"),
    "DestroyModelMixin": ("destroy",),
}
"""Viewset actions a REST framework base class or mixin provides."""

_SHAPES: dict[str, tuple[str, int, int]] = {
    **{verb: (verb.upper(), 0, 1) for verb in HTTP_METHODS},
    **{f"router.add_{verb}": (verb.upper(), 0, 1) for verb in HTTP_METHODS[:6]},
    "route": ("kw", 0, 1),
    "api_route": ("kw", 0, 1),
    "websocket": ("WEBSOCKET", 0, 1),
    "websocket_route": ("WEBSOCKET", 0, 1),
    "view": ("class", 0, 1),
    "add_url_rule": ("kw", 0, 2),
    "add_api_route": ("kw", 0, 1),
    "add_route": ("kw", 0, 1),
    "add_api_websocket_route": ("WEBSOCKET", 0, 1),
    "add_websocket_route": ("WEBSOCKET", 0, 1),
    "router.add_route": ("arg", 1, 2),
    "router.add_view": ("class", 0, 1),
}
"""Route verbs: where the method comes from (fixed, ``methods=``, first argument, the
class), and the positions of the path and handler arguments."""
_PATH_KEYWORDS = ("rule", "path")
_HANDLER_KEYWORDS = ("view_func", "endpoint", "handler", "route")
_MAX_DEPTH = 12
