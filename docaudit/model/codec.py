"""The JSON schema version every report, the baseline and the cache carry."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any



SCHEMA = "docaudit/1"
