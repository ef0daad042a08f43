"""Carrying the source's letter case and separators onto a replacement.

A replacement is written the way the source was written: KIEV -> KYIV,
kiev -> kyiv, Kiev -> Kyiv, and ``Krivoy-Rog`` -> ``Kryvyi-Rih`` (the source's
hyphen kept, because the canonical name has as many words). Dictionary
casing never overwrites the writer's.
"""

from __future__ import annotations

import regex

_SEPARATOR = regex.compile(r"[\s\-\u2010\u2011]+")


def split_words(text: str) -> tuple[list[str], list[str]]:
    """Words and the separators between them (``len(seps) == len(words) - 1``)."""
    words = _SEPARATOR.split(text)
    seps = _SEPARATOR.findall(text)
    return words, seps


def _case_word(source: str, target: str) -> str:
    letters = [c for c in source if c.isalpha()]
    if not letters:
        return target
    if all(c.isupper() for c in letters) and len(letters) > 1:
        return target.upper()
    if all(c.islower() for c in letters):
        if any(c.isupper() for c in target[1:]):
            # Keep a canonical inner capital (Dnipro-Avia style) in lower-case text.
            return target[:1].lower() + target[1:]
        return target.lower()
    if letters[0].isupper():
        return target[:1].upper() + target[1:]
    return target


def apply_case(source: str, target: str) -> str:
    """Return ``target`` in the case and with the separators of ``source``.

    >>> apply_case("KIEV", "Kyiv"), apply_case("kiev", "Kyiv"), apply_case("Krivoy-Rog", "Kryvyi Rih")
    ('KYIV', 'kyiv', 'Kryvyi-Rih')
    """
    src_words, src_seps = split_words(source)
    tgt_words, _ = split_words(target)
    if len(src_words) == len(tgt_words):
        out = [_case_word(s, t) for s, t in zip(src_words, tgt_words, strict=False)]
        parts = [out[0]]
        for sep, word in zip(src_seps, out[1:], strict=False):
            parts.append(sep)
            parts.append(word)
        return "".join(parts)
    # Different word counts (Kievan-style merges): one case for the whole name.
    letters = [c for c in source if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return target.upper()
    if letters and all(c.islower() for c in letters):
        return target.lower()
    return target
