"""Carrying the source's letter case and separators onto a replacement.

A replacement is written the way the source was written: KIEV -> KYIV,
kiev -> kyiv, Kiev -> Kyiv, and ``Krivoy-Rog`` -> ``Kryvyi-Rih`` (the source's
hyphen kept, because the canonical name has as many words). Dictionary
casing never overwrites the writer's.
"""

from __future__ import annotations

import regex

from .scanner import fold

# Whitespace and dashes separate the words of a name, as in the scanner.
_SEPARATOR = regex.compile(r"[\s\p{Pd}]+")
_EQUIVALENT_INITIALS = ({"g", "h"}, {"i", "y", "j"}, {"e", "y"}, {"c", "k", "t"}, {"a", "o"})


def split_words(text: str) -> tuple[list[str], list[str]]:
    """Words and the separators between them (``len(seps) == len(words) - 1``)."""
    words = _SEPARATOR.split(text)
    seps = _SEPARATOR.findall(text)
    return words, seps


def _cased(text: str) -> list[str]:
    """The letters of ``text`` that have a case (not ʹ or digits)."""
    return [c for c in text if c.lower() != c.upper()]


def _aligned(source: list[str], target: list[str]) -> bool:
    """True when the words pair up in order: same count, and initials that are
    the same letter or its usual romanization twin (Goloseyevsky/Holosiivskyi)."""
    if len(source) != len(target):
        return False
    for s, t in zip(source, target, strict=False):
        a, b = fold(s[:1]), fold(t[:1])
        if a != b and not any(a in pair and b in pair for pair in _EQUIVALENT_INITIALS):
            return False
    return True


def _case_word(source: str, target: str) -> str:
    letters = _cased(source)
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
    if _aligned(src_words, tgt_words):
        out = [_case_word(s, t) for s, t in zip(src_words, tgt_words, strict=False)]
        parts = [out[0]]
        for sep, word in zip(src_seps, out[1:], strict=False):
            parts.append(sep)
            parts.append(word)
        return "".join(parts)
    # Words that do not pair up (ostrov Zmeinyy -> Zmiinyi Island): one case
    # for the whole name, and the canonical form when the source mixes cases.
    letters = _cased(source)
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return target.upper()
    if letters and all(c.islower() for c in letters):
        return target.lower()
    return target
