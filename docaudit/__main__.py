"""Run docaudit as ``python -m docaudit``."""

import os
import sys

# ``python -m`` puts the current folder first on sys.path, and that folder is the
# repository being audited, whose code must never be imported: a ``tomllib.py`` or a
# ``numpy/`` there would shadow the modules docaudit loads later. docaudit itself is
# imported by now, and its submodules are found through its own package path.
if not sys.flags.safe_path and sys.path and os.path.abspath(sys.path[0] or ".") == os.getcwd():
    del sys.path[0]

from docaudit.console import run  # noqa: E402

run()
