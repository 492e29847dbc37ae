"""Keys of runtime configuration files, with their lines and documenting comments.

Given one file's repo-relative path and bytes, this finds the leaf keys of a config file
(YAML, TOML, INI, Java ``.properties``, ``.env``, JSON, Python settings) and the
environment variables it declares (example env files, compose ``environment:``,
Dockerfile ``ENV``/``ARG``, Kubernetes container ``env``, Helm ``env`` lists). A key is
documented by a comment block ending on the line directly above it or by an inline
comment; a section's comment does not document its children. Nothing is executed:
Python is read with ``ast`` and ``tokenize``, YAML only with a safe loader, and YAML
aliases are never expanded.
"""

from __future__ import annotations

from docaudit.analysers.configuration.files._common import (
    ConfigFile,
    ConfigKey,
    EnvDeclaration,
    EnvInterpolation,
    _Collector,
    _decode,
)
from docaudit.analysers.configuration.files._json import _analyse_json, schema_descriptions
from docaudit.analysers.configuration.files._plain import (
    _analyse_dockerfile,
    _analyse_env_file,
    _analyse_ini,
    _analyse_properties,
)
from docaudit.analysers.configuration.files._python_settings import _analyse_python_settings
from docaudit.analysers.configuration.files._toml import _analyse_toml
from docaudit.analysers.configuration.files._yaml_readers import (
    _analyse_compose,
    _analyse_helm_values,
    _analyse_yaml,
    image_environment,
    mentioned_envs,
)
from docaudit.discover.configkinds import (
    DEFAULT_CONFIG_EXCLUDES,
    DEFAULT_CONFIG_FILES,
    config_kind,
    is_excluded,
    is_k8s_manifest,
)

__all__ = [
    "DEFAULT_CONFIG_EXCLUDES",
    "DEFAULT_CONFIG_FILES",
    "ConfigFile",
    "ConfigKey",
    "EnvDeclaration",
    "EnvInterpolation",
    "analyse_config",
    "config_kind",
    "image_environment",
    "is_excluded",
    "is_k8s_manifest",
    "mentioned_envs",
    "schema_descriptions",
]


def analyse_config(path: str, data: bytes, kind: str) -> ConfigFile:
    """Return the keys, env declarations and problems of one config file.

    ``kind`` comes from :func:`config_kind`. Bad input never raises: a file that cannot
    be decoded or parsed gives an error entry (and the keys of any part that parsed).
    """
    out = _Collector(path)
    text = _decode(data)
    analyser = _ANALYSERS.get(kind)
    if text is None:
        out.error(None, "binary or not UTF-8")
    elif analyser is None:
        out.error(None, f"unknown config kind {kind!r}")
    else:
        analyser(text, out)
    return out.result()


_ANALYSERS = {
    "env-file": _analyse_env_file,
    "compose": _analyse_compose,
    "helm-values": _analyse_helm_values,
    "yaml": _analyse_yaml,
    "toml": _analyse_toml,
    "ini": _analyse_ini,
    "properties": _analyse_properties,
    "json": _analyse_json,
    "python-settings": _analyse_python_settings,
    "dockerfile": _analyse_dockerfile,
}
