"""Every fixed expression and guard in data/protected.json proves itself with
its own examples, and the docs list every one of them."""

from __future__ import annotations

import json

import pytest

import toponorm as tn
from toponorm.protect import Protections

from .conftest import ROOT

DATA = json.loads((ROOT / "src" / "toponorm" / "data" / "protected.json").read_text(encoding="utf-8"))
ITEMS = [*DATA["phrases"], *DATA["guards"]]
KEEP = [(item["id"], text) for item in ITEMS for text in item.get("keep", [])]
CHANGE = [(item["id"], text) for item in ITEMS for text in item.get("change", [])]


def test_every_item_has_a_reason_and_an_example() -> None:
    for item in ITEMS:
        assert item["reason"], item["id"]
        assert item.get("keep"), f"{item['id']} needs at least one example it protects"


@pytest.mark.parametrize(("item_id", "text"), KEEP, ids=[f"{i}:{t[:30]}" for i, t in KEEP])
def test_protected_example_is_kept(item_id: str, text: str) -> None:
    assert tn.normalize(text) == text, item_id


@pytest.mark.parametrize(("item_id", "text"), CHANGE, ids=[f"{i}:{t[:30]}" for i, t in CHANGE])
def test_guard_does_not_overreach(item_id: str, text: str) -> None:
    assert tn.normalize(text) != text, item_id


def test_docs_list_every_protection() -> None:
    page = (ROOT / "docs" / "protected.md").read_text(encoding="utf-8")
    missing = [item["id"] for item in ITEMS if item["id"] not in page]
    assert not missing, f"docs/protected.md does not mention {missing}"


def test_anchored_patterns_are_rejected() -> None:
    broken = {**DATA, "guards": [{**DATA["guards"][0], "after": "^x"}]}
    with pytest.raises(ValueError, match=r"guard 'kiev-camera' field 'after'.*'\^'"):
        Protections.from_json(broken, "test.json")
    bad_regex = {**DATA, "guards": [{**DATA["guards"][0], "before": "(unclosed"}]}
    with pytest.raises(ValueError, match=r"test.json: guard 'kiev-camera' field 'before'"):
        Protections.from_json(bad_regex, "test.json")
