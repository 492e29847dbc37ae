"""Which gitignore patterns docaudit compiles: the ones pathspec accepts and can match fast.

pathspec turns each wildcard of a pattern into a backtracking regular expression, so a
path segment with many of them (``*a*a*a*a*b``) takes exponential time on a long file
name: two seconds for one name of 200 characters at five wildcards. Patterns come from
the repository (``.gitignore`` outside git, CODEOWNERS, the settings), so one with more
than ``MAX_SEGMENT_WILDCARDS`` in a segment is refused like an invalid one.
"""

from __future__ import annotations

MAX_SEGMENT_WILDCARDS = 3
"""``*`` and ``?`` in one path segment of a pattern (a ``**`` segment counts none)."""


def pattern_problem(pattern: str) -> str | None:
    """Say why ``pattern`` is not compiled (invalid, or too many wildcards), or ``None``."""
    import pathspec

    if not pattern.strip() or pattern.startswith("#"):
        return None
    for segment in pattern.split("/"):
        if segment != "**" and segment.count("*") + segment.count("?") > MAX_SEGMENT_WILDCARDS:
            return f"more than {MAX_SEGMENT_WILDCARDS} wildcards in one path segment"
    try:
        pathspec.GitIgnoreSpec.from_lines([pattern])
    except ValueError:
        return "not a valid gitignore pattern"
    return None
