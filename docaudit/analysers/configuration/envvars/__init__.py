"""Environment variables the code reads, found in each file's syntax tree without running it.

``collect`` runs once per file in the parse worker and returns ``EnvFacts``:

- ``reads``: the variables it can name by itself (``os.environ``, ``os.getenv``, pydantic
  settings, django-environ, python-decouple, environs, click/typer ``envvar=``);
- ``templates``: reads inside a function whose variable name is one of its parameters
  (``def envbool(name): return os.getenv(name)``), a thin wrapper to expand at call sites;
- ``functions``: the signatures of those functions (and of functions forwarding a
  parameter to another call), to map call arguments onto parameters;
- ``calls``: calls whose arguments could name a variable through a wrapper (a literal of
  environment-variable shape, or a parameter forwarded by a function);
- ``bindings``: module-level names bound to a reader (``env = environ.Env()``) or to an
  instance of a class, to resolve calls made through them from other files.

``env_reads`` links them across files: wrappers (up to ``MAX_WRAPPER_DEPTH`` levels) are
expanded at each call site that passes a literal name.

Modules: ``facts`` (the facts' types), ``readers`` (reader functions and how they are
called, ``EnvRead``), ``arguments`` (arguments described as ``Arg`` records),
``settings`` (pydantic settings), ``collector`` (``collect``, per file) and ``linking``
(``env_reads``, across files).
"""

from docaudit.analysers.configuration.envvars.collector import collect
from docaudit.analysers.configuration.envvars.libraries import LIBRARY_READS, library_reads
from docaudit.analysers.configuration.envvars.linking import auto_envvar_prefixes, env_reads
from docaudit.analysers.configuration.envvars.readers import (
    MAX_WRAPPER_DEPTH,
    WELL_KNOWN,
    EnvRead,
    is_well_known,
)

__all__ = [
    "LIBRARY_READS",
    "MAX_WRAPPER_DEPTH",
    "WELL_KNOWN",
    "EnvRead",
    "auto_envvar_prefixes",
    "collect",
    "env_reads",
    "is_well_known",
    "library_reads",
]
