"""Java's web API endpoints (``analysers.java.routes``): Spring MVC controllers and
JAX-RS resources, read by the parse and joined by the real pipeline on the fixture apps
of ``fixtures/languages/routes/``, and single cases on sources written here. Every
expected value is worked out by hand from the fixture texts."""

from __future__ import annotations

from docaudit.analysers.java.parse import parse
from docaudit.analysers.routes import DYNAMIC, Route, RouteFacts, Router
from docaudit.model.symbols import MISSING, OK, PLACEHOLDER
from tests.helpers import FIXTURES, endpoint_rows

ROUTES = FIXTURES / "languages" / "routes"


def facts(source: str, path: str = "src/A.java") -> RouteFacts:
    """Return the routes facts the Java parse records for ``source``."""
    found = dict(parse(source.encode(), path).facts)
    routes = found.get("routes", RouteFacts())
    assert isinstance(routes, RouteFacts)
    return routes


SHOP = "src/main/java/com/example/shop/"
ORDERS = "src/main/java/com/example/orders/"


def test_spring_controllers() -> None:
    # HomeController: home (15) maps two paths, documented; /health is operational;
    # subscribe's Javadoc is found over the // lines around it; the nested Admin
    # controller joins "admin/" and "orders". ItemController's prefix is BASE, a "+" of
    # two literals; getItem's Javadoc "Get item." restates its name; create and delete
    # are documented by @Operation and @ApiOperation (delete's mapping is on line 39,
    # the method begins on 38 with @ApiOperation); update maps PUT and PATCH with a
    # pattern; search has no method: ANY; count's Javadoc after its annotation is none;
    # export's path is another file's constant. ItemsApi (an interface), the anonymous
    # class in helper and Routes (no controller) give nothing.
    home, items = SHOP + "HomeController.java", SHOP + "ItemController.java"
    assert endpoint_rows(ROUTES / "spring") == [
        ("GET /", home, 15, True, [], None, [f"{home}:15"]),
        ("GET /home", home, 15, True, [], None, [f"{home}:15"]),
        ("POST /newsletter", home, 28, True, [], None, [f"{home}:28"]),
        ("GET /admin/orders", home, 39, True, [], None, [f"{home}:39"]),
        ("GET /api/items", items, 16, True, [], None, [f"{items}:16"]),
        ("GET /api/items/{id}", items, 22, False, [PLACEHOLDER], None, [f"{items}:22"]),
        ("POST /api/items", items, 27, True, [], None, [f"{items}:27"]),
        ("POST /api/items/bulk", items, 27, True, [], None, [f"{items}:27"]),
        ("PATCH /api/items/{id}", items, 33, False, [MISSING], None, [f"{items}:33"]),
        ("PUT /api/items/{id}", items, 33, False, [MISSING], None, [f"{items}:33"]),
        ("DELETE /api/items/{id}", items, 38, True, [], None, [f"{items}:39"]),
        ("ANY /api/items/search", items, 43, False, [MISSING], None, [f"{items}:43"]),
        ("GET /api/items/count", items, 48, False, [MISSING], None, [f"{items}:48"]),
        (
            f"GET /api/items/{DYNAMIC}",
            items,
            54,
            False,
            [MISSING],
            "partial path",
            [f"{items}:54"],
        ),
    ]


def test_jaxrs_resources() -> None:
    # OrderResource: list documented; get's "{ id : [0-9]+ }" is {id}; place's summary
    # documents it (its empty description does not matter); cancel's Javadoc is a TODO
    # and its path the constant ONE; replace (a qualified @PUT) joins ONE + "/lines";
    # lines is a sub-resource locator (no HTTP method): left out; probe's path is another
    # file's constant. HealthResource at "/": /health is operational, /version kept.
    # LineResource (no @Path), RemoteClient (an interface) and ShopApplication's
    # @ApplicationPath give nothing.
    orders, health = ORDERS + "OrderResource.java", ORDERS + "HealthResource.java"
    assert endpoint_rows(ROUTES / "jaxrs") == [
        ("GET /version", health, 17, True, [], None, [f"{health}:17"]),
        ("GET /orders", orders, 14, True, [], None, [f"{orders}:14"]),
        ("GET /orders/{id}", orders, 19, False, [MISSING], None, [f"{orders}:19"]),
        ("POST /orders", orders, 25, True, [], None, [f"{orders}:25"]),
        ("DELETE /orders/{id}", orders, 32, False, [PLACEHOLDER], None, [f"{orders}:32"]),
        ("PUT /orders/{id}/lines", orders, 40, True, [], None, [f"{orders}:40"]),
        (
            f"HEAD /orders/{DYNAMIC}",
            orders,
            52,
            False,
            [MISSING],
            "partial path",
            [f"{orders}:52"],
        ),
    ]


def test_the_same_api_in_spring() -> None:
    assert sorted(e[0] for e in endpoint_rows(ROUTES / "same-api" / "spring")) == sorted(
        [
            "GET /api/articles",
            "POST /api/articles",
            "GET /api/articles/{slug}",
            "PUT /api/articles/{slug}",
            "DELETE /api/articles/{slug}",
            "GET /api/articles/{slug}/comments",
            "POST /api/users/login",
            "GET /api/user",
        ]
    )


def test_a_file_without_a_marker_records_no_routes() -> None:
    source = "/** A. */\n@RestController\nclass A {\n  @Get\n  void a() {}\n}\n"
    assert "routes" not in dict(parse(source.encode(), "A.java").facts)


def test_the_router_is_the_class_keyed_by_its_file_and_nested_name() -> None:
    source = """\
class Outer {
  @RequestMapping(value = {"/a/", "b"}, method = RequestMethod.POST)
  static class Inner {
    /** Runs. */
    @RequestMapping(path = {"x", "/y"}, method = {GET, RequestMethod.GET, TRACE, FOO})
    void run() {}
  }
}
"""
    key = "java:src/A#Outer.Inner"
    # The class's own method= is not read; the method's GET is kept once, TRACE kept,
    # FOO (no HTTP method) dropped; two prefixes times two paths.
    assert facts(source) == RouteFacts(
        routers=(Router(key, "spring", True),),
        routes=tuple(
            Route(key, method, path, 5, handler_line=5, doc=OK)
            for path in ("/a/x", "/a/y", "/b/x", "/b/y")
            for method in ("GET", "TRACE")
        ),
    )


def test_paths_from_literals_and_the_files_constants() -> None:
    text_block = '"' * 3
    source = rf"""
@RestController
class A {{
  static final String A = "/a";
  static final String B = (A + "/b");
  static final String LOOP = LOOP + "/x";
  static final int N = 1;
  @GetMapping(A.B + "/\u0063\t") void one() {{}}
  @GetMapping(LOOP) void two() {{}}
  @GetMapping(A + N) void three() {{}}
  @GetMapping(A - "x") void four() {{}}
  @GetMapping({text_block}
      /text/block{text_block}) void five() {{}}
  @GetMapping(path = {{}}) void six() {{}}
  @GetMapping(value = other()) void seven() {{}}
}}
"""
    # \u0063 is "c" and \t a tab; LOOP refers to itself (given up after 256 steps); N is
    # no string literal; "-" is no concatenation; a text block and a call are not read;
    # an empty array is no path.
    assert [(r.path, r.line) for r in facts(source).routes] == [
        ("/a/b/c\t", 8),
        (f"/{DYNAMIC}", 9),
        (f"/{DYNAMIC}", 10),
        (f"/{DYNAMIC}", 11),
        (f"/{DYNAMIC}", 12),
        ("/", 14),
        (f"/{DYNAMIC}", 15),
    ]


def test_jaxrs_method_designators_and_paths() -> None:
    source = """\
@Path("root")
public class R {
  @GET @HEAD @Path("/{ *rest }") public String a() { return ""; }
  @POST @Path public void b() {}
  @Path("sub") public Object c() { return null; }
  @OPTIONS public void d() {}
}
"""
    # A method with two designators is served for both (the first one's line); a bare
    # @Path is the class's path; c is a locator; spaces and a Spring-style * in a
    # parameter are dropped.
    key = "java:src/A#R"
    assert facts(source) == RouteFacts(
        routers=(Router(key, "jax-rs", True),),
        routes=(
            Route(key, "GET", "/root/{rest}", 3, handler_line=3),
            Route(key, "HEAD", "/root/{rest}", 3, handler_line=3),
            Route(key, "POST", "/root", 4, handler_line=4),
            Route(key, "OPTIONS", "/root", 6, handler_line=6),
        ),
    )


def test_openapi_annotations_document_with_human_text_only() -> None:
    source = """\
@RestController
class A {
  @Operation(summary = "TODO") @GetMapping("/a") void a() {}
  @io.swagger.annotations.ApiOperation("Lists the shelves") @GetMapping("/b") void b() {}
  @ApiOperation(value = "", notes = "Counts what is left on each shelf") @GetMapping("/c")
  void c() {}
  @Operation(summary = SUMMARY) @GetMapping("/d") void d() {}
  /** Empties the shelves. */
  @Operation(summary = "TODO") @GetMapping("/e") void e() {}
}
"""
    # a's summary is a placeholder, d's a name: the Javadoc decides (none); e's Javadoc
    # documents it whatever its summary says.
    assert [(r.path, r.doc) for r in facts(source).routes] == [
        ("/a", MISSING),
        ("/b", OK),
        ("/c", OK),
        ("/d", MISSING),
        ("/e", OK),
    ]
