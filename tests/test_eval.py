"""The precision gate on the evaluation set (eval/): CI fails when toponorm's
word-level precision drops below 0.99 or when any negative sentence changes."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest

import toponorm as tn
from tests.conftest import CASES, ROOT, read_jsonl


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_score", ROOT / "eval" / "score.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


SCORE = _scorer()
CASES_ = SCORE.load_cases()


def test_the_set_is_large_and_varied() -> None:
    assert len(CASES_) >= 400
    kinds = {c.kind for c in CASES_}
    assert kinds == {"positive", "mt", "negative"}
    assert len({c.style for c in CASES_}) >= 10


@pytest.mark.parametrize("name", ["sentences", "heldout", "fresh"])
def test_the_set_is_separate_from_the_unit_test_cases(name: str) -> None:
    unit_texts = {record["text"] for path in CASES.glob("*.jsonl") for record in read_jsonl(path)}
    assert not unit_texts & {c.text for c in SCORE.load_cases(name=name)}


@pytest.mark.parametrize("name", ["sentences", "heldout", "fresh"])
def test_precision_gate(name: str) -> None:
    result = SCORE.score("toponorm", tn.normalize, SCORE.load_cases(name=name))
    changed = [f"{case.id}: {output}" for case, output in result.negatives_changed]
    assert not changed, "negative sentences changed:\n" + "\n".join(changed)
    assert result.total.precision >= SCORE.PRECISION_GATE


def test_scorer_counts_words_of_each_change() -> None:
    case = SCORE.Case(
        "x",
        "wire",
        "mt",
        "Shahed munitions hanging around hit Kiev.",
        "Shahed loitering munitions hit Kyiv.",
        "-",
    )
    perfect = SCORE.Tally()
    perfect.add(case, case.expected)
    assert (perfect.precision, perfect.recall) == (1.0, 1.0)
    partial = SCORE.Tally()
    partial.add(case, "Shahed munitions hanging around hit Kyiv.")
    assert partial.precision == 1.0
    assert partial.recall == pytest.approx(partial.correct / partial.expected)
    assert partial.correct < partial.expected
    wrong = SCORE.Tally()
    wrong.add(case, "Shahed munitions hanging around hit Kyiiv.")
    assert wrong.precision == 0.0


def test_naive_baseline_is_scored_on_the_same_set() -> None:
    naive = SCORE.score("naive", SCORE.naive_replacer(), CASES_)
    assert naive.total.sentences == len(CASES_)
    assert naive.negatives_changed  # the reason the library exists
