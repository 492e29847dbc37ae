"""docaudit: find what is undocumented, and who is the only one who knows it."""

__version__ = "0.1.0"
