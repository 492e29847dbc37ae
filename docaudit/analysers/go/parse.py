"""Read one Go file: its package clause and comment, its top-level declarations with the
doc comment each has as go/ast attaches it, and its imports.

A doc comment is the comment group that ends on the line directly above a declaration
(go/parser's lead comment): ``//`` lines and ``/* */`` blocks with no blank line between
them. A comment on the same line as the token before it is that line's comment, not the
start of a doc. A spec in a parenthesised group has its own doc or, failing that, the
group's (``GenDecl.Doc``, which is also the doc of an unparenthesised declaration).
"""

from __future__ import annotations

import re
from dataclasses import replace

import tree_sitter_go
from tree_sitter import Node

from docaudit.analysers import treesitter
from docaudit.analysers.commands import command_facts
from docaudit.analysers.envreads import env_facts
from docaudit.analysers.go.commands import command_reader
from docaudit.analysers.go.declarations import doc_comments, receiver_type, signature, verdict
from docaudit.analysers.go.envs import env_reads
from docaudit.analysers.go.routes import route_reads
from docaudit.analysers.routes import route_facts
from docaudit.model.symbols import MISSING, Definition, ParsedModule

GRAMMAR = tree_sitter_go.language
"""The tree-sitter grammar of Go."""
"""The comment that excuses the definition on its line or on the line below."""
SORT_SIGNATURES = {
    "Len": ((), ("int",)),
    "Less": (("int", "int"), ("bool",)),
    "Swap": (("int", "int"), ()),
}
"""sort.Interface's methods and their signatures (parameter types, result types)."""

_GENERATED = re.compile(r"^// Code generated .* DO NOT EDIT\.$")
_SPECS = {
    "type_declaration": ("class", ("type_spec", "type_alias")),
    "const_declaration": ("constant", ("const_spec",)),
    "var_declaration": ("constant", ("var_spec",)),
}


def parse(data: bytes, path: str) -> ParsedModule:
    """Return the package, declarations and imports of one Go file (see the module's
    docstring), or raise ``AnalysisError`` for a file that cannot be decoded."""
    data = treesitter.decode(data)
    tree = treesitter.parse(GRAMMAR, data)
    root = tree.root_node
    found = treesitter.captures(GRAMMAR, "(comment) @comment", root)
    pragmas = treesitter.pragma_lines(found.get("comment", []))
    reader = _Reader(pragmas)
    clause = next((c for c in root.named_children if c.type == "package_clause"), None)
    for node in root.named_children:
        reader.read(node)
    traits = [f"package={_package_name(clause)}"] if clause is not None else []
    if _generated(data, root, clause):
        traits.append("generated")
    traits.extend(f"sortable={t}" for t, names in reader.sort_methods.items() if len(names) == 3)
    last = data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)
    return treesitter.file_parse(
        tree,
        GRAMMAR,
        path=path,
        language="go",
        doc=MISSING
        if clause is None
        else verdict(doc_comments(clause), _package_name(clause), deprecation=False),
        children=tuple(reader.children),
        last_line=last,
        imports=tuple(reader.imports),
        facts=env_facts(env_reads(GRAMMAR, root, data))
        + route_facts(route_reads(GRAMMAR, root, data, path))
        + command_facts(command_reader(GRAMMAR, root, data, path)),
        first_line=1 if clause is None else treesitter.line(clause),
        pragma=reader.pragma(clause) if clause is not None else None,
        traits=tuple(traits),
    )


class _Reader:
    """Gathers a file's top-level definitions and imports, one declaration at a time."""

    def __init__(self, pragmas: frozenset[int]) -> None:
        """Start with nothing read; ``pragmas`` are the lines holding ``treesitter.PRAGMA``."""
        self.pragmas = pragmas
        self.children: list[Definition] = []
        self.imports: list[tuple[str, str]] = []
        self.sort_methods: dict[str, set[str]] = {}

    def read(self, node: Node) -> None:
        """Read one top-level node of the file (others than these are passed over)."""
        if node.type == "function_declaration":
            self._function(node, "function", (), treesitter.text(node.child_by_field_name("name")))
        elif node.type == "method_declaration":
            self._method(node)
        elif node.type in _SPECS:
            self._specs(node)
        elif node.type == "import_declaration":
            for spec in _specs(node, ("import_spec",)):
                literal = treesitter.text(spec.child_by_field_name("path"))
                self.imports.append((literal[1:-1], "import"))

    def pragma(self, node: Node) -> str | None:
        """Return ``treesitter.PRAGMA`` when it is on the node's first line or the line above."""
        first = treesitter.line(node)
        return treesitter.PRAGMA if first in self.pragmas or first - 1 in self.pragmas else None

    def _function(self, node: Node, kind: str, traits: tuple[str, ...], name: str) -> None:
        """Add a function or method declaration named ``name``."""
        exported = ("exported",) if is_exported(name) else ()
        self.children.append(
            self._definition(
                node, kind, name, verdict(doc_comments(node), name), (*exported, *traits)
            )
        )

    def _method(self, node: Node) -> None:
        """Add a method, with its receiver's type name (``receiver=T``)."""
        name = treesitter.text(node.child_by_field_name("name"))
        receiver = receiver_type(node)
        traits = [f"receiver={receiver}"]
        if name in SORT_SIGNATURES and signature(node) == SORT_SIGNATURES[name]:
            self.sort_methods.setdefault(receiver, set()).add(name)
        self._function(node, "method", tuple(traits), name)

    def _specs(self, declaration: Node) -> None:
        """Add each name of a type, const or var declaration: its spec's doc, else the
        declaration's."""
        kind, spec_types = _SPECS[declaration.type]
        group = doc_comments(declaration)
        for spec in _specs(declaration, spec_types):
            own = doc_comments(spec)
            comments = own or group
            for name_node in spec.children_by_field_name("name"):
                if not name_node.is_named:
                    continue
                name = treesitter.text(name_node)
                exported = ("exported",) if is_exported(name) else ()
                definition = self._definition(spec, kind, name, verdict(comments, name), exported)
                self.children.append(replace(definition, line=treesitter.line(name_node)))

    def _definition(
        self, node: Node, kind: str, name: str, doc: str, traits: tuple[str, ...]
    ) -> Definition:
        """Return the definition of ``node``."""
        return Definition(
            kind=kind,
            name=name,
            line=treesitter.line(node),
            is_async=False,
            decorators=(),
            bases=(),
            doc=doc,
            pragma=self.pragma(node),
            span=(treesitter.line(node), node.end_point.row + 1),
            traits=traits,
        )


def _specs(declaration: Node, types: tuple[str, ...]) -> list[Node]:
    """Return the specs of a declaration, parenthesised or not."""
    found: list[Node] = []
    for child in declaration.named_children:
        if child.type in types:
            found.append(child)
        elif child.type.endswith("_spec_list"):
            found.extend(c for c in child.named_children if c.type in types)
    return found


def _package_name(clause: Node) -> str:
    """Return the name in a package clause."""
    return next(
        (treesitter.text(c) for c in clause.named_children if c.type == "package_identifier"), ""
    )


def _generated(data: bytes, root: Node, clause: Node | None) -> bool:
    """Tell whether a line before the package clause is Go's generated-code marker
    (``^// Code generated .* DO NOT EDIT\\.$``, https://go.dev/s/generatedcode)."""
    first = next((c for c in root.named_children if c.type != "comment"), clause)
    end = first.start_point.row if first is not None else data.count(b"\n") + 1
    lines = data.split(b"\n")[:end]
    return any(_GENERATED.match(line.rstrip(b"\r").decode("utf-8")) for line in lines)


def is_exported(name: str) -> bool:
    """Tell whether a Go identifier is exported (``ast.IsExported``: an upper-case first
    letter)."""
    return name[:1].isupper()
