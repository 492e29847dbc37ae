"""Configuration analysers: environment variables, config-file keys, and their coverage against
the docs.
"""
