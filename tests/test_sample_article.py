"""The shared machine-translated sample and the repo's own example article."""

from __future__ import annotations

import pytest

import toponorm as tn

from .conftest import ROOT, SHARED_SAMPLES

SAMPLE = SHARED_SAMPLES / "mt-news-article.txt"


@pytest.mark.skipif(not SAMPLE.exists(), reason="../shared/samples is not beside the checkout")
def test_shared_sample_changes_only_kiev_and_mt_artifacts() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    result = tn.explain(text)
    # Every Kiev (and Kiev Independent) becomes Kyiv, the loitering munitions
    # and the Telegram calque are fixed, and nothing else changes.
    assert "Kiev" in text
    expected = (
        text.replace("Kiev", "Kyiv")
        .replace("Shahed munitions hanging around", "Shahed loitering munitions")
        .replace("told the Telegram messaging channel", "said on Telegram")
    )
    assert expected.count("loitering munitions") == 1
    assert "said on Telegram" in expected
    assert result.text == expected
    assert {e.category for e in result.edits} == {"transliteration", "organization", "mt_artifact"}
    assert any(e.original == "Kiev Independent" and e.category == "organization" for e in result.edits)
    assert result.apply() == result.text


def test_example_article_edits_are_explained() -> None:
    text = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")
    result = tn.explain(text)
    changed = {(e.original, e.replacement) for e in result.edits}
    assert ("Kiev", "Kyiv") in changed
    assert ("Kiev Independent", "Kyiv Independent") in changed
    assert ("Zelensky", "Zelenskyy") in changed
    # Protected in the article: the medieval state, the dish, the talk about spelling.
    assert "Kievan Rus'" in result.text
    assert "chicken Kiev" in result.text
    assert "write Kyiv rather than Kiev" in result.text
    assert all(e.reason.startswith(f"{e.original} -> {e.replacement}") for e in result.edits)
