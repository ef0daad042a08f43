"""Mixed-script words: Latin words with Cyrillic look-alike letters inside, or
the reverse (POLICY.md 1, ``mixed_script``).

Such words come from OCR, keyboard-layout slips and homoglyph spoofing; they
look right and defeat search. A word is repaired to its majority script only
when every minority letter has a look-alike there; a tie, or a letter with no
look-alike, leaves the word alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import regex

__all__ = ["CYRILLIC_TO_LATIN", "LATIN_TO_CYRILLIC", "is_mixed", "mixed_words", "repair"]

CYRILLIC_TO_LATIN: Mapping[str, str] = {
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
    "ј": "j", "ѕ": "s", "ԁ": "d", "ӏ": "l", "һ": "h", "ԛ": "q", "ԝ": "w",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S", "У": "Y", "Ԁ": "D",
}  # fmt: skip
LATIN_TO_CYRILLIC: Mapping[str, str] = {
    "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "y": "у", "x": "х", "i": "і",
    "A": "А", "B": "В", "E": "Е", "K": "К", "M": "М", "H": "Н", "O": "О", "P": "Р",
    "C": "С", "T": "Т", "X": "Х", "I": "І",
}  # fmt: skip

_BOUNDARY = regex.compile(r"\p{Latin}\p{Cyrillic}|\p{Cyrillic}\p{Latin}")
# Letters and marks only: an apostrophe ends the stretch that is checked, so a
# repair never reaches across it into a neighbouring name (Pristan'Ѕ...).
_WORD_CHAR = regex.compile(r"[\p{L}\p{M}]")
_LATIN = regex.compile(r"\p{Latin}")
_CYRILLIC = regex.compile(r"\p{Cyrillic}")


def _word_around(text: str, index: int) -> tuple[int, int]:
    start = index
    while start > 0 and _WORD_CHAR.match(text[start - 1]):
        start -= 1
    end = index + 1
    while end < len(text) and _WORD_CHAR.match(text[end]):
        end += 1
    return start, end


def repair(word: str) -> tuple[str, str] | None:
    """(repaired word, script it was repaired to), or None when it cannot be
    repaired safely."""
    latin = len(_LATIN.findall(word))
    cyrillic = len(_CYRILLIC.findall(word))
    if not latin or not cyrillic or latin == cyrillic:
        return None
    if latin > cyrillic:
        table, script, minority = CYRILLIC_TO_LATIN, "Latin", _CYRILLIC
    else:
        table, script, minority = LATIN_TO_CYRILLIC, "Cyrillic", _LATIN
    if script == "Latin" and minority.match(word[-1]) and _suffix_only(word, minority):
        # A foreign stem with a case ending (Microsoftу, McDonaldс) is
        # ordinary Ukrainian or Russian writing, not a look-alike slip.
        return None
    out = []
    for ch in word:
        if minority.match(ch):
            if ch not in table:
                return None
            out.append(table[ch])
        else:
            out.append(ch)
    return "".join(out), script


def _suffix_only(word: str, minority: regex.Pattern[str]) -> bool:
    """True when the minority-script letters are one run at the end of the word."""
    tail = len(word)
    while tail > 0 and minority.match(word[tail - 1]):
        tail -= 1
    return not any(minority.match(ch) for ch in word[:tail])


def is_mixed(word: str) -> bool:
    """True when ``word`` holds both Latin and Cyrillic letters."""
    return bool(_LATIN.search(word) and _CYRILLIC.search(word))


def mixed_words(text: str) -> Iterator[tuple[int, int]]:
    """Spans of words that mix Latin and Cyrillic letters."""
    if text.isascii():
        return
    last_end = -1
    for match in _BOUNDARY.finditer(text):
        if match.start() < last_end:
            continue
        start, end = _word_around(text, match.start())
        last_end = end
        yield start, end
