"""The compiled candidate finder: one pass over the text finds every known name.

The text is *folded* into a scan copy of exactly the same length: lower-cased,
every separator (space, line break, hyphen, apostrophe, punctuation) turned
into a plain space, Cyrillic letters that look like Latin ones turned into
those Latin letters. Keys are folded the same way and wrapped in spaces, and
the scan copy gets a space at each end, so an Aho-Corasick automaton matches
whole words only, across any single separator, without lower-casing tricks
that shift offsets (``İ``) and without a Python-level boundary check per hit.
Because the fold never changes a length, an offset in the scan copy is the
same offset in the input.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

from .scripts import CYRILLIC_TO_LATIN

T = TypeVar("T")


def _is_word_char(ch: str) -> bool:
    if ch == "_" or ch.isalnum():
        return True
    return unicodedata.category(ch).startswith("M")


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Every ASCII character that is not a letter, digit or underscore separates words.
    for code in range(128):
        ch = chr(code)
        if not _is_word_char(ch) and ch != " ":
            table[code] = " "
    # Non-ASCII separators in the Basic Multilingual Plane (Latin-1 to the
    # full-width and CJK punctuation); a character missing here only costs a
    # match (it stays a non-separator), never a wrong one.
    for code in range(0x80, 0x10000):
        ch = chr(code)
        cat = unicodedata.category(ch)
        if cat[0] in "PZS" or cat in ("Cc", "Cf"):
            table[code] = " "
    # Apostrophe-like modifier letters used as apostrophes (ʻ ʼ) and full-width
    # punctuation. The transliteration primes ʹ ʺ stay letters: they mark a
    # soft or hard sign inside a word (Truskavecʹ).
    for code in list(range(0x1F000, 0x1FB00)) + list(range(0xE0000, 0xE0080)):
        if unicodedata.category(chr(code)) in ("So", "Sk", "Cn", "Cf"):
            table[code] = " "
    for code in (0x02BB, 0x02BC, 0x3000, 0xFEFF, 0xFF0C, 0xFF0E):
        table[code] = " "
    # Cyrillic look-alikes of Latin letters (lower-cased first, as the text is).
    for cyr, lat in CYRILLIC_TO_LATIN.items():
        table[ord(cyr.lower())] = lat.lower()
    return table


FOLD_TABLE: Mapping[int, str] = _build_fold_table()
_ASCII_FOLD = {k: v for k, v in FOLD_TABLE.items() if k < 128}
_WIDE_FOLD = {k: v for k, v in FOLD_TABLE.items() if k >= 128}
_NON_ASCII_RUN = re.compile(r"([^\x00-\x7f]+)")


def fold(text: str) -> str:
    """The scan copy of ``text``: same length, lower case, separators as spaces.

    >>> fold("Kiev’s Podil-based")
    'kiev s podil based'
    """
    low = text.lower()
    if len(low) != len(text):
        # Only a few letters grow when lower-cased (U+0130 'İ' -> 'i̇');
        # lower them one by one and keep any that would change the length.
        low = "".join(c if len(lc := c.lower()) != 1 else lc for c in text)
    if low.isascii():
        return low.translate(_ASCII_FOLD)
    # str.translate is fast only on all-ASCII strings: fold the ASCII runs and
    # the (short, sparse) non-ASCII runs separately.
    parts = _NON_ASCII_RUN.split(low)
    parts[0::2] = [part.translate(_ASCII_FOLD) for part in parts[0::2]]
    parts[1::2] = [part.translate(_WIDE_FOLD) for part in parts[1::2]]
    return "".join(parts)


def fold_key(name: str) -> str:
    """How a known name is stored in the automaton: folded and stripped, so
    that ``Krivoy Rog``, ``Krivoy-Rog`` and ``Krivoy\\nRog`` are one key.

    Runs of separators are kept as they are, one space per character, because
    the text's fold keeps them too: ``Vasyl' Malyuk`` (apostrophe and space)
    must meet the same two spaces in the text.
    """
    return fold(name).strip()


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    """A place in the text where a known key occurs as whole words."""

    start: int
    end: int
    payload: T


class Scanner(Generic[T]):
    """One automaton over all keys; finds leftmost-longest whole-word hits in one pass.

    Built once per normalizer. Picklable, so worker processes get a copy
    without rebuilding it.
    """

    def __init__(self, keys: Mapping[str, T]) -> None:
        self._automaton = ahocorasick.Automaton()
        count = 0
        for key, payload in keys.items():
            folded = fold_key(key)
            if not folded:
                continue
            self._automaton.add_word(f" {folded} ", (len(folded), payload))
            count += 1
        self._size = count
        if count:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return self._size

    def scan(self, text: str) -> list[Hit[T]]:
        """Non-overlapping hits, leftmost first, longest at each position."""
        if not self._size or not text:
            return []
        haystack = f" {fold(text)} "
        found: list[tuple[int, int, T]] = []
        for end_index, (length, payload) in self._automaton.iter(haystack):
            # end_index points at the trailing space; the key spans [start, end) of text.
            end = end_index - 1
            start = end - length
            found.append((start, end, payload))
        if not found:
            return []
        found.sort(key=lambda h: (h[0], -h[1]))
        hits: list[Hit[T]] = []
        last_end = -1
        for start, end, payload in found:
            if start >= last_end:
                hits.append(Hit(start, end, payload))
                last_end = end
        return hits
