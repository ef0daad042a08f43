"""The policy case file: sentences written by the team, each with the exact
output POLICY.md requires (about half must change, half must not)."""

from __future__ import annotations

from typing import Any

import pytest

import toponorm as tn

from .conftest import CASES, read_jsonl

CASE_LIST = list(read_jsonl(CASES / "policy.jsonl"))


def test_case_file_is_large_and_balanced() -> None:
    ids = [case["id"] for case in CASE_LIST]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    changing = sum(case["text"] != case["expected"] for case in CASE_LIST)
    keeping = len(CASE_LIST) - changing
    assert len(CASE_LIST) >= 200
    assert changing >= 80, changing
    assert keeping >= 80, keeping


@pytest.mark.parametrize("case", CASE_LIST, ids=[c["id"] for c in CASE_LIST])
def test_policy_case(case: dict[str, Any]) -> None:
    config = tn.Config(**case.get("config", {}))
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
