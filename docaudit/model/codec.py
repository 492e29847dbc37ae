"""The JSON schema version every report, the baseline and the cache carry."""

from __future__ import annotations

SCHEMA = "docaudit/1"
