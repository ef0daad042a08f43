"""The shared machine-translated sample and the repo's own example article."""

from __future__ import annotations

import pytest

import toponorm as tn

from .conftest import ROOT, SHARED_SAMPLES

SAMPLE = SHARED_SAMPLES / "mt-news-article.txt"


@pytest.mark.skipif(not SAMPLE.exists(), reason="../shared/samples is not beside the checkout")
def test_shared_sample_only_kiev_changes() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    result = tn.explain(text)
    # Every Kiev (and Kiev Independent) becomes Kyiv; nothing else changes
    # until the machine-translation rules land.
    assert "Kiev" in text
    assert result.text == text.replace("Kiev", "Kyiv")
    assert {e.category for e in result.edits} <= {"transliteration", "organization"}
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
