"""Every fixed expression and guard in data/protected.json proves itself with
its own examples, and the docs list every one of them."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

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


def _texts_with_spelling_talk() -> list[str]:
    """Every sentence the suite and the evaluation sets hold that the full
    spelling-cue pattern matches."""
    pattern = Protections.default().spelling_cues
    texts = [text for item in ITEMS for text in (*item.get("keep", []), *item.get("change", []))]
    for path in sorted([*(ROOT / "tests" / "cases").glob("*.jsonl"), *(ROOT / "eval").glob("*.jsonl")]):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("//"):
                record = json.loads(line)
                texts += [record["text"], record["expected"]]
    return [text for text in texts if pattern.search(text)]


def test_cue_words_admit_every_sentence_the_pattern_matches() -> None:
    protections = Protections.default()
    found = _texts_with_spelling_talk()
    assert len(found) > 50  # the sets do hold spelling talk
    missed = [text for text in found if not protections.is_spelling_talk(text, 0, len(text))]
    assert not missed


_CUE_PIECES = [
    "spelled", "SPELLING", "ſpelt", "misspelt", "transliterated", "romanised", "pronounced",
    "written as", "wrote ", "writes “", "typed ", "the name ", "the old form of ", "also known as",
    "in Russian", "in Russian-occupied", "Russian for", "calls it", "say it?", "how to say",
    "rendered ", "translated ", "the word ", "variants ", "#KyivNotKiev", " rather than ",
    " instead of ", "Kiev", "Kharkov", "Odessa", "İstanbul", "\u212aiev", "TYPED ", ", ", ". ", " ",
    "\"", "“", "in 1990", " or ", "spell out",
]  # fmt: skip


@example("Some maps spelt it Kiev.")
@example("A misspelling of Odessa.")
@example("Kharkov is the transliteration from Russian.")
@example("The city was romanized as Kiev.")
@example("Locals pronounce Odessa differently.")
@example("The town is also known as Nikolaev.")
@example("Machine translation gave Kiev.")
@example("In Russian it is Kharkov.")
@example("Kiev is the Russian for Kyiv.")
@example("Everyone calls it Kiev.")
@example("How do you say it?")
@example("How would you say Lvov?")
@example("She says it as Odessa.")
@example("The agency rendered the name of the city as Kiev.")
@example("He wrote “Kiev”.")
@example("The old spellings of Kharkov persist.")
@example("Other forms of the name exist.")
@example("The town name Kiev appeared.")
@example("Fans posted #KyivNotKiev again.")
@example("He typed Kiev, then fixed it.")
@example("Reporters wrote it Kharkov until 2019.")
@example("Kiev rather than Kyiv.")
@example("Odessa instead of Odesa.")
@example("Older maps have the ſpelling Kiev.")
@given(st.lists(st.sampled_from(_CUE_PIECES) | st.text(max_size=3), max_size=12).map("".join))
def test_cue_words_never_hide_a_cue(text: str) -> None:
    """Each explicit example exercises one branch of the pattern."""
    protections = Protections.default()
    expected = protections.spelling_cues.search(text) is not None
    assert protections.is_spelling_talk(text, 0, len(text)) == expected


def test_cue_words_must_be_lowercase_strings() -> None:
    for bad in ("spel", ["Spel"], ["spel", ""], ["spel", 3]):
        with pytest.raises(ValueError, match=r"test.json: field 'spelling_cue_words'"):
            Protections.from_json({**DATA, "spelling_cue_words": bad}, "test.json")
