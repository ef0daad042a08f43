"""The scanner's fold keeps offsets; casing follows the source."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import toponorm as tn
from toponorm.casing import apply_case
from toponorm.scanner import Scanner, fold


@given(st.text())
def test_fold_preserves_length(text: str) -> None:
    assert len(fold(text)) == len(text)


def test_offsets_survive_letters_that_grow_when_lowercased() -> None:
    # 'İ'.lower() is two code points; a naive lower() would shift every offset after it.
    text = "İİİ İstanbul, then Kiev."
    result = tn.explain(text)
    (edit,) = result.edits
    assert text[edit.start : edit.end] == "Kiev"
    assert result.text == "İİİ İstanbul, then Kyiv."


def test_whole_words_across_separators_and_unicode_neighbours() -> None:
    scanner = Scanner({"Kiev": 1, "Krivoy Rog": 2})
    text = "Kiev’s éKiev Kievé Kiev2 _Kiev Krivoy\nRog Krivoy-Rog «Kiev»"
    found = [(text[h.start : h.end], h.payload) for h in scanner.scan(text)]
    assert found == [("Kiev", 1), ("Krivoy\nRog", 2), ("Krivoy-Rog", 2), ("Kiev", 1)]


def test_longest_match_wins() -> None:
    scanner = Scanner({"Kiev": 1, "Kiev Independent": 2})
    text = "the Kiev Independent in Kiev"
    assert [(h.start, h.end, h.payload) for h in scanner.scan(text)] == [(4, 20, 2), (24, 28, 1)]


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("KIEV", "Kyiv", "KYIV"),
        ("kiev", "Kyiv", "kyiv"),
        ("Kiev", "Kyiv", "Kyiv"),
        ("Krivoy-Rog", "Kryvyi Rih", "Kryvyi-Rih"),
        ("KRIVOY ROG", "Kryvyi Rih", "KRYVYI ROG".replace("ROG", "RIH")),
        ("krivoy rog", "Kryvyi Rih", "kryvyi rih"),
        ("Krivoy\nRog", "Kryvyi Rih", "Kryvyi\nRih"),
        ("Ivano-Frankovsk", "Ivano-Frankivsk", "Ivano-Frankivsk"),
        ("Kharkov oblast", "Kharkiv Oblast", "Kharkiv oblast"),
        ("Zelenskiy", "Zelenskyy", "Zelenskyy"),
        ("Krivorozhye", "Kryvyi Rih", "Kryvyi Rih"),
        ("KRIVOROZHYE", "Kryvyi Rih", "KRYVYI RIH"),
    ],
)
def test_apply_case(source: str, target: str, expected: str) -> None:
    assert apply_case(source, target) == expected
