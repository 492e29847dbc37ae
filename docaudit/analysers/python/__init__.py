"""The Python analyser: parsing with ast (libcst for newer syntax), the census of documentable
definitions, and interrogate's counting rules.
"""
