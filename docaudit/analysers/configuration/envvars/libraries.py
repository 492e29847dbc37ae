"""Variables that libraries read themselves, once the project uses them.

``urllib.request.getproxies()`` reads the proxy variables, and every client built on it
(requests, httpx, aiohttp with ``trust_env``, pip) does too; OpenSSL's default verify
paths read ``SSL_CERT_FILE`` and ``SSL_CERT_DIR`` for ``ssl``; requests also reads its
own CA bundle variables; gunicorn reads its command-line and worker defaults. A name a
library reads is read: documenting it is never stale.
"""

from __future__ import annotations

from collections.abc import Iterable

_PROXIES = tuple(
    name
    for base in ("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY", "FTP_PROXY")
    for name in (base, base.lower())
)
_CERTIFICATES = ("SSL_CERT_FILE", "SSL_CERT_DIR")

LIBRARY_READS: dict[str, tuple[str, ...]] = {
    "urllib.request": _PROXIES,
    "requests": (*_PROXIES, *_CERTIFICATES, "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"),
    "httpx": (*_PROXIES, *_CERTIFICATES),
    "aiohttp": _PROXIES,
    "urllib3": _CERTIFICATES,
    "ssl": _CERTIFICATES,
    "gunicorn": ("GUNICORN_CMD_ARGS", "WEB_CONCURRENCY", "PORT"),
}
"""Top-level module (as imported) to the variables it reads."""


def library_reads(modules: Iterable[str]) -> dict[str, str]:
    """Return each variable the imported ``modules`` read, with the first module reading it.

    A module counts by its own name or a parent's (``urllib.request.urlopen`` is
    ``urllib.request``; ``requests.adapters`` is ``requests``).
    """
    read: dict[str, str] = {}
    for module in sorted(set(modules)):
        parts = module.split(".")
        for end in range(len(parts), 0, -1):
            names = LIBRARY_READS.get(".".join(parts[:end]))
            if names is not None:
                for name in names:
                    read.setdefault(name, ".".join(parts[:end]))
                break
    return read
