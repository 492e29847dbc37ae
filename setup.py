"""Build hook: install ``docaudit-safe-main.pth`` beside the package (see docs/security.md).

``python -m docaudit`` puts the current folder first on ``sys.path`` before it looks
the module up, so in a scanned repository with a ``docaudit/`` folder of its own that
folder's code would run. The ``.pth`` file, read when Python starts (before the current
folder is added), imports the installed docaudit first for such a run, and ``-m`` then
finds the installed package already imported. Everything else is in pyproject.toml.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

PTH = "docaudit-safe-main.pth"


class BuildWithPth(build_py):
    """``build_py`` that also puts the ``.pth`` file at the top of the built tree."""

    def run(self) -> None:
        """Build the package, then copy the ``.pth`` file beside it."""
        super().run()
        self.copy_file(PTH, str(Path(self.build_lib) / PTH))

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        """List the built files, the ``.pth`` file included (editable installs read this)."""
        return [*super().get_outputs(include_bytecode), str(Path(self.build_lib) / PTH)]


setup(cmdclass={"build_py": BuildWithPth})
