"""The cache: SQLite under .docaudit/, parses keyed by blob id and history keyed by commit."""
