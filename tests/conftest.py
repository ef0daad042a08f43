"""Shared fixtures and helpers for the test suite."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"
SHARED_SAMPLES = ROOT.parent / "shared" / "samples"


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Records of a JSON Lines file; `//` comment lines and blank lines skipped."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            stripped = line.strip()
            if stripped and not stripped.startswith("//"):
                yield json.loads(stripped)


# Hypothesis profiles: how many examples the fuzz suite runs. CI selects "ci"
# (20,000); "campaign" is the long run described in docs/reliability.md.
settings.register_profile("default", max_examples=500, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", max_examples=20_000, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "campaign", max_examples=2_000_000, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
