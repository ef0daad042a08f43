"""Machine-translation rules: every rule's own examples, the schema's errors,
switches in Config, user rule files and the pattern timeout."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import toponorm as tn
from toponorm import rules

RULES = list(rules.default())
CHANGE = [(r.id, src, out) for r in RULES for src, out in r.examples.change]
KEEP = [(r.id, src) for r in RULES for src in r.examples.keep]


def test_every_rule_has_three_examples_each_way() -> None:
    for rule in RULES:
        assert len(rule.examples.change) >= 3, rule.id
        assert len(rule.examples.keep) >= 3, rule.id


@pytest.mark.parametrize(
    ("rule_id", "source", "expected"), CHANGE, ids=[f"{r}:{s[:30]}" for r, s, _ in CHANGE]
)
def test_rule_changes_its_examples(rule_id: str, source: str, expected: str) -> None:
    config = tn.Config(enabled_rules=frozenset({rule_id}))
    result = tn.explain(source, config=config)
    assert result.text == expected
    assert any(e.source == f"rule:{rule_id}" and e.category == "mt_artifact" for e in result.edits)
    assert result.apply() == result.text
    assert tn.normalize(result.text, config=config) == result.text


@pytest.mark.parametrize(("rule_id", "source"), KEEP, ids=[f"{r}:{s[:30]}" for r, s in KEEP])
def test_rule_keeps_its_examples(rule_id: str, source: str) -> None:
    config = tn.Config(enabled_rules=frozenset({rule_id}))
    result = tn.explain(source, config=config)
    assert not any(e.source == f"rule:{rule_id}" for e in result.edits)


def test_rules_can_be_switched_off_one_by_one_and_as_a_category() -> None:
    text = "Russia launched Geranium-2 drones and air anxiety sounded."
    assert tn.normalize(text) == "Russia launched Geran-2 drones and air raid alert sounded."
    off = tn.Config(disabled_rules=frozenset({"geran-2"}))
    assert tn.normalize(text, config=off) == "Russia launched Geranium-2 drones and air raid alert sounded."
    none = tn.Config(categories={"mt_artifact": False})
    assert tn.normalize(text, config=none) == text


def test_air_alarm_ships_switched_off() -> None:
    text = "An air alarm was declared across Ukraine."
    assert tn.normalize(text) == text
    assert not rules.default()["air-alarm"].enabled


def _write(path: Path, rule: dict[str, object]) -> Path:
    path.write_text(json.dumps({"domain": "test", "rules": [rule]}), encoding="utf-8")
    return path


GOOD = {
    "id": "my-rule",
    "description": "d",
    "reason": "r",
    "triggers": ["fire boat"],
    "pattern": "\\bfire\\s+boat\\b",
    "replacement": "fireboat",
    "examples": {"change": [["A fire boat came.", "A fireboat came."]], "keep": ["A boat came."]},
}


def test_user_rule_file_joins_the_scanner(tmp_path: Path) -> None:
    mine = rules.load(_write(tmp_path / "mine.json", GOOD))
    normalizer = tn.Normalizer(rules=rules.default() + mine)
    assert normalizer.normalize("A fire boat sprayed Kiev's quay.") == "A fireboat sprayed Kyiv's quay."


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"pattern": "(unclosed"}, r"rule 'my-rule': field 'pattern'"),
        ({"triggers": []}, r"rule 'my-rule': field 'triggers'"),
        ({"replacement": "\\g<missing>"}, r"rule 'my-rule'.*group 'missing'"),
        ({"category": "person"}, r"rule 'my-rule': field 'category'"),
        ({"examples": {"change": [], "keep": ["x"]}}, r"rule 'my-rule': field 'examples.change'"),
        ({"colour": "red"}, r"rule 'my-rule': field 'colour'"),
    ],
)
def test_invalid_rule_names_file_rule_and_field(
    tmp_path: Path, change: dict[str, object], message: str
) -> None:
    path = _write(tmp_path / "bad.json", {**GOOD, **change})
    with pytest.raises(rules.RuleError, match=message) as info:
        rules.load(path)
    assert str(path) in str(info.value)


def test_catastrophic_user_pattern_times_out_naming_the_rule(tmp_path: Path) -> None:
    evil = {**GOOD, "id": "evil", "triggers": ["aaaa"], "pattern": "(a|a)+b", "replacement": "x"}
    normalizer = tn.Normalizer(rules=rules.load(_write(tmp_path / "evil.json", evil), check_examples=False))
    with pytest.raises(rules.RuleTimeoutError, match="rule 'evil'"):
        normalizer.normalize("a" * 40 + " aaaa " + "a" * 40 + "!")


_DATE_PIECES = [
    "in ", "In the ", "since ", "c. ", "(", ")", "1943", "1980s", "1989", "1991", "2022", "1917–21",
    "World War", "world war", "WWII", "the Great War", "War", " ", ", ", ". ", "C-300 ", "1", "9",
]  # fmt: skip


@example("In 1943 the C-300 did not exist.")
@example("The 1980s were quieter.")
@example("A ruin (1919) near the front.")
@example("Veterans of World War II saw a C-300.")
@example("WWI trenches.")
@example("The Great War ended.")
@example("The plant ran 1975-89 without a stop.")
@given(st.lists(st.sampled_from(_DATE_PIECES) | st.text(max_size=2), max_size=10).map("".join))
def test_date_prefilter_agrees_with_the_pattern(text: str) -> None:
    """The cheap finds before the old-date pattern never hide a match of it."""
    normalize = importlib.import_module("toponorm.normalize")
    expected = normalize._OLD_DATE.search(text) is not None
    assert normalize._before_the_war(text, (0, len(text)), {}) == expected
