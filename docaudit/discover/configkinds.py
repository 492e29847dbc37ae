"""Which files are runtime config, and of what kind: the default globs and the name rules."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

_CONFIG_DIRS = ("config", "conf", "etc", "settings")
_CONFIG_DIR_SUFFIXES = ("yaml", "yml", "toml", "ini", "cfg", "json", "env")
_ROOT_CONFIG_SUFFIXES = ("yaml", "yml", "toml", "ini", "cfg", "json")
_SPRING_SUFFIXES = ("properties", "yml", "yaml")
_K8S_DIRS = ("k8s", "kubernetes", "kube", "manifests", "deploy", "deployment", "deployments")

DEFAULT_CONFIG_FILES: tuple[str, ...] = (
    # env files (env-var declarations); a tracked .env declares like an example, its
    # values are never shown
    ".env",
    ".env.example",
    ".env.sample",
    ".env.template",
    ".env.dist",
    "example.env",
    "env.example",
    "*.env.example",
    # a frontend's modes (Vite, Create React App, Next.js): .env.development, .env.production
    ".env.*",
    # config directories, at any depth
    *(f"**/{d}/**/*.{suffix}" for d in _CONFIG_DIRS for suffix in _CONFIG_DIR_SUFFIXES),
    # root config.*, settings.*, app.*.yaml
    *(f"/{stem}.{suffix}" for stem in ("config", "settings") for suffix in _ROOT_CONFIG_SUFFIXES),
    "/config.py",
    "/app.*.yaml",
    "/app.*.yml",
    # Spring Boot's application and bootstrap files, at any depth (src/main/resources)
    *(f"{stem}*.{suffix}" for stem in ("application", "bootstrap") for suffix in _SPRING_SUFFIXES),
    # compose files and Helm values
    "docker-compose*.yml",
    "docker-compose*.yaml",
    "compose*.yml",
    "compose*.yaml",
    "values*.yaml",
    "values*.yml",
    # Kubernetes manifests (their `kind:` is sniffed by analyse_config)
    *(f"**/{d}/**/*.{suffix}" for d in _K8S_DIRS for suffix in ("yaml", "yml")),
    # Python settings modules
    "settings*.py",
    "**/settings/*.py",
    "gunicorn.conf.py",
    # Dockerfiles (ENV / ARG declarations)
    "Dockerfile",
    "Dockerfile.*",
    "*.Dockerfile",
    "*.dockerfile",
)

DEFAULT_CONFIG_EXCLUDES: tuple[str, ...] = (
    # CI
    ".github/",
    ".gitlab/",
    ".gitlab-ci.yml",
    ".circleci/",
    "azure-pipelines.yml",
    ".azure-pipelines/",
    ".travis.yml",
    "Jenkinsfile",
    "bitbucket-pipelines.yml",
    ".buildkite/",
    "codecov.yml",
    ".codecov.yml",
    "dependabot.yml",
    "renovate.json",
    ".renovaterc*",
    "appveyor.yml",
    ".drone.yml",
    # lock files
    "*.lock",
    "package-lock.json",
    "pnpm-lock.yaml",
    "go.sum",
    # linters, IDEs, packaging
    "pyproject.toml",
    "setup.cfg",
    "setup.py",
    "tox.ini",
    "pytest.ini",
    "mypy.ini",
    ".flake8",
    ".pylintrc",
    "pylintrc",
    ".coveragerc",
    ".pre-commit-config.yaml",
    ".pre-commit-hooks.yaml",
    ".editorconfig",
    ".prettierrc*",
    ".eslintrc*",
    ".stylelintrc*",
    ".yamllint*",
    "tsconfig*.json",
    "jsconfig*.json",
    "babel.config.*",
    "ruff.toml",
    ".ruff.toml",
    "package.json",
    "composer.json",
    "environment.yml",
    "environment.yaml",
    "alembic.ini",
    "Chart.yaml",
    "kustomization.yaml",
    "kustomization.yml",
    ".vscode/",
    ".idea/",
    ".devcontainer/",
    # documentation builders
    "mkdocs.yml",
    "mkdocs.yaml",
    "**/docs/conf.py",
    ".readthedocs.yml",
    ".readthedocs.yaml",
    # API specs and schemas (audited as specs, not as config)
    "*.schema.json",
    "openapi*.yaml",
    "openapi*.yml",
    "openapi*.json",
    "swagger*.yaml",
    "swagger*.yml",
    "swagger*.json",
    "asyncapi*.yaml",
    "asyncapi*.yml",
    "asyncapi*.json",
    # test data, fixtures, translations, data files
    "tests/",
    "test/",
    "testdata/",
    "fixtures/",
    "locale/",
    "locales/",
    "translations/",
    "i18n/",
    "*.po",
    "**/data/**/*.json",
    # vendored and generated trees
    "node_modules/",
    ".venv/",
    "venv/",
    "dist/",
    "build/",
    "site-packages/",
    "vendor/",
    "third_party/",
    "*.min.*",
    ".tox/",
    ".git/",
    "__pycache__/",
    ".docaudit/",
    # Helm chart templates are Go templates, not YAML
    "templates/",
)

_ENV_FILE_NAMES = frozenset({"example.env", "env.example"})
_ENV_FILE_SUFFIXES = (".env", ".env.example", ".env.sample", ".env.template", ".env.dist")
_SUFFIX_KINDS = {
    "toml": "toml",
    "ini": "ini",
    "cfg": "ini",
    "json": "json",
    "properties": "properties",
}
_K8S_API_VERSION = re.compile(r"^apiVersion:\s*\S", re.MULTILINE)
_K8S_KIND = re.compile(
    r"^kind:\s*[\"']?(?:ConfigMap|Deployment|StatefulSet|DaemonSet|Job|CronJob|Pod)\b",
    re.MULTILINE,
)


def config_kind(
    path: str,
    include: Sequence[str] = DEFAULT_CONFIG_FILES,
    exclude: Sequence[str] = DEFAULT_CONFIG_EXCLUDES,
) -> str | None:
    """Return the kind of runtime config file ``path`` is, or None when it is not one.

    ``include`` and ``exclude`` are gitignore-style globs; an excluded path is never a
    config file. Kinds: ``env-file``, ``compose``, ``helm-values``, ``yaml``, ``toml``,
    ``ini``, ``properties``, ``json``, ``python-settings``, ``dockerfile``. Kubernetes
    manifests are ``yaml``: :func:`analyse_config` recognises them by their
    ``apiVersion``/``kind``.
    """
    relative = path.replace("\\", "/").removeprefix("./")
    kind = _kind_from_name(relative.rsplit("/", 1)[-1])
    if kind is None:  # no glob can make it one: the globs are not even compiled
        return None
    if _spec(tuple(exclude)).match_file(relative):
        return None
    if not _spec(tuple(include)).match_file(relative):
        return None
    return kind


@lru_cache(maxsize=16)
def _spec(patterns: tuple[str, ...]) -> GitIgnoreSpec:
    """Compile gitignore-style globs once per distinct tuple."""
    import pathspec  # 50 ms to import: only when config files are audited

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _kind_from_name(name: str) -> str | None:
    """Return the config kind a file name implies."""
    lower = name.lower()
    if lower == "dockerfile" or lower.startswith("dockerfile.") or lower.endswith(".dockerfile"):
        return "dockerfile"
    if lower in _ENV_FILE_NAMES or lower.startswith(".env.") or lower.endswith(_ENV_FILE_SUFFIXES):
        return "env-file"
    suffix = lower.rsplit(".", 1)[-1] if "." in lower else ""
    if suffix == "py":
        return "python-settings"
    if suffix in ("yaml", "yml"):
        if lower.startswith(("docker-compose", "compose")):
            return "compose"
        return "helm-values" if lower.startswith("values") else "yaml"
    return _SUFFIX_KINDS.get(suffix)


def is_excluded(path: str, exclude: Sequence[str]) -> bool:
    """Tell whether gitignore-style globs ``exclude`` leave ``path`` out."""
    return _spec(tuple(exclude)).match_file(path.replace("\\", "/").removeprefix("./"))


def is_k8s_manifest(data: bytes) -> bool:
    """Return True when YAML text looks like a Kubernetes ConfigMap or workload manifest.

    For opting in YAML files that :func:`config_kind` does not list by path (then analyse
    them as ``yaml``).
    """
    text = data.decode("utf-8", errors="replace")
    return bool(_K8S_API_VERSION.search(text) and _K8S_KIND.search(text))
