"""Invariants that hold for every text (hypothesis): idempotence, nothing
outside an edit changes, offsets map exactly, name-free text is untouched."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import toponorm as tn
from toponorm.protect import Protections

GAZETTEER = tn.Gazetteer.default()
SPELLINGS = sorted({v.text for e in GAZETTEER for v in e.variants} | {e.name for e in GAZETTEER})
PHRASES = sorted({t for p in Protections.default().phrases for t in p.texts})
CUES = [
    "the Ukrainian city of ",
    "Odessa, Texas",
    "chicken ",
    "Battle of ",
    " (now ",
    "formerly ",
    "the spelling ",
    " and ",
    " or ",
    "/",
    "#",
    "@",
    "`",
    "```\n",
    "https://",
    "\n\n",
    "Prince ",
    "Russian strikes on ",
    " oblast",
    "Kyiv",
    "Ukraine",
    "“",
    "”",
    "'s",
    "’s",
    "-based",
    "pro-",
]
WORDS = ["the", "city", "drones", "hit", "report", "market", "river", "station", "said", "on", "in"]

name_forms = st.sampled_from(SPELLINGS).flatmap(
    lambda name: st.sampled_from([name, name.upper(), name.lower(), name + "'s", name + "-based"])
)
pieces = st.one_of(
    name_forms,
    st.sampled_from(PHRASES),
    st.sampled_from(CUES),
    st.sampled_from(WORDS),
    st.sampled_from([" ", " ", ". ", ", ", "\n", "\r\n", "\t", "  ", "(", ")", '"', "\u00a0"]),
    st.text(max_size=8),
)
texts = st.lists(pieces, max_size=30).map("".join)

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(texts)
def test_idempotent(text: str) -> None:
    once = tn.normalize(text)
    assert tn.normalize(once) == once


@SETTINGS
@given(texts)
def test_edits_replay_and_offsets_map(text: str) -> None:
    result = tn.explain(text)
    assert result.apply() == result.text
    for edit in result.edits:
        assert text[edit.start : edit.end] == edit.original
        assert result.text[edit.out_start : edit.out_end] == edit.replacement


@SETTINGS
@given(texts)
def test_nothing_outside_edits_changes(text: str) -> None:
    result = tn.explain(text)
    in_pos = out_pos = 0
    for edit in result.edits:
        assert text[in_pos : edit.start] == result.text[out_pos : edit.out_start]
        in_pos, out_pos = edit.end, edit.out_end
    assert text[in_pos:] == result.text[out_pos:]
    assert len(result.text) - len(text) == sum(len(e.replacement) - len(e.original) for e in result.edits)


@SETTINGS
@given(st.text(alphabet=st.characters(exclude_categories=("L", "M", "Cs"))))
def test_text_without_letters_is_unchanged(text: str) -> None:
    result = tn.explain(text)
    assert result.text == text
    assert not result.edits
    assert not result.suggestions


@SETTINGS
@given(st.lists(st.sampled_from([*WORDS, " ", ". ", "\n", ", "]), max_size=40).map("".join))
def test_text_without_names_is_unchanged(text: str) -> None:
    assert not any(GAZETTEER.candidates(word) for word in WORDS)
    assert tn.normalize(text) == text


@SETTINGS
@given(texts)
def test_normalize_agrees_with_explain(text: str) -> None:
    assert tn.normalize(text) == tn.explain(text).text
