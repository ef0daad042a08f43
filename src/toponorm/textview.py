"""A clean reading of a text whose names are hidden by invisible characters
or decomposed accents, with an exact map back to the text's offsets.

Text copied from web pages and PDFs carries characters nobody sees: soft
hyphens (``Ki\\u00adev``), zero-width spaces and joiners, byte-order marks,
bidirectional marks; and text from some systems comes in decomposed form
(NFD: ``ï`` as ``i`` + U+0308). A reader sees ``Kiev`` and ``Kiïv``; a
scanner sees other strings. The policy decision (docs/policy.md) is to
*normalize through them*: the pipeline runs on a view with every default-
ignorable character removed and every combining sequence composed (NFC),
and each edit found there is mapped back to the exact span of the input it
covers. Characters outside the edits are kept byte for byte, invisible ones
included; an edit's replacement leaves out the invisible characters that
were inside the name, and its reason says so.

Text with neither (nearly all text) gets no view at all, so this costs one
check per text.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass

import regex

__all__ = ["TextView", "describe_hidden"]

# Default_Ignorable_Code_Point covers soft hyphen, zero-width space/joiners,
# word joiner, bidi marks and isolates, BOM and variation selectors.
_IGNORABLE = regex.compile(r"\p{Default_Ignorable_Code_Point}")
# A mark that is also invisible (U+FE0F, U+034F) belongs to the first branch.
_UNIT = regex.compile(
    r"\p{Default_Ignorable_Code_Point}+|\P{M}?(?:(?!\p{Default_Ignorable_Code_Point})\p{M})+"
)


@dataclass(frozen=True, slots=True)
class _Unit:
    """A stretch of the input that the view writes differently."""

    view_start: int
    view_end: int
    start: int
    end: int


class TextView:
    """``text`` with invisible characters removed and combining sequences
    composed; ``span`` maps a span of the view back to the input."""

    __slots__ = ("_ends", "_units", "source", "text")

    def __init__(self, source: str, text: str, units: list[_Unit]) -> None:
        self.source = source
        self.text = text
        self._units = units
        self._ends = [u.view_end for u in units]

    @classmethod
    def of(cls, text: str) -> TextView | None:
        """The clean view of ``text``, or None when the text is already clean."""
        if text.isascii() or (not _IGNORABLE.search(text) and unicodedata.is_normalized("NFC", text)):
            return None
        parts: list[str] = []
        units: list[_Unit] = []
        pos = 0
        view_pos = 0
        for m in _UNIT.finditer(text):
            piece = m.group()
            composed = "" if _IGNORABLE.match(piece) else unicodedata.normalize("NFC", piece)
            if composed == piece:
                continue
            parts.append(text[pos : m.start()])
            view_pos += m.start() - pos
            parts.append(composed)
            units.append(_Unit(view_pos, view_pos + len(composed), m.start(), m.end()))
            view_pos += len(composed)
            pos = m.end()
        if not units:
            return None
        parts.append(text[pos:])
        return cls(text, "".join(parts), units)

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The input span that the view's ``[start, end)`` reads, or None when
        either end falls inside a composed character (no exact input span)."""
        lo = self._offset(start, leading=True)
        hi = self._offset(end, leading=False)
        if lo is None or hi is None:
            return None
        return lo, hi

    def _offset(self, view_pos: int, *, leading: bool) -> int | None:
        # Units ending at or before view_pos are behind it; an empty unit
        # (invisible characters) exactly at view_pos is outside a span that
        # starts or ends there.
        i = bisect.bisect_right(self._ends, view_pos)
        if not leading:
            while i and self._units[i - 1].view_start == self._units[i - 1].view_end == view_pos:
                i -= 1
        if i < len(self._units):
            unit = self._units[i]
            if unit.view_start < view_pos < unit.view_end:
                return None
        if not i:
            return view_pos
        last = self._units[i - 1]
        return last.end + (view_pos - last.view_end)


def describe_hidden(original: str) -> str:
    """How an edit's input differs from what a reader sees, for its reason:
    the invisible characters it contained, or that it was decomposed."""
    hidden = sorted({ch for ch in original if _IGNORABLE.match(ch)})
    if hidden:
        names = ", ".join(f"U+{ord(ch):04X} {unicodedata.name(ch, 'FORMAT CHARACTER')}" for ch in hidden)
        return f"; the input had invisible characters inside the name ({names}), left out of the replacement"
    return "; the input was in decomposed Unicode form (NFD), composed in the replacement"
