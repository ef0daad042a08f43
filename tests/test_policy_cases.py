"""The policy case file: sentences written by the team, each with the exact
output POLICY.md requires (about half must change, half must not)."""

from __future__ import annotations

from typing import Any

import pytest

import toponorm as tn

from .conftest import CASES, read_jsonl

#: Each case file, and the least number of cases it must hold.
MINIMUM = {"policy": 200, "mt": 100}
CASE_FILES = {name: list(read_jsonl(CASES / f"{name}.jsonl")) for name in MINIMUM}
CASE_LIST = [case for cases in CASE_FILES.values() for case in cases]


def _config(case: dict[str, Any]) -> tn.Config:
    return tn.Config(**case.get("config", {}))


def test_case_ids_are_unique() -> None:
    ids = [case["id"] for case in CASE_LIST]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", sorted(MINIMUM))
def test_case_file_is_large_and_balanced(name: str) -> None:
    cases = CASE_FILES[name]
    changing = sum(case["text"] != case["expected"] for case in cases)
    keeping = len(cases) - changing
    assert len(cases) >= MINIMUM[name]
    assert changing >= 0.4 * MINIMUM[name], changing
    assert keeping >= 0.4 * MINIMUM[name], keeping


@pytest.mark.parametrize("case", CASE_LIST, ids=[c["id"] for c in CASE_LIST])
def test_policy_case(case: dict[str, Any]) -> None:
    config = _config(case)
    result = tn.explain(case["text"], config=config)
    assert result.text == case["expected"], case.get("note")
    # The explanation replays exactly (ftfy's rule): edits applied to the input give the output.
    assert result.apply() == result.text
    for wanted in case.get("suggestions", []):
        assert wanted in [s.replacement for s in result.suggestions], (
            f"expected a suggestion {wanted!r}; got {[s.replacement for s in result.suggestions]}"
        )
    # Idempotence on every case.
    assert tn.normalize(result.text, config=config) == result.text
