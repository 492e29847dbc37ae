"""Java: Checkstyle 8.36's ``MissingJavadocType`` and ``MissingJavadocMethod`` rules, read
with tree-sitter: ``parse`` reads a file's declarations with their Javadocs as Checkstyle
attaches them and the traits its options need, ``count`` applies the rules under
``counting.java``, ``link`` resolves imports by the packages the files declare."""

from __future__ import annotations

from docaudit.analysers.java.count import count
from docaudit.analysers.java.link import link
from docaudit.analysers.java.parse import parse
from docaudit.analysers.languages import Language

LANGUAGES = {"java": Language("java", parse, count, link)}
"""The Java language."""
