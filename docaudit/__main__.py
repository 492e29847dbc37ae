"""Run docaudit as ``python -m docaudit``."""

from docaudit.cli import main

main()
