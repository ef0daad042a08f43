"""Protected contexts: where a legacy spelling is right and must stay (POLICY.md 3).

Two kinds of protection. Markup (URLs, e-mail addresses, hashtags, handles,
file paths, code) is recognized by looking at the token and line around a
proposed edit. Fixed expressions, history and talk about spellings come from
``data/protected.json``: phrases that join the scanner, and guards (regular
expressions) tried around a proposed edit. Nothing here scans the whole text:
every check runs only where a name was found.
"""

from __future__ import annotations

import bisect
import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import regex

__all__ = [
    "WINDOW",
    "Guard",
    "Phrase",
    "Protections",
    "code_spans",
    "markup_reason",
    "markup_spans",
    "quoted_alone",
    "quoted_spans",
]

#: Characters either side of a name that guards and glosses look at.
WINDOW = 80


@dataclass(frozen=True, slots=True)
class Phrase:
    """A fixed expression containing a name, kept as written."""

    id: str
    texts: tuple[str, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class Guard:
    """A context in which a proposed edit of one of ``entities`` is dropped.

    ``entities`` lists entity ids; ``*place`` stands for every place.
    """

    id: str
    entities: frozenset[str]
    reason: str
    before: regex.Pattern[str] | None
    after: regex.Pattern[str] | None
    sentence: regex.Pattern[str] | None

    def applies_to(self, entity_id: str) -> bool:
        """Whether this guard concerns the entity."""
        return entity_id in self.entities or ("*place" in self.entities and entity_id.startswith("place:"))

    def holds(self, text: str, start: int, end: int, sentence: tuple[int, int]) -> bool:
        """True when every condition of the guard holds around ``text[start:end]``."""
        if self.before is not None and not self.before.search(text, max(0, start - WINDOW), start):
            return False
        if self.after is not None and not self.after.match(text, end, min(len(text), end + WINDOW)):
            return False
        return not (self.sentence is not None and not self.sentence.search(text, sentence[0], sentence[1]))


@dataclass(frozen=True, slots=True)
class Protections:
    """Every protected expression and guard, with the patterns for spelling
    talk and glosses."""

    phrases: tuple[Phrase, ...]
    guards: tuple[Guard, ...]
    spelling_cues: regex.Pattern[str]
    #: Lowercase literals, one of which every match of ``spelling_cues``
    #: contains; empty means the pattern is always tried.
    spelling_cue_words: tuple[str, ...]
    gloss_before: regex.Pattern[str]
    gloss_after: regex.Pattern[str]
    examples: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...]
    _by_entity: dict[str, tuple[Guard, ...]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def default(cls) -> Protections:
        """The packaged protections (loaded once)."""
        return _default_protections()

    @classmethod
    def from_json(cls, data: dict[str, Any], source: str) -> Protections:
        """Build from the structure of ``data/protected.json``; a bad pattern names its id."""

        def compile_(
            pattern: str | None, where: str, flags: int = regex.IGNORECASE
        ) -> regex.Pattern[str] | None:
            if pattern is None:
                return None
            if pattern.startswith("^"):
                # Patterns are anchored where they are tried; "^" would only
                # match at the start of the whole text.
                raise ValueError(f"{source}: {where}: must not start with '^'")
            try:
                return regex.compile(pattern, flags)
            except regex.error as exc:
                raise ValueError(f"{source}: {where}: invalid pattern: {exc}") from None

        phrases = tuple(Phrase(p["id"], tuple(p["texts"]), p["reason"]) for p in data.get("phrases", []))
        guards = tuple(
            Guard(
                id=g["id"],
                entities=frozenset(g["entities"]),
                reason=g["reason"],
                before=compile_(g.get("before"), f"guard {g['id']!r} field 'before'"),
                after=compile_(g.get("after"), f"guard {g['id']!r} field 'after'"),
                sentence=compile_(g.get("sentence"), f"guard {g['id']!r} field 'sentence'"),
            )
            for g in data.get("guards", [])
        )
        examples = tuple(
            (item["id"], item["reason"], tuple(item.get("keep", ())), tuple(item.get("change", ())))
            for item in (*data.get("phrases", []), *data.get("guards", []))
        )

        def required(name: str, flags: int = regex.IGNORECASE) -> regex.Pattern[str]:
            pattern = compile_(data[name], f"field {name!r}", flags)
            assert pattern is not None
            return pattern

        return cls(
            phrases=phrases,
            guards=guards,
            # Case matters here ("the name" + a capital letter); the file marks
            # its case-insensitive parts with (?i:...).
            spelling_cues=required("spelling_cues", 0),
            spelling_cue_words=_cue_words(data.get("spelling_cue_words", []), source),
            gloss_before=required("gloss_before"),
            gloss_after=required("gloss_after"),
            examples=examples,
        )

    def guard_for(
        self, entity_id: str, text: str, start: int, end: int, sentence: tuple[int, int]
    ) -> Guard | None:
        """The first guard that protects ``text[start:end]`` as this entity, if any."""
        for guard in self._guards_of(entity_id):
            if guard.holds(text, start, end, sentence):
                return guard
        return None

    def _guards_of(self, entity_id: str) -> tuple[Guard, ...]:
        found = self._by_entity.get(entity_id)
        if found is None:
            found = tuple(g for g in self.guards if g.applies_to(entity_id))
            self._by_entity[entity_id] = found
        return found

    def is_spelling_talk(self, text: str, start: int, end: int) -> bool:
        """True when ``text[start:end]`` (a sentence) talks about spellings.

        Most sentences contain none of the cue words, and a substring test of
        the folded sentence is far cheaper than the pattern, so it goes first.
        """
        if self.spelling_cue_words:
            folded = text[start:end].casefold()
            if not any(word in folded for word in self.spelling_cue_words):
                return False
        return self.spelling_cues.search(text, start, end) is not None

    def is_gloss(self, text: str, start: int, end: int) -> bool:
        """True for a legacy form glossed by the text itself: "Kharkov (now
        Kharkiv)", "Kharkiv (formerly Kharkov)"."""
        return bool(
            self.gloss_before.search(text, max(0, start - WINDOW), start)
            or self.gloss_after.match(text, end, min(len(text), end + WINDOW))
        )


def _cue_words(value: object, source: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(w, str) and w and w == w.casefold() for w in value):
        raise ValueError(
            f"{source}: field 'spelling_cue_words': must be a list of non-empty lowercase strings"
        )
    return tuple(value)


@functools.cache
def _default_protections() -> Protections:
    path = resources.files("toponorm") / "data" / "protected.json"
    with path.open(encoding="utf-8") as handle:
        return Protections.from_json(json.load(handle), "toponorm/data/protected.json")


# -- markup ------------------------------------------------------------------

_URL = regex.compile(r"(?i)(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)")
_EMAIL = regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A token is a path when it starts like one, ends in a file extension, or is a
# domain followed by a path; "X-101/X-555" (one name per slash) is not.
_PATH = regex.compile(
    r"^[\"'(“‘]?(?:[A-Za-z]:[\\/]|\\\\|~?/|\.{1,2}/)|\.[A-Za-z][A-Za-z0-9]{0,4}$|^[\"'(“‘]?[\w-]+(?:\.[\w-]+)+/"
)
# Bounded lengths keep unclosed openers linear: each looks ahead at most so far.
_CODE_SPAN = regex.compile(r"(?<!`)(`+)(?!`).{1,2000}?(?<!`)\1(?!`)")
_HTML_CODE_TAG = regex.compile(r"<(/?)(code|pre|script|style|kbd|samp)\b[^<>]{0,500}>", regex.IGNORECASE)
_DOMAIN_TAIL = regex.compile(r"\.[a-z]{2,}\b", regex.IGNORECASE)
_FENCE = regex.compile(r"^[ \t]{0,3}(`{3,}|~{3,})", regex.MULTILINE)
_QUOTED = regex.compile(
    r"“[^”\n]{0,2000}”|\"[^\"\n]{0,2000}\"|«[^»\n]{0,2000}»|„[^“”\n]{0,2000}[“”]|‘[^’\n]{0,2000}’(?!\w)"
)


_TOKEN_HEAD = regex.compile(r"(?r)\S*")
_TOKEN_TAIL = regex.compile(r"\S*")


def _token_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The whitespace-delimited token around a span, at most 300 characters
    either side (so a text without spaces costs constant work per name)."""
    head = _TOKEN_HEAD.match(text, max(0, start - 300), start)
    tail = _TOKEN_TAIL.match(text, end, min(len(text), end + 300))
    return (head.start() if head else start), (tail.end() if tail else end)


def markup_reason(text: str, start: int, end: int, code: Sequence[tuple[int, int]]) -> str | None:
    """Why ``text[start:end]`` sits inside markup that must stay as written, or
    None; ``code`` is the text's ``markup_spans``."""
    i = bisect.bisect_right(code, (start, math.inf))
    if i and code[i - 1][1] > start:
        return "inside code or a URL"
    left, right = _token_bounds(text, start, end)
    token = text[left:right]
    offset = start - left
    if _URL.search(token):
        return "part of a URL"
    if "@" in token and _EMAIL.search(token):
        return "part of an e-mail address"
    head = token[:offset].lstrip("\"'“‘(")
    if head.startswith("#"):
        return "part of a hashtag"
    if head.startswith("@"):
        return "part of a handle"
    if ("/" in token or "\\" in token) and _PATH.search(token.rstrip(".,;:!?)\"'”’")):
        return "part of a file path or address"
    if end < len(text) - 1 and text[end] == "." and _DOMAIN_TAIL.match(text, end) and text[end + 1].islower():
        return "part of a domain name"
    if start > 1 and text[start - 1] == "." and text[start - 2].isalnum():
        return "part of a domain name"
    return None


_URL_TAIL = regex.compile(r"\S{0,2000}")
# Literal markers are found fast (ASCII letters in either case: a case-blind
# pattern runs at half the speed); a scheme is then read backwards from "://".
_URL_MARK = regex.compile(r"://|[wW][wW][wW]\.|[mM][aA][iI][lL][tT][oO]:")
_SCHEME = regex.compile(r"(?r)[A-Za-z][A-Za-z0-9+.-]{0,30}\Z")


def markup_spans(text: str) -> list[tuple[int, int]]:
    """Spans of code (``code_spans``) and of URLs, sorted and merged: a URL
    runs from its scheme (or ``www.``) to the next space, however long its
    path, up to 2,000 characters."""
    spans = code_spans(text)
    found = False
    for mark in _URL_MARK.finditer(text):
        start = mark.start()
        if mark.group() == "://":
            scheme = _SCHEME.search(text, max(0, start - 31), start)
            if scheme is None:
                continue
            start = scheme.start()
        tail = _URL_TAIL.match(text, start)
        spans.append((start, tail.end() if tail else mark.end()))
        found = True
    return _merged(spans) if found else spans


def code_spans(text: str) -> list[tuple[int, int]]:
    """Spans of code, sorted and merged where they overlap: Markdown fences
    (closed by a fence of the same character, at least as long; an unclosed
    fence runs to the end), inline code spans (`...`, on one line), and HTML
    code, pre, script, style, kbd and samp elements (an unclosed one is not
    code). Found once per text, in time linear in its length."""
    spans: list[tuple[int, int]] = []
    if "```" in text or "~~~" in text:
        opened: tuple[int, str] | None = None
        for match in _FENCE.finditer(text):
            fence = match.group(1)
            if opened is None:
                opened = (match.start(), fence)
            elif fence[0] == opened[1][0] and len(fence) >= len(opened[1]):
                spans.append((opened[0], match.end()))
                opened = None
        if opened is not None:
            spans.append((opened[0], len(text)))
    if "`" in text:
        spans.extend(m.span() for m in _CODE_SPAN.finditer(text))
    if "<" in text:
        spans.extend(_html_code(text))
    return _merged(spans)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for span_start, span_end in sorted(spans):
        if merged and span_start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], span_end))
        else:
            merged.append((span_start, span_end))
    return merged


def _html_code(text: str) -> list[tuple[int, int]]:
    """HTML code elements: each opening tag to the first closing tag of its
    name after it (tags of other names inside are content)."""
    spans: list[tuple[int, int]] = []
    opened: dict[str, int] = {}  # element name -> where its first unclosed opening tag starts
    for tag in _HTML_CODE_TAG.finditer(text):
        name = tag.group(2).lower()
        if not tag.group(1):
            opened.setdefault(name, tag.start())
        elif name in opened:
            spans.append((opened.pop(name), tag.end()))
    return spans


_OPENING_QUOTES = "'\"‘“«„‚‹"
_CLOSING_QUOTES = "'\"’”»“‘›"


def quoted_alone(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands alone inside quotation marks ('Kiev',
    "air anxiety"): a mention of the words themselves, not a use of them."""
    if start == 0 or end >= len(text):
        return False
    if text[start - 1] not in _OPENING_QUOTES or text[end] not in _CLOSING_QUOTES:
        return False
    # An apostrophe inside a word (rock'n'roll) or a possessive ('s) is not a quotation mark.
    return not (start >= 2 and text[start - 2].isalnum()) and not (
        end + 1 < len(text) and text[end + 1].isalnum()
    )


def quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quotations in ``text[start:end]`` (straight, curly, guillemets, German-style)."""
    return [m.span() for m in _QUOTED.finditer(text, start, end)]
