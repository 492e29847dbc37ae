"""OpenAPI / Swagger / AsyncAPI documentation coverage (docaudit.analysers.apis.openapi)."""

from __future__ import annotations

import time

import pytest
import yaml

from docaudit.analysers.apis import openapi
from docaudit.analysers.apis.openapi import analyse_spec
from docaudit.discover.specsniff import SNIFF_BYTES, is_spec
from tests.helpers import FIXTURES

SPECS = FIXTURES / "specs"
OPS = "operation-description, operation-summary"
OAS3_PARAM = "oas3-parameter-description, parameter-description"
OAS2_PARAM = "oas2-parameter-description, parameter-description"
SCHEMA = "docs-schema-description, component-description"
LOADERS = [yaml.SafeLoader, *([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])]


@pytest.fixture(params=LOADERS, ids=lambda loader: loader.__name__)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run a test with libyaml's loader and with the pure-Python one: same answers."""
    monkeypatch.setattr(openapi, "_LOADER", request.param)


def rows(result: openapi.SpecResult) -> list[tuple[str, str, int, bool, list[str]]]:
    return [(s.kind, s.qualname, s.line, s.documented, s.problems) for s in result.symbols]


def analyse_fixture(relpath: str) -> openapi.SpecResult:
    return analyse_spec(f"specs/{relpath}", (SPECS / relpath).read_bytes())


def analyse_text(text: str, path: str = "api/openapi.yaml") -> openapi.SpecResult:
    return analyse_spec(path, text.encode())


def missing(rules: str) -> list[str]:
    return [f"missing description ({rules})"]


def placeholder(rules: str) -> list[str]:
    return [f"placeholder description ({rules})"]


# Sniffing.


@pytest.mark.parametrize(
    "relpath",
    [
        "petstore/openapi.yaml",
        "swagger/swagger.json",
        "streetlights/asyncapi.yaml",
        "accounts/asyncapi.yaml",
        "catalog/openapi.yaml",
    ],
)
def test_is_spec_recognises_every_fixture(relpath: str) -> None:
    assert is_spec((SPECS / relpath).read_bytes())


@pytest.mark.parametrize(
    "text",
    [
        "\ufeffopenapi: 3.0.0\ninfo: {}\n",
        "# Generated\n%YAML 1.2\n---\n'swagger': '2.0'\n",
        "asyncapi:\n  '3.0.0'\n",
        '{\n  "info": {"title": "x", "tags": [{"a": 1}]},\n  "openapi": "3.1.0"\n}',
        '{"asyncapi":"2.6.0"}',
    ],
)
def test_is_spec_finds_a_top_level_key(text: str) -> None:
    assert is_spec(text.encode())


@pytest.mark.parametrize(
    "text",
    [
        "server:\n  port: 8080\n",
        "# openapi: 3.0.0\nname: app\n",
        "tools:\n  openapi: 3.0.0\n",
        "openapi_generator: 7\n",
        '{"name": "app", "config": {"openapi": "3.0.0"}}',
        '{"name": "app", "keywords": ["openapi", "swagger"]}',
        "",
    ],
)
def test_is_spec_rejects_other_files(text: str) -> None:
    assert not is_spec(text.encode())


def test_is_spec_reads_only_the_first_bytes() -> None:
    padding = "# filler line\n" * (SNIFF_BYTES // 14 + 1)
    assert not is_spec(f"{padding}openapi: 3.0.0\n".encode())
    assert is_spec(f"openapi: 3.0.0\n{padding}".encode())


# Fixtures, counted by hand.


def test_openapi_30_petstore(loader: None) -> None:
    result = analyse_fixture("petstore/openapi.yaml")
    # Hand count: info 1 + tags 3 + operations 5 + parameters 5 + schemas 5 = 19 symbols,
    # 9 documented. Limit is used twice (lines 22 and 59) but counted once, where defined;
    # TraceId's sibling description (line 60) is ignored in 3.0; Pets is a $ref to PetList,
    # whose description is the placeholder "description"; DELETE has summary '' and
    # description TBD; the two broken parameter refs of DELETE are errors, not symbols.
    assert rows(result) == [
        ("spec-info", "info", 2, True, []),
        ("spec-tag", "tag pets", 10, True, []),
        ("spec-tag", "tag store", 12, False, missing("tag-description")),
        ("spec-tag", "tag users", 13, False, placeholder("tag-description")),
        ("spec-operation", "GET /pets", 17, True, []),
        ("spec-parameter", "GET /pets parameter status (query)", 23, True, []),
        ("spec-operation", "POST /pets", 36, False, missing(OPS)),
        ("spec-parameter", "/pets/{petId} parameter petId (path)", 49, False, missing(OAS3_PARAM)),
        ("spec-operation", "GET /pets/{petId}", 54, True, []),
        ("spec-operation", "DELETE /pets/{petId}", 69, False, placeholder(OPS)),
        ("spec-operation", "GET /store/inventory", 82, True, []),
        (
            "spec-parameter",
            "GET /store/inventory parameter X-Request-ID (header)",
            87,
            False,
            placeholder(OAS3_PARAM),
        ),
        ("spec-parameter", "components.parameters.Limit", 97, True, []),
        (
            "spec-parameter",
            "components.parameters.TraceId",
            104,
            False,
            [
                *missing(OAS3_PARAM),
                "description beside $ref at line 60 is ignored before OpenAPI 3.1",
            ],
        ),
        ("spec-schema", "schema Pet", 110, True, []),
        ("spec-schema", "schema NewPet", 122, False, missing(SCHEMA)),
        ("spec-schema", "schema Pets", 128, False, placeholder(SCHEMA)),
        ("spec-schema", "schema PetList", 130, False, placeholder(SCHEMA)),
        ("spec-schema", "schema Error", 135, True, []),
    ]
    assert result.errors == [
        "line 75: $ref #/components/parameters/Missing not found",
        "line 76: external $ref common.yaml#/components/parameters/Tenant not followed",
    ]
    by_name = {s.qualname: s for s in result.symbols}
    where = "specs/petstore/openapi.yaml"
    assert by_name["components.parameters.Limit"].sites == [f"{where}:22", f"{where}:59"]
    assert by_name["components.parameters.TraceId"].sites == [f"{where}:60"]
    assert {(s.path, s.public, s.note) for s in result.symbols} == {(where, True, None)}
    assert [s.level for s in result.symbols].count("documented") == 9
    assert {s.level for s in result.symbols if not s.documented} == {"undocumented"}


def test_swagger_20_json(loader: None) -> None:
    result = analyse_fixture("swagger/swagger.json")
    # Hand count: info (no description), tag books, GET/POST /books, DELETE /books/{isbn}
    # (nothing), parameters author (none), book (body, described), isbn (""), the shared
    # PageSize (used by GET /books at line 22), definitions Book and Shelf: 11 symbols,
    # 6 documented. JSON items start on their "{" line.
    assert rows(result) == [
        ("spec-info", "info", 3, False, missing("info-description")),
        ("spec-tag", "tag books", 10, True, []),
        ("spec-operation", "GET /books", 17, True, []),
        ("spec-parameter", "GET /books parameter author (query)", 24, False, missing(OAS2_PARAM)),
        ("spec-operation", "POST /books", 42, True, []),
        ("spec-parameter", "POST /books parameter book (body)", 45, True, []),
        ("spec-operation", "DELETE /books/{isbn}", 62, False, missing(OPS)),
        (
            "spec-parameter",
            "DELETE /books/{isbn} parameter isbn (path)",
            64,
            False,
            missing(OAS2_PARAM),
        ),
        ("spec-parameter", "parameters.PageSize", 81, True, []),
        ("spec-schema", "schema Book", 89, True, []),
        ("spec-schema", "schema Shelf", 98, False, missing(SCHEMA)),
    ]
    assert result.errors == []
    assert result.symbols[8].sites == ["specs/swagger/swagger.json:22"]


def test_asyncapi_2_streetlights(loader: None) -> None:
    result = analyse_fixture("streetlights/asyncapi.yaml")
    # Hand count: info, tags lights/ops, four channel operations (the dim channel has both
    # publish and subscribe; subscribe's summary is TODO), messages lightMeasured (summary),
    # turnOnOff (title only), dimLight, schemas (dimLightPayload's description is blank):
    # 13 symbols, 7 documented. Channel parameters are not counted.
    measured = "smartylighting/streetlights/1/0/event/{streetlightId}/lighting/measured"
    action = "smartylighting/streetlights/1/0/action/{streetlightId}"
    rules = "asyncapi-operation-description"
    assert rows(result) == [
        ("spec-info", "info", 2, True, []),
        ("spec-tag", "tag lights", 14, True, []),
        ("spec-tag", "tag ops", 16, False, missing("asyncapi-tag-description")),
        ("spec-operation", f"SUBSCRIBE {measured}", 23, True, []),
        ("spec-operation", f"PUBLISH {action}/turn/on", 32, False, missing(rules)),
        ("spec-operation", f"PUBLISH {action}/dim", 37, True, []),
        ("spec-operation", f"SUBSCRIBE {action}/dim", 42, False, placeholder(rules)),
        ("spec-schema", "message lightMeasured", 49, True, []),
        ("spec-schema", "message turnOnOff", 55, False, missing("spec-message-description")),
        ("spec-schema", "message dimLight", 60, True, []),
        ("spec-schema", "schema lightMeasuredPayload", 66, False, missing(SCHEMA)),
        ("spec-schema", "schema turnOnOffPayload", 73, True, []),
        ("spec-schema", "schema dimLightPayload", 80, False, missing(SCHEMA)),
    ]
    assert result.errors == []


def test_asyncapi_3_accounts(loader: None) -> None:
    result = analyse_fixture("accounts/asyncapi.yaml")
    # Hand count: info (no description), info.tags accounts/email, operations
    # sendUserSignedUp (summary), receiveUserDeleted (nothing), replayUserSignedUp (a $ref
    # to components.operations.replay, described there), messages and schema User:
    # 9 symbols, 4 documented. Operations are named "<action> <operationId>".
    rules = "asyncapi-3-operation-description"
    assert rows(result) == [
        ("spec-info", "info", 2, False, missing("asyncapi-info-description")),
        ("spec-tag", "tag accounts", 6, True, []),
        ("spec-tag", "tag email", 8, False, missing("asyncapi-3-tag-description")),
        ("spec-operation", "send sendUserSignedUp", 21, True, []),
        ("spec-operation", "receive receiveUserDeleted", 26, False, missing(rules)),
        ("spec-operation", "send replayUserSignedUp", 30, True, []),
        ("spec-schema", "message UserSignedUp", 40, False, missing("spec-message-description")),
        ("spec-schema", "message UserDeleted", 43, True, []),
        ("spec-schema", "schema User", 48, False, missing(SCHEMA)),
    ]
    assert result.errors == []


def test_openapi_31_reference_siblings_count(loader: None) -> None:
    result = analyse_fixture("catalog/openapi.yaml")
    # Hand count: info, GET /products with q, GET /products/{id} from a $ref'd path item
    # (its $ref to q, line 26, is not a second symbol), Cursor (no description of its own,
    # but both $refs, lines 14 and 27, describe it: documented in 3.1), Locale (line 29's
    # $ref has no description: undocumented), Product, Item (a $ref whose sibling
    # description counts in 3.1): 8 symbols, 5 documented.
    assert rows(result) == [
        ("spec-info", "info", 2, True, []),
        ("spec-operation", "GET /products", 8, True, []),
        ("spec-parameter", "GET /products parameter q (query)", 11, True, []),
        ("spec-operation", "GET /products/{id}", 23, False, missing(OPS)),
        ("spec-parameter", "components.parameters.Cursor", 31, True, []),
        ("spec-parameter", "components.parameters.Locale", 34, False, missing(OAS3_PARAM)),
        ("spec-schema", "schema Product", 38, False, missing(SCHEMA)),
        ("spec-schema", "schema Item", 40, True, []),
    ]
    assert result.errors == []


# Bad input: never a crash, a reported problem, and the rest analysed.

MERGED = """\
openapi: 3.0.3
info: {title: Merged, version: '1', description: Paging defaults through merge keys}
x-defaults:
  paging: &paging
    in: query
    description: Paging control
  listing: &listing
    summary: List things
paths:
  /items:
    get:
      <<: *listing
      parameters:
        - <<: *paging
          name: page
        - <<: [{description: ''}, *paging]
          name: size
  /things:
    get: *listing
"""


def test_anchors_and_merge_keys(loader: None) -> None:
    # page takes the merged description; size's first merge source ('' description) wins
    # over the second; /things reuses the listing mapping (line 8) as its operation.
    result = analyse_text(MERGED)
    assert rows(result) == [
        ("spec-info", "info", 2, True, []),
        ("spec-operation", "GET /items", 11, True, []),
        ("spec-parameter", "GET /items parameter page (query)", 14, True, []),
        ("spec-parameter", "GET /items parameter size (query)", 16, False, missing(OAS3_PARAM)),
        ("spec-operation", "GET /things", 19, True, []),
    ]
    assert result.errors == []


def test_tab_indentation_is_an_error_with_its_line(loader: None) -> None:
    result = analyse_text("openapi: 3.0.0\ninfo:\n\ttitle: Tabs\n")
    assert result.symbols == []
    assert len(result.errors) == 1
    assert result.errors[0].startswith("line 3: found character")
    assert result.errors[0].endswith("that cannot start any token")


def test_duplicate_keys_keep_the_last_and_are_reported(loader: None) -> None:
    text = """\
openapi: 3.0.0
info:
  title: Duplicates
  description: First words
  description: ''
paths:
  /a:
    get:
      summary: Read A
  /a:
    post:
      summary: Write A
"""
    result = analyse_text(text)
    assert rows(result) == [
        ("spec-info", "info", 2, False, missing("info-description")),
        ("spec-operation", "POST /a", 11, True, []),
    ]
    assert result.errors == ["duplicate key description at line 5", "duplicate key /a at line 10"]


def test_multiple_documents_analyse_the_first_spec(loader: None) -> None:
    text = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: api-spec
---
openapi: 3.0.0
info:
  title: Second document
  description: The spec is the second document of this file
---
---
kind: Notes
"""
    result = analyse_text(text)
    assert rows(result) == [("spec-info", "info", 7, True, [])]
    assert result.errors == ["other YAML documents not analysed (at lines 1, 12)"]


def test_ref_cycles_terminate(loader: None) -> None:
    # A recursive anchor, A -> B -> A, a self-referencing schema, an external ref, a ref to
    # an inline parameter already counted (not a second symbol), and two pointers that are
    # not indexes (a superscript digit, a newline: the error stays on one line).
    text = """\
openapi: 3.0.0
info: {title: Cycles, version: '1', description: Every kind of loop}
x-self: &self
  child: *self
paths:
  /loop:
    get:
      summary: Loops
      parameters:
        - $ref: '#/components/parameters/A'
        - $ref: 'https://example.com/params.yaml#/Tenant'
        - {name: first, in: query, description: Index of the first item}
        - $ref: '#/paths/~1loop/get/parameters/2'
        - $ref: '#/paths/~1loop/get/parameters/²'
        - $ref: "#/paths/~1loop/get/parameters/9\\n"
components:
  parameters:
    A:
      $ref: '#/components/parameters/B'
    B:
      $ref: '#/components/parameters/A'
  schemas:
    Node:
      $ref: '#/components/schemas/Node'
"""
    result = analyse_text(text)
    assert rows(result) == [
        ("spec-info", "info", 2, True, []),
        ("spec-operation", "GET /loop", 7, True, []),
        ("spec-parameter", "GET /loop parameter first (query)", 12, True, []),
    ]
    assert result.errors == [
        "line 11: external $ref https://example.com/params.yaml#/Tenant not followed",
        "line 14: $ref #/paths/~1loop/get/parameters/² not found",
        "line 15: $ref #/paths/~1loop/get/parameters/9 not found",
        "line 19: $ref cycle through #/components/parameters/B",
        "line 21: $ref cycle through #/components/parameters/A",
        "line 24: $ref cycle through #/components/schemas/Node",
    ]


def billion_laughs() -> str:
    lines = ["openapi: 3.0.0", "info: {title: Laughs, version: '1', description: A bomb}"]
    lines.append('x-lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]')
    for level in range(1, 10):
        aliases = ", ".join([f"*lol{level - 1}"] * 9)
        lines.append(f"x-lol{level}: &lol{level} [{aliases}]")
    lines += ["paths:", "  /lol:", "    get:", "      summary: Laugh", "      parameters: *lol9"]
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_never_expanded(loader: None) -> None:
    started = time.perf_counter()
    result = analyse_text(billion_laughs())
    assert time.perf_counter() - started < 5
    # 9**10 strings if expanded; read once each. parameters is *lol9 (line 12), whose nine
    # items are the list *lol8, which starts on line 11.
    assert rows(result) == [
        ("spec-info", "info", 2, True, []),
        ("spec-operation", "GET /lol", 15, True, []),
    ]
    assert result.errors == [
        f"line 11: GET /lol parameter #{index} is a sequence, not a mapping"
        for index in range(1, 10)
    ]


def test_labels_made_of_aliases_are_never_formatted(loader: None) -> None:
    # Names, locations, actions and versions that are the bomb fall back to placeholders.
    bomb = billion_laughs().split("paths:")[0].replace("openapi: 3.0.0\n", "")
    text = f"""{bomb}openapi: *lol9
tags:
  - name: *lol9
paths:
  /lol:
    get:
      summary: Laugh
      parameters:
        - {{name: *lol9, in: *lol9, description: A parameter with no name}}
"""
    started = time.perf_counter()
    result = analyse_text(text)
    assert time.perf_counter() - started < 5
    assert rows(result) == [
        ("spec-info", "info", 1, True, []),
        ("spec-tag", "tag #1", 14, False, missing("tag-description")),
        ("spec-operation", "GET /lol", 17, True, []),
        ("spec-parameter", "GET /lol parameter #1 (?)", 20, True, []),
    ]
    assert result.errors == []


def test_node_budget_stops_the_analysis(loader: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(openapi, "NODE_BUDGET", 50)
    tags = "".join(f"  - name: tag{index}\n" for index in range(30))
    result = analyse_text(f"openapi: 3.0.0\ntags:\n{tags}")
    assert result.symbols == []
    assert result.errors == ["too many nodes (more than 50): analysis stopped"]


def test_deep_nesting_is_cut_and_the_rest_analysed(loader: None) -> None:
    deep = "".join(f"{'  ' * level}k{level}:\n" for level in range(1, 260))
    text = f"openapi: 3.1.0\ninfo:\n  description: Deep\nx-deep:\n{deep}"
    result = analyse_text(text)
    assert rows(result) == [("spec-info", "info", 2, True, [])]
    # The document is depth 0; x-deep's value (line 5) depth 1; the mapping at line 4 + d is
    # depth d, so the first one past the limit (201) starts on line 205.
    assert result.errors == ["line 205: nested deeper than 200"]


def test_invalid_utf8_is_replaced_and_reported(loader: None) -> None:
    data = b"openapi: 3.0.0\ninfo:\n  description: Caf\xe9 menu\ntags:\n  - name: drinks\n"
    result = analyse_spec("openapi.yaml", data)
    assert rows(result) == [
        ("spec-info", "info", 2, True, []),
        ("spec-tag", "tag drinks", 5, False, missing("tag-description")),
    ]
    # 15 bytes of "openapi: 3.0.0\n" + 6 of "info:\n" + 18 of "  description: Caf" = 39.
    assert result.errors == ["invalid UTF-8 at byte 39: bad bytes replaced"]


def test_control_character_is_an_error_with_its_line(loader: None) -> None:
    result = analyse_text("openapi: 3.0.0\ninfo:\n  description: bell \x80\n")
    assert result.symbols == []
    assert len(result.errors) == 1
    assert result.errors[0].startswith("line 3: ")
    assert result.errors[0].endswith("characters are not allowed (character #x0080)")


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("- openapi: 3.0.0\n", "top level is a sequence, not a mapping"),
        ("just some words\n", "top level is a scalar, not a mapping"),
        ("title: not a spec\n", "no top-level openapi, swagger or asyncapi key"),
        ("", "no top-level openapi, swagger or asyncapi key"),
    ],
)
def test_top_level_that_is_not_a_spec(loader: None, text: str, error: str) -> None:
    assert analyse_text(text) == openapi.SpecResult([], [error])


def test_null_paths_and_list_operation(loader: None) -> None:
    text = """\
openapi: 3.0.0
info: {title: Odd shapes, version: '1'}
tags: {name: not-a-list}
paths:
  /a:
    get: [summary, Read A]
    post:
      description: Write A
    put: null
  /b: null
components:
  schemas: null
"""
    result = analyse_text(text)
    assert rows(result) == [
        ("spec-info", "info", 2, False, missing("info-description")),
        ("spec-operation", "POST /a", 7, True, []),
    ]
    assert result.errors == [
        "line 3: tags is a mapping, not a sequence",
        "line 6: operation GET /a is a sequence, not a mapping",
        "line 9: operation PUT /a is null, not a mapping",
        "line 10: path item /b is null, not a mapping",
        "line 12: schemas is null, not a mapping",
    ]
    assert analyse_text("openapi: 3.0.0\npaths: null\n").errors == [
        "line 2: paths is null, not a mapping"
    ]


def test_json_that_pyyaml_rejects_is_read_with_line_1(loader: None) -> None:
    # A raw U+0080 is valid JSON but not valid YAML: json.loads reads it, without lines.
    text = '{"openapi": "3.0.0",\n "info": {"title": "x\u0080", "description": "Works"},\n'
    text += ' "tags": [{"name": "misc"}]}\n'
    result = analyse_text(text, "openapi.json")
    assert rows(result) == [
        ("spec-info", "info", 1, True, []),
        ("spec-tag", "tag misc", 1, False, missing("tag-description")),
    ]
    assert {s.note for s in result.symbols} == {openapi._JSON_NOTE}
    assert result.errors == []


def test_invalid_json_is_an_error(loader: None) -> None:
    result = analyse_text('{"openapi": "3.0.0",\n "info": {\n', "openapi.json")
    assert result == openapi.SpecResult(
        [], ["line 3: invalid JSON: Expecting property name enclosed in double quotes"]
    )


@pytest.mark.slow
def test_truncated_files_never_crash(loader: None) -> None:
    for relpath in ("petstore/openapi.yaml", "swagger/swagger.json", "accounts/asyncapi.yaml"):
        data = (SPECS / relpath).read_bytes()
        for end in range(0, len(data), 41):
            result = analyse_spec(relpath, data[:end])
            assert all(isinstance(error, str) and "\n" not in error for error in result.errors)
