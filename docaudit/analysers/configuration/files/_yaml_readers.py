"""Readers of YAML config files: generic YAML, Kubernetes manifests, Helm values, compose."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from docaudit.analysers.configuration.files._common import (
    EnvInterpolation,
    _Collector,
    _comment_above,
    _decode,
    _inline,
    _join_comments,
    _plain_lines,
)
from docaudit.analysers.configuration.files._yaml import (
    _YAML_VALUE_TAIL,
    _add_leaves,
    _get,
    _get_item,
    _is_merge,
    _scalar,
    _YamlFile,
)

if TYPE_CHECKING:
    from yaml.nodes import Node

_K8S_WORKLOADS = frozenset(
    {"Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod", "ReplicaSet"}
)
_CONTAINER_LISTS = frozenset({"containers", "initContainers", "ephemeralContainers"})
_HELM_ENV_KEY = re.compile(r"(?i)^(?:extra)?env(?:s|vars)?$")
_UPPER_ENV_NAME = re.compile(r"^[A-Z_][A-Z0-9_]*$")
_INTERPOLATION = re.compile(
    r"(?<!\$)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))"
)


def _analyse_yaml(text: str, out: _Collector) -> None:
    """Generic YAML: every leaf key; Kubernetes documents by their ``kind``."""
    yaml_file = _YamlFile(text, out)
    for document in yaml_file.documents:
        kind = _scalar(_get(document, "kind"))
        if _scalar(_get(document, "apiVersion")) is None or kind is None:
            _add_leaves(yaml_file, document, "")
        elif kind == "ConfigMap":
            _add_config_map(yaml_file, document)
        elif kind in _K8S_WORKLOADS:
            _add_container_env(yaml_file, document)


def _add_config_map(yaml_file: _YamlFile, document: Node) -> None:
    """Record a ConfigMap's ``data`` keys as ``ConfigMap/<name>.data.<key>``."""
    name = _scalar(_get(_get(document, "metadata"), "name")) or "<unnamed>"
    data = _get(document, "data")
    if data is not None:
        _add_leaves(yaml_file, data, f"ConfigMap/{name}.data")


def _add_container_env(yaml_file: _YamlFile, document: Node) -> None:
    """Record the ``env: - name: X`` entries of every container in a workload."""
    from yaml.nodes import MappingNode, SequenceNode

    for containers in _values_of(document, _CONTAINER_LISTS):
        if not isinstance(containers, SequenceNode):
            continue
        for container in containers.value:
            env = _get(container, "env")
            if isinstance(env, SequenceNode):
                for item in env.value:
                    if isinstance(item, MappingNode):
                        _add_named_env(yaml_file, item, "k8s")


def _add_named_env(yaml_file: _YamlFile, item: Node, source: str) -> None:
    """Record one ``{name: X, value: v}`` entry as an env declaration."""
    found = _get_item(item, "name")
    name = _scalar(found[1]) if found else None
    if not found or not name:
        return
    key, value = found
    comment = yaml_file.comment(key, value)
    yaml_file.out.env_var(
        name, key.start_mark.line + 1, comment, _scalar(_get(item, "value")), source
    )


def _values_of(root: Node, names: frozenset[str]) -> Iterator[Node]:
    """Yield the values of every key named in ``names`` anywhere under ``root``."""
    from yaml.nodes import MappingNode, SequenceNode

    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                if _scalar(key) in names:
                    yield value
            stack.extend(reversed([value for _, value in node.value]))


def _analyse_helm_values(text: str, out: _Collector) -> None:
    """Helm values: every leaf is a key; ``env``-like lists and maps declare env vars."""
    from yaml.nodes import MappingNode

    yaml_file = _YamlFile(text, out)
    for document in yaml_file.documents:
        _add_leaves(yaml_file, document, "")
        for env in _helm_env_values(document):
            if isinstance(env, MappingNode):
                _add_env_mapping(yaml_file, env, "helm", prefix=None)
            else:
                for item in env.value:
                    if isinstance(item, MappingNode):
                        _add_named_env(yaml_file, item, "helm")


def _helm_env_values(root: Node) -> Iterator[Node]:
    """Yield the values of keys like ``env``/``extraEnv`` that hold a list or a map."""
    from yaml.nodes import MappingNode, SequenceNode

    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen or not isinstance(node, (MappingNode, SequenceNode)):
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))
            continue
        for key, value in node.value:
            name = _scalar(key)
            if (
                name
                and _HELM_ENV_KEY.match(name)
                and isinstance(value, (MappingNode, SequenceNode))
            ):
                yield value
        stack.extend(reversed([value for _, value in node.value]))


def _add_env_mapping(
    yaml_file: _YamlFile, env: Node, source: str, prefix: str | None, seen: set[int] | None = None
) -> None:
    """Record ``NAME: value`` entries (following merge keys once) as env declarations.

    With a ``prefix`` (compose), each entry is also a config key ``<prefix>.<NAME>``;
    without one (Helm), only upper-case names count, the keys being recorded already.
    """
    from yaml.nodes import MappingNode, SequenceNode

    seen = set() if seen is None else seen
    if id(env) in seen:
        return
    seen.add(id(env))
    for key, value in env.value:
        name = _scalar(key)
        if name is None:
            continue
        if _is_merge(key):
            merged = value.value if isinstance(value, SequenceNode) else [value]
            for mapping in merged:
                if isinstance(mapping, MappingNode):
                    _add_env_mapping(yaml_file, mapping, source, prefix, seen)
            continue
        if prefix is None and not _UPPER_ENV_NAME.match(name):
            continue
        line = key.start_mark.line + 1
        comment = yaml_file.comment(key, value)
        if prefix is not None:
            yaml_file.out.key(f"{prefix}.{name}", line, comment, _scalar(value))
        yaml_file.out.env_var(name, line, comment, _scalar(value), source)


# --- compose ----------------------------------------------------------------------------


def _analyse_compose(text: str, out: _Collector) -> None:
    """Compose: each service's ``environment:`` entries; other keys are infrastructure."""
    from yaml.nodes import MappingNode, SequenceNode

    yaml_file = _YamlFile(text, out)
    seen: set[int] = set()
    for document in yaml_file.documents:
        services = _get(document, "services")
        if not isinstance(services, MappingNode):
            continue
        for service_key, service in services.value:
            environment = _get(service, "environment")
            prefix = f"services.{service_key.value}.environment"
            if isinstance(environment, MappingNode):
                _add_env_mapping(yaml_file, environment, "compose", prefix, seen)
            elif isinstance(environment, SequenceNode) and id(environment) not in seen:
                seen.add(id(environment))
                _add_env_list(yaml_file, environment, prefix)


def image_environment(text: str) -> Iterator[tuple[str, int]]:
    """Yield the ``environment:`` names (with their lines) that a compose service's image
    reads: the service runs an image it does not build (``image: mysql:8``, no
    ``build:``) and the name begins with the image's name (``MYSQL_ROOT_PASSWORD``), as
    the official images name theirs. The project's own image (``orders:latest``) reads
    what its code reads, so its other names stay the code's to read."""
    from yaml.nodes import MappingNode, SequenceNode

    yaml_file = _YamlFile(text, _Collector("compose"))
    for document in yaml_file.documents:
        services = _get(document, "services")
        if not isinstance(services, MappingNode):
            continue
        for _, service in services.value:
            image = _scalar(_get(service, "image"))
            if not image or _get(service, "build") is not None:
                continue
            prefix = _image_name(image).upper().replace("-", "_") + "_"
            environment = _get(service, "environment")
            if isinstance(environment, MappingNode):
                entries = [(_scalar(key) or "", key) for key, _ in environment.value]
            elif isinstance(environment, SequenceNode):
                entries = [
                    ((_scalar(item) or "").partition("=")[0], item) for item in environment.value
                ]
            else:
                entries = []
            for name, node in entries:
                if name.strip().startswith(prefix):
                    yield name.strip(), node.start_mark.line + 1


def _image_name(image: str) -> str:
    """Return an image's own name: ``docker.io/bitnami/postgresql:16`` is ``postgresql``."""
    return image.rpartition("/")[2].partition("@")[0].partition(":")[0]


def _add_env_list(yaml_file: _YamlFile, environment: Node, prefix: str) -> None:
    """Record compose ``environment:`` list items ``NAME=value`` or ``NAME``."""
    for item in environment.value:
        entry = _scalar(item)
        if not entry:
            continue
        name, equals, value = entry.partition("=")
        name = name.strip()
        if not name:
            continue
        line = item.start_mark.line
        tail = None
        if item.end_mark.line == line:
            match = _YAML_VALUE_TAIL.match(yaml_file.lines[line][item.end_mark.column :])
            tail = _inline(match.group(1)) if match else None
        comment = _join_comments(_comment_above(yaml_file.lines, line, yaml_file.covered), tail)
        literal = value if equals else None
        yaml_file.out.key(f"{prefix}.{name}", line + 1, comment, literal)
        yaml_file.out.env_var(name, line + 1, comment, literal, "compose")


def mentioned_envs(data: bytes) -> list[EnvInterpolation]:
    """Return the ``${NAME}``, ``${NAME:-default}`` and ``$NAME`` references in a compose file.

    ``$$`` escapes are skipped, and so are comment lines and trailing `` #`` comments.
    ``default`` is set for the ``-`` and ``:-`` forms.
    """
    text = _decode(data)
    if text is None:
        return []
    found: set[EnvInterpolation] = set()
    for number, line in enumerate(_plain_lines(text), start=1):
        code = re.split(r"(?:^|\s)#", line, maxsplit=1)[0]
        for match in _INTERPOLATION.finditer(code):
            braced, operator, default, bare = match.groups()
            has_default = operator in ("-", ":-")
            found.add(EnvInterpolation(braced or bare, number, default if has_default else None))
    return sorted(found, key=lambda item: (item.line, item.name, item.default or ""))
