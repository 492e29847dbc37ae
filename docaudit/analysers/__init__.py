"""Analysers: file contents to symbols, per-file facts and imports; one folder per language,
and the public-surface analysers over their facts.
"""
