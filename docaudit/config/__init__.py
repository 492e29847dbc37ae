"""Settings: the grouped settings, loaded from pyproject.toml or docaudit.toml and overridden
by CLI flags.
"""
