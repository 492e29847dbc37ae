"""Variables the system, the shell, the locale, Python and CI providers set: a report
leaves them out, because no operator of the project sets or documents them.

Each group lists a provider's documented names exactly. A prefix would hide the
application's own variables: ``GITHUB_*`` would hide a ``GITHUB_CLIENT_ID`` the app
reads for its OAuth login, ``PYTHON*`` a ``PYTHON_ENV`` of its own. The patterns left
are ``LC_*`` (POSIX reserves the ``LC_`` prefix for locale categories) and Cargo's own
``CARGO_CFG_*`` and ``CARGO_FEATURE_*``. Proxy and
certificate variables are not here: an operator sets them on purpose, and the libraries
that read them are in ``libraries``.
"""

from __future__ import annotations

SYSTEM = (
    *("PATH", "HOME", "USER", "USERNAME", "LOGNAME", "SHELL", "PWD", "OLDPWD", "HOSTNAME"),
    *("TERM", "TERM_PROGRAM", "COLORTERM", "COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR"),
    "MANPATH",
    *("TZ", "TMPDIR", "TEMP", "TMP", "EDITOR", "VISUAL", "PAGER", "DISPLAY"),
    *("SSH_AUTH_SOCK", "LD_LIBRARY_PATH", "LD_PRELOAD", "DYLD_LIBRARY_PATH"),
    *("APPDATA", "LOCALAPPDATA", "USERPROFILE", "SYSTEMROOT", "WINDIR", "COMSPEC", "PATHEXT"),
    *("PROGRAMFILES", "PROGRAMDATA", "HOMEDRIVE", "HOMEPATH"),
    # Windows reads names in any case; Go and .NET code writes these as Windows spells them
    *("ProgramData", "ProgramFiles", "AppData", "LocalAppData", "UserProfile", "SystemRoot"),
    "windir",
)
"""POSIX, the common shells and terminals, and Windows."""

LOCALE = ("LANG", "LANGUAGE", "LC_*")
"""POSIX locale variables (``LC_ALL``, ``LC_CTYPE``, ...: the prefix is reserved)."""

XDG = (
    *("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"),
    *("XDG_RUNTIME_DIR", "XDG_CONFIG_DIRS", "XDG_DATA_DIRS"),
    *("XDG_SESSION_TYPE", "XDG_CURRENT_DESKTOP"),
)
"""The XDG Base Directory specification and the session variables desktops set."""

PYTHON = (
    *("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONOPTIMIZE", "PYTHONDEBUG"),
    *("PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "PYTHONHASHSEED", "PYTHONIOENCODING"),
    *("PYTHONUTF8", "PYTHONWARNINGS", "PYTHONFAULTHANDLER", "PYTHONTRACEMALLOC"),
    *("PYTHONDEVMODE", "PYTHONBREAKPOINT", "PYTHONPYCACHEPREFIX", "PYTHONSAFEPATH"),
    *("PYTHONNOUSERSITE", "PYTHONUSERBASE", "PYTHONVERBOSE", "PYTHONINSPECT"),
    *("PYTHONASYNCIODEBUG", "PYTHONMALLOC", "PYTHONCOERCECLOCALE", "PYTHONINTMAXSTRDIGITS"),
    *("PYTHON_COLORS", "PYTHON_BASIC_REPL", "PYTHON_HISTORY", "PYTHON_GIL", "PYTHON_CPU_COUNT"),
    *("VIRTUAL_ENV", "CONDA_PREFIX", "CONDA_DEFAULT_ENV", "CONDA_EXE", "CONDA_SHLVL"),
    "CONDA_PYTHON_EXE",
)
"""The interpreter's own variables (the Python documentation's list) and the
environments' markers."""

GITHUB_ACTIONS = (
    *("CI", "GITHUB_ACTIONS", "GITHUB_ACTION", "GITHUB_ACTION_PATH"),
    *("GITHUB_ACTION_REPOSITORY", "GITHUB_ACTOR", "GITHUB_ACTOR_ID", "GITHUB_API_URL"),
    *("GITHUB_BASE_REF", "GITHUB_ENV", "GITHUB_EVENT_NAME", "GITHUB_EVENT_PATH"),
    *("GITHUB_GRAPHQL_URL", "GITHUB_HEAD_REF", "GITHUB_JOB", "GITHUB_OUTPUT", "GITHUB_PATH"),
    *("GITHUB_REF", "GITHUB_REF_NAME", "GITHUB_REF_PROTECTED", "GITHUB_REF_TYPE"),
    *("GITHUB_REPOSITORY", "GITHUB_REPOSITORY_ID", "GITHUB_REPOSITORY_OWNER"),
    *("GITHUB_REPOSITORY_OWNER_ID", "GITHUB_RETENTION_DAYS", "GITHUB_RUN_ATTEMPT"),
    *("GITHUB_RUN_ID", "GITHUB_RUN_NUMBER", "GITHUB_SERVER_URL", "GITHUB_SHA"),
    *("GITHUB_STATE", "GITHUB_STEP_SUMMARY", "GITHUB_TRIGGERING_ACTOR", "GITHUB_WORKFLOW"),
    *("GITHUB_WORKFLOW_REF", "GITHUB_WORKFLOW_SHA", "GITHUB_WORKSPACE"),
    *("RUNNER_ARCH", "RUNNER_DEBUG", "RUNNER_ENVIRONMENT", "RUNNER_NAME", "RUNNER_OS"),
    *("RUNNER_TEMP", "RUNNER_TOOL_CACHE"),
)
"""GitHub Actions' default variables ("Variables reference"), not ``GITHUB_TOKEN``: an
application reading a token of its own must say where it comes from."""

GITLAB_CI = (
    *("GITLAB_CI", "CI_COMMIT_SHA", "CI_COMMIT_SHORT_SHA", "CI_COMMIT_REF_NAME"),
    *("CI_COMMIT_REF_SLUG", "CI_COMMIT_BRANCH", "CI_COMMIT_TAG", "CI_DEFAULT_BRANCH"),
    *("CI_JOB_ID", "CI_JOB_NAME", "CI_JOB_TOKEN", "CI_PIPELINE_ID", "CI_PIPELINE_SOURCE"),
    *("CI_PROJECT_DIR", "CI_PROJECT_NAME", "CI_PROJECT_PATH", "CI_PROJECT_URL"),
    *("CI_REGISTRY", "CI_REGISTRY_IMAGE", "CI_SERVER_URL", "CI_MERGE_REQUEST_IID"),
)
"""GitLab CI/CD's most used predefined variables."""

OTHER_CI = (
    *("TRAVIS", "CIRCLECI", "BUILDKITE", "APPVEYOR", "TF_BUILD", "JENKINS_URL"),
    *("BITBUCKET_BUILD_NUMBER", "TEAMCITY_VERSION", "DRONE", "CODEBUILD_BUILD_ID"),
)
"""The markers other CI services set to say a build runs on them."""

CARGO = (
    *("CARGO", "CARGO_MANIFEST_DIR", "CARGO_MANIFEST_PATH", "CARGO_CRATE_NAME"),
    *("CARGO_PKG_VERSION", "CARGO_PKG_VERSION_MAJOR", "CARGO_PKG_VERSION_MINOR"),
    *("CARGO_PKG_VERSION_PATCH", "CARGO_PKG_VERSION_PRE", "CARGO_PKG_AUTHORS", "CARGO_PKG_NAME"),
    *("CARGO_PKG_DESCRIPTION", "CARGO_PKG_HOMEPAGE", "CARGO_PKG_REPOSITORY"),
    *("CARGO_PKG_LICENSE", "CARGO_PKG_LICENSE_FILE", "CARGO_PKG_RUST_VERSION", "CARGO_PKG_README"),
    *("CARGO_BIN_NAME", "CARGO_PRIMARY_PACKAGE", "CARGO_TARGET_TMPDIR", "OUT_DIR"),
    "RUSTC",
    *("CARGO_CFG_*", "CARGO_FEATURE_*"),
    *("CARGO_HOME", "CARGO_TARGET_DIR", "CARGO_INCREMENTAL", "CARGO_BUILD_TARGET"),
    *("RUSTFLAGS", "RUSTDOCFLAGS", "RUSTUP_HOME", "RUSTUP_TOOLCHAIN", "RUST_BACKTRACE"),
)
"""What Cargo sets for a crate's build (``env!("CARGO_PKG_VERSION")``) and its build
script, whose ``CARGO_CFG_*`` and ``CARGO_FEATURE_*`` prefixes are Cargo's own, and what
Cargo and rustup read: The Cargo Book, "Environment variables". Not the build script's
``HOST``, ``TARGET``, ``DEBUG``, ``PROFILE``: an application's own may be called so."""

GO = (
    *("GOPATH", "GOROOT", "GOBIN", "GOOS", "GOARCH", "GOFLAGS", "GOPROXY", "GOPRIVATE"),
    *("GOCACHE", "GOMODCACHE", "GOTOOLCHAIN", "GOEXPERIMENT", "GODEBUG", "GOMAXPROCS"),
    *("GOGC", "GOMEMLIMIT", "GOTRACEBACK", "CGO_ENABLED"),
)
"""What the go command and the Go runtime read (``go help environment``, runtime docs)."""

WELL_KNOWN = (
    *(*SYSTEM, *LOCALE, *XDG, *PYTHON, *CARGO, *GO),
    *(*GITHUB_ACTIONS, *GITLAB_CI, *OTHER_CI),
)
"""Every well-known name: glob patterns (``fnmatchcase``) a report ignores."""
