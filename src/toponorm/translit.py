"""Cyrillic-to-Latin transliteration driven by scheme data files.

Every romanization scheme toponorm knows is a JSON file in
``toponorm/data/schemes/`` (in the style of the ``iuliia`` library): the
letter tables, the positional rules, and the scheme's own samples, which the
test suite replays. This module only interprets those files, so adding or
correcting a scheme is a data change, not a code change.

Why several schemes: the spellings toponorm normalizes (``Kiev``,
``Kharkov``, ``Zaporozhye``) were produced by older or foreign systems. Running
a Ukrainian or Russian Cyrillic name through each scheme predicts the variants
that can turn up in English text, and the ``national`` scheme gives the
canonical form.

A scheme file has these tables (keys are lowercase; uppercase is derived):

``mapping``
    one letter -> Latin, the default for every letter the scheme covers
    (apostrophe characters may be keys too);
``initial_mapping``
    used for a letter at the start of a word;
``after_vowel_mapping``
    used for a letter right after a vowel or after one of
    ``after_vowel_letters``;
``sequence_mapping``
    multi-letter sequences, matched before single letters, longest first;
``ending_mapping``
    sequences at the end of a word, checked before everything else.

A word is a run of letters; any non-letter (space, hyphen, digit,
punctuation, start or end of text) ends it. An apostrophe (’ ' ʼ) counts as
part of the word only between two Cyrillic letters, as in ``Знам’янка``;
elsewhere it is a quotation mark and passes through untouched.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

__all__ = ["APOSTROPHES", "VOWELS", "Scheme", "load_scheme", "schemes", "transliterate"]

APOSTROPHES = "\u2019'\u02bc"
"""The characters Ukrainian text uses for the apostrophe: ’ (U+2019), ' and ʼ (U+02BC)."""

VOWELS = "аеёєиіїоуыэюя"
"""Cyrillic vowel letters (Ukrainian and Russian) that trigger ``after_vowel_mapping``."""

_CYRILLIC = "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f"
_CYRILLIC_CHAR = re.compile(f"[{_CYRILLIC}]")
_APOS_CLASS = "[" + re.escape(APOSTROPHES) + "]"
# Letters after the match that keep the word going: any letter, or an
# in-word apostrophe followed by a Cyrillic letter.
_WORD_END = f"(?![^\\W\\d_]|[\u0300-\u036f\u0483-\u0489]|{_APOS_CLASS}[{_CYRILLIC}])"

_SCHEME_DIR = "toponorm/data/schemes"


def _is_cyrillic_letter(char: str) -> bool:
    return char.isalpha() and _CYRILLIC_CHAR.match(char) is not None


def _check_keys(table: Mapping[str, str], *, single: bool, what: str) -> Mapping[str, str]:
    """Reject keys that are empty, not lowercase, or of the wrong length."""
    for key in table:
        if not key:
            raise ValueError(f"{what}: empty key")
        if key != key.lower():
            raise ValueError(f"{what}: key {key!r} is not lowercase (uppercase is derived)")
        if single and len(key) != 1:
            raise ValueError(f"{what}: key {key!r} must be a single character")
        if not single and len(key) < 2:
            raise ValueError(f"{what}: key {key!r} must be at least two characters")
        if not all(c.isalpha() or c in APOSTROPHES for c in key):
            raise ValueError(f"{what}: key {key!r} must be letters or apostrophes")
    return table


@dataclass(frozen=True)
class _Compiled:
    """A scheme turned into one regular expression plus lookup tables.

    The regex finds every piece of text the scheme handles: word endings
    (group ``end``, already checked to close their word), sequences and
    single letters (group ``tok``) and in-word apostrophes. The replacement
    callback picks the positional variant and applies the case of the
    source. Decomposed letters (``и`` + U+0306 for ``й``) are matched too.
    """

    pattern: re.Pattern[str]
    canonical: dict[str, str]
    mapping: dict[str, str]
    initial: dict[str, str]
    after_vowel: dict[str, str]
    sequences: dict[str, str]
    endings: dict[str, str]
    vowels: frozenset[str]

    @classmethod
    def build(cls, scheme: Scheme) -> _Compiled:
        """Compile ``scheme``: one regex, alternatives longest first."""
        letters = (set(scheme.mapping) | set(scheme.sequence_mapping)) - set(APOSTROPHES)
        canonical: dict[str, str] = {}
        for key in letters | set(scheme.ending_mapping):
            decomposed = unicodedata.normalize("NFD", key)
            if decomposed != key:
                canonical[decomposed] = key

        def longest_first(keys: set[str]) -> list[str]:
            return sorted(keys, key=lambda k: (-len(k), k))

        endings = longest_first(
            set(scheme.ending_mapping) | {d for d, k in canonical.items() if k in scheme.ending_mapping}
        )
        multi = longest_first(
            {k for k in letters if len(k) > 1} | {d for d, k in canonical.items() if k in letters}
        )
        singles = sorted(k for k in letters if len(k) == 1)
        apostrophes = "".join(k for k in scheme.mapping if k in APOSTROPHES)
        tokens = [re.escape(k) for k in multi]
        if singles:
            tokens.append("[" + "".join(map(re.escape, singles)) + "]")
        parts: list[str] = []
        if endings:
            parts.append("(?P<end>" + "|".join(map(re.escape, endings)) + ")" + _WORD_END)
        if tokens:
            parts.append("(?P<tok>" + "|".join(tokens) + ")")
        if apostrophes:
            parts.append(f"(?<=[{_CYRILLIC}])[{re.escape(apostrophes)}](?=[{_CYRILLIC}])")
        return cls(
            pattern=re.compile("|".join(parts), re.IGNORECASE),
            canonical=canonical,
            mapping=dict(scheme.mapping),
            initial=dict(scheme.initial_mapping),
            after_vowel=dict(scheme.after_vowel_mapping),
            sequences=dict(scheme.sequence_mapping),
            endings=dict(scheme.ending_mapping),
            vowels=frozenset(VOWELS + scheme.after_vowel_letters),
        )

    def replace(self, match: re.Match[str]) -> str:
        """Transliterate one regex match, choosing the rule by position."""
        src = match.group()
        text = match.string
        start, end = match.span()
        key = src.lower()
        key = self.canonical.get(key, key)
        if match.lastgroup == "end":
            out = self.endings[key]
        elif key in self.sequences:
            out = self.sequences[key]
        elif key in self.initial and _at_word_start(text, start):
            out = self.initial[key]
        elif key in self.after_vowel and start > 0 and text[start - 1].lower() in self.vowels:
            out = self.after_vowel[key]
        else:
            out = self.mapping[key]
        return _apply_case(out, src, text, start, end)


class Scheme(BaseModel):
    """One romanization scheme, as stored in ``data/schemes/<name>.json``.

    Validation is strict (unknown fields are errors) so that a typo in a data
    file fails loudly in the tests instead of silently changing output.
    Instances are frozen; treat the mapping dictionaries as read-only too.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    title: str = Field(min_length=1)
    language: Literal["uk", "ru", "uk+ru"]
    source: str = Field(min_length=1)
    url: str = Field(min_length=1)
    notes: str = ""
    mapping: dict[str, str] = Field(min_length=1)
    initial_mapping: dict[str, str] = Field(default_factory=dict)
    sequence_mapping: dict[str, str] = Field(default_factory=dict)
    after_vowel_mapping: dict[str, str] = Field(default_factory=dict)
    after_vowel_letters: str = ""
    ending_mapping: dict[str, str] = Field(default_factory=dict)
    samples: tuple[tuple[str, str], ...] = ()

    @field_validator("mapping", "initial_mapping", "after_vowel_mapping")
    @classmethod
    def _single_letter_keys(cls, value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        return dict(_check_keys(value, single=True, what=str(info.field_name)))

    @field_validator("sequence_mapping")
    @classmethod
    def _sequence_keys(cls, value: dict[str, str]) -> dict[str, str]:
        return dict(_check_keys(value, single=False, what="sequence_mapping"))

    @field_validator("ending_mapping")
    @classmethod
    def _ending_keys(cls, value: dict[str, str]) -> dict[str, str]:
        for key in value:
            if not key or key != key.lower() or not key.isalpha():
                raise ValueError(f"ending_mapping: key {key!r} must be lowercase letters")
        return value

    @field_validator("after_vowel_letters")
    @classmethod
    def _after_vowel_letters(cls, value: str) -> str:
        if value != value.lower() or not all(c.isalpha() for c in value):
            raise ValueError("after_vowel_letters must be lowercase letters")
        return value

    @model_validator(mode="after")
    def _positional_letters_in_mapping(self) -> Scheme:
        """Check that every positional rule refines a letter of ``mapping``.

        A letter with only an initial or after-vowel form would have no
        spelling elsewhere, so that is an error in the data file.
        """
        for field in ("initial_mapping", "after_vowel_mapping"):
            table: dict[str, str] = getattr(self, field)
            missing = sorted(set(table) - set(self.mapping))
            if missing:
                raise ValueError(f"{field}: letters {missing} are not in mapping")
        return self

    @classmethod
    def from_file(cls, path: str | Path) -> Scheme:
        """Load and validate a scheme file.

        Raises ``ValueError`` naming the file (and, through pydantic's
        message, the offending field) if the file is not a valid scheme, and
        if its ``name`` differs from the file name.
        """
        path = Path(path)
        return _parse_scheme(path.read_text(encoding="utf-8"), str(path), path.stem)


_MATCHERS: dict[int, _Compiled] = {}


def _matcher(scheme: Scheme) -> _Compiled:
    """The compiled form of ``scheme``, built once per Scheme object.

    Kept outside the model (keyed by identity, dropped when the scheme is
    garbage-collected) so that scheme equality stays a comparison of data.
    """
    key = id(scheme)
    matcher = _MATCHERS.get(key)
    if matcher is None:
        matcher = _Compiled.build(scheme)
        _MATCHERS[key] = matcher
        weakref.finalize(scheme, _MATCHERS.pop, key, None)
    return matcher


def _parse_scheme(text: str, where: str, stem: str) -> Scheme:
    """Validate scheme JSON ``text``; errors name ``where`` and the field."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ValueError(f"scheme file {where}: invalid JSON: {err}") from err
    try:
        scheme = Scheme.model_validate(data)
    except ValidationError as err:
        raise ValueError(f"scheme file {where}: {err}") from err
    if scheme.name != stem:
        raise ValueError(f"scheme file {where}: field 'name' is {scheme.name!r}, expected {stem!r}")
    return scheme


def _at_word_start(text: str, start: int) -> bool:
    """True if the letter at ``start`` begins a word."""
    if start == 0:
        return True
    prev = text[start - 1]
    if prev.isalpha() or unicodedata.category(prev).startswith("M"):
        return False
    # An apostrophe after a Cyrillic letter is inside the word (Знам’янка).
    return not (prev in APOSTROPHES and start > 1 and _is_cyrillic_letter(text[start - 2]))


def _neighbour_is_upper(text: str, index: int, step: int) -> bool:
    """Is the nearest letter from ``index`` in direction ``step`` an uppercase one?

    Apostrophes and combining marks are skipped; any other non-letter means
    there is no neighbour in the word.
    """
    while 0 <= index < len(text):
        char = text[index]
        if char.isalpha():
            return char.isupper()
        if char not in APOSTROPHES and not unicodedata.category(char).startswith("M"):
            return False
        index += step
    return False


def _apply_case(out: str, src: str, text: str, start: int, end: int) -> str:
    """Give ``out`` the case of ``src``.

    Lowercase source gives lowercase output. An uppercase letter gives
    all-uppercase output when it stands among uppercase letters (ЖИТОМИР ->
    ZHYTOMYR) and Title case otherwise (Житомир -> Zhytomyr, Щ -> Shch).
    """
    if not out or not src[0].isupper():
        return out
    cased = [c for c in src if c.isalpha()]
    if all(c.isupper() for c in cased) and (
        len(cased) > 1 or _neighbour_is_upper(text, start - 1, -1) or _neighbour_is_upper(text, end, 1)
    ):
        return out.upper()
    return out[:1].upper() + out[1:]


@functools.cache
def schemes() -> tuple[str, ...]:
    """Sorted names of the packaged schemes (the ``*.json`` files in data/schemes)."""
    return tuple(
        sorted(
            entry.name.removesuffix(".json")
            for entry in (resources.files("toponorm") / "data" / "schemes").iterdir()
            if entry.is_file() and entry.name.endswith(".json")
        )
    )


@functools.cache
def load_scheme(name: str) -> Scheme:
    """Load the packaged scheme ``name``, validated and cached.

    Raises ``ValueError`` listing the known names if there is no such scheme,
    and ``ValueError`` naming the file and field if the file is invalid.
    """
    known = schemes()
    if name not in known:
        raise ValueError(f"unknown transliteration scheme {name!r}; known: {', '.join(known)}")
    entry = (resources.files("toponorm") / "data" / "schemes") / f"{name}.json"
    return _parse_scheme(entry.read_text(encoding="utf-8"), f"{_SCHEME_DIR}/{name}.json", name)


def transliterate(text: str, scheme: str | Scheme = "national") -> str:
    """Romanize the Cyrillic in ``text`` with ``scheme`` (a packaged name or a Scheme).

    Case follows the source (ЖИТОМИР -> ZHYTOMYR, Житомир -> Zhytomyr,
    житомир -> zhytomyr). Everything the scheme does not cover (Latin,
    digits, punctuation, other scripts, stray apostrophes) is left as it is,
    so text without Cyrillic comes back unchanged.

    Raises ``TypeError`` if ``text`` is not a ``str`` and ``ValueError`` for
    an unknown scheme name.
    """
    if not isinstance(text, str):
        raise TypeError(f"transliterate() expects str, got {type(text).__name__}")
    if isinstance(scheme, Scheme):
        resolved = scheme
    elif isinstance(scheme, str):
        resolved = load_scheme(scheme)
    else:
        raise TypeError(f"scheme must be a name or a Scheme, got {type(scheme).__name__}")
    if not _CYRILLIC_CHAR.search(text):
        return text
    matcher = _matcher(resolved)
    return matcher.pattern.sub(matcher.replace, text)
