"""Machine-translation artifact rules: schema, loading, and matching with guards.

A rule is data (``data/rules/*.json``, one file per domain): literal
*triggers* that join the normalizer's one scanner, a ``regex`` *pattern*
tried only around a trigger, a *replacement* template (which may reorder
words), and *context guards*: words that must, or must not, appear within a
window around the match. Every rule carries examples that must change and
examples that must not; the test suite runs them all.

POLICY.md section 5: only where context proves the sense.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import regex
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from .scanner import Scanner, fold_key
from .userfiles import (
    InvalidFileError,
    describe_validation_error,
    field_path,
    json_kind,
    json_lines,
    line_of,
    load_json,
    read_user_text,
)

__all__ = [
    "Rule",
    "RuleError",
    "RuleExamples",
    "RuleMatch",
    "RuleSet",
    "RuleTimeoutError",
    "default",
    "load",
]

#: Seconds a user pattern may spend on one window before the rule is reported.
PATTERN_TIMEOUT = 0.25


_ARTICLE_BEFORE = regex.compile(r"(?<![\w'’])(an?|AN?|An)(\s+)$")


class RuleError(InvalidFileError):
    """A rule file or rule is invalid; the message names the file, the line, the
    rule and the field (``path``, ``line``, ``record`` -- the rule's position
    in the file -- and ``field`` say the same for programs)."""


class RuleTimeoutError(RuntimeError):
    """A rule's pattern ran longer than its timeout; the message names the rule."""


def _compiles(pattern: str) -> str:
    """A pattern that ``regex`` compiles, or a ValueError that says why not."""
    try:
        regex.compile(pattern)
    except regex.error as exc:
        raise ValueError(f"invalid regex {pattern!r}: {exc}") from None
    return pattern


def _matchable(trigger: str) -> str:
    """A trigger the scanner can find: it must have a letter or digit."""
    if not fold_key(trigger):
        raise ValueError(f"trigger {trigger!r} has no letters or digits to match")
    return trigger


_Regex = Annotated[str, Field(min_length=1), AfterValidator(_compiles)]
_Trigger = Annotated[str, Field(min_length=1), AfterValidator(_matchable)]


class RuleExamples(BaseModel):
    """Sentences a rule must rewrite (``change``: [input, expected]) and must leave (``keep``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    change: tuple[tuple[str, str], ...] = Field(min_length=1)
    keep: tuple[str, ...] = Field(min_length=1)


class Rule(BaseModel):
    """One machine-translation artifact and its established English term."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    description: str = Field(min_length=1)
    reason: str = Field(min_length=1, description="why the rendering is an artifact, for a journalist")
    triggers: tuple[_Trigger, ...] = Field(min_length=1, description="literal words that join the scanner")
    pattern: _Regex = Field(description="regex tried around a trigger")
    replacement: str = Field(description="template; \\g<name> inserts a group")
    case_sensitive: bool = False
    article: Literal["a", "an"] | None = Field(
        default=None, description="the indefinite article the replacement takes (an S-400, a Kh-22)"
    )
    window: int = Field(default=120, ge=0, le=2000, description="characters either side for guards")
    require: tuple[_Regex, ...] = Field(default=(), description="regexes: one must occur in the window")
    forbid: tuple[_Regex, ...] = Field(
        default=(), description="regexes, case-sensitive: none may occur in the window"
    )
    category: str = "mt_artifact"
    confidence: float = Field(default=0.9, gt=0, le=1)
    enabled: bool = True
    since: int | None = Field(
        default=None,
        ge=1800,
        le=1991,
        description="for a designation, the year from which it names this weapon: the rule also applies "
        "in sentences dated from then on, where the other rules skip every sentence dated before 1991",
    )
    note: str | None = None
    examples: RuleExamples

    @field_validator("category")
    @classmethod
    def _category(cls, value: str) -> str:
        if value != "mt_artifact":
            raise ValueError("rules belong to the 'mt_artifact' category")
        return value

    @field_validator("replacement")
    @classmethod
    def _template_groups_exist(cls, value: str, info: ValidationInfo) -> str:
        """Every group the template inserts must be one the pattern defines."""
        pattern = info.data.get("pattern")
        if pattern is None:  # the pattern itself is invalid; that error is reported
            return value
        compiled = regex.compile(pattern)
        for name in regex.findall(r"\\g<(\w+)>|\\(\d+)", value):
            group = next(part for part in name if part)
            if group.isdigit():
                if int(group) > compiled.groups:
                    raise ValueError(f"uses group {group} but the pattern has {compiled.groups} group(s)")
            elif group not in compiled.groupindex:
                raise ValueError(f"uses group {group!r} that the pattern does not define")
        return value

    @functools.cached_property
    def _compiled(
        self,
    ) -> tuple[
        regex.Pattern[str], regex.Pattern[str], tuple[regex.Pattern[str], ...], tuple[regex.Pattern[str], ...]
    ]:
        flags = 0 if self.case_sensitive else regex.IGNORECASE
        return (
            regex.compile(self.pattern, flags),
            # In an ALL-CAPS headline case tells nothing: "CALIBER MISSILES".
            regex.compile(self.pattern, regex.IGNORECASE),
            tuple(regex.compile(p, regex.IGNORECASE) for p in self.require),
            # Forbidden words are matched as written: "Bell" the maker, not a church bell.
            tuple(regex.compile(p) for p in self.forbid),
        )

    def matches(
        self, text: str, start: int, end: int, timeout: float | None = PATTERN_TIMEOUT
    ) -> Iterator[RuleMatch]:
        """Matches of the pattern that cover the trigger at ``text[start:end]``
        and pass the guards."""
        pattern, caps_pattern, require, forbid = self._compiled
        if self.case_sensitive and _shouting(text, start, end):
            pattern = caps_pattern
        lo = max(0, start - 200)
        hi = min(len(text), end + 200)
        try:
            for match in pattern.finditer(text, lo, hi, timeout=timeout):
                if match.start() > start or match.end() < end:
                    continue
                w_lo = max(0, match.start() - self.window)
                w_hi = min(len(text), match.end() + self.window)
                if require and not any(p.search(text, w_lo, w_hi, timeout=timeout) for p in require):
                    continue
                if any(p.search(text, w_lo, w_hi, timeout=timeout) for p in forbid):
                    continue
                shouting = _shouting(text, match.start(), match.end())
                replacement = _carry_case(match.group(), match.expand(self.replacement), shouting)
                m_start = match.start()
                if self.article:
                    article = _ARTICLE_BEFORE.search(text, max(0, m_start - 6), m_start)
                    if article and article.group(1).lower() != self.article:
                        # "a C-400" -> "an S-400": the article follows the new
                        # word, and keeps its own separator.
                        m_start = article.start()
                        new = _carry_case(article.group(1), self.article, shouting)
                        replacement = f"{new}{article.group(2)}{replacement}"
                yield RuleMatch(self, m_start, match.end(), replacement)
        except TimeoutError:
            raise RuleTimeoutError(
                f"rule {self.id!r}: pattern ran longer than {timeout}s near offset {start}"
            ) from None


@dataclass(frozen=True, slots=True)
class RuleMatch:
    """A rule's match in a text and what it becomes."""

    rule: Rule
    start: int
    end: int
    replacement: str


_WORD = regex.compile(r"\p{L}{2,}")


def _carry_case(source: str, replacement: str, shouting: bool = False) -> str:
    """``replacement`` in the case of ``source``: ALL CAPS, Title Case per word,
    or a capital first letter. Designations (X-47M2) have no case to carry."""
    words = _WORD.findall(source)
    if shouting or (words and all(w.isupper() for w in words)):
        return replacement.upper()
    if len(words) > 1 and all(w[0].isupper() for w in words):
        return regex.sub(r"\b\p{Ll}", lambda m: m.group().upper(), replacement)
    if source[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _shouting(text: str, start: int, end: int) -> bool:
    """True when the words around a span are in capitals (a headline)."""
    words = _WORD.findall(text, max(0, start - 40), min(len(text), end + 40))
    return len(words) >= 2 and all(w.isupper() for w in words)


class RuleSet:
    """An immutable collection of rules, with where each came from."""

    def __init__(
        self, rules: Iterable[Rule], sources: Sequence[str] = (), *, trusted: Iterable[str] = ()
    ) -> None:
        by_id: dict[str, Rule] = {}
        for rule in rules:
            if rule.id in by_id:
                raise RuleError(f"duplicate rule id {rule.id!r}")
            by_id[rule.id] = rule
        self._rules = by_id
        self.sources = tuple(sources)
        #: Ids of the packaged rules, whose patterns the test suite has vetted:
        #: they run without the timeout that guards user patterns.
        self.trusted = frozenset(trusted) & frozenset(by_id)

    def timeout(self, rule: Rule) -> float | None:
        """The time limit for this rule's patterns (None for packaged rules)."""
        return None if rule.id in self.trusted else PATTERN_TIMEOUT

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def __getitem__(self, rule_id: str) -> Rule:
        return self._rules[rule_id]

    def __repr__(self) -> str:
        return f"RuleSet({len(self)} rules from {', '.join(self.sources) or 'memory'})"

    def __add__(self, other: RuleSet) -> RuleSet:
        both = [rule.id for rule in other if rule.id in self._rules]
        if both:
            raise RuleError(
                f"duplicate rule id {both[0]!r}: in {', '.join(self.sources) or 'memory'} "
                f"and in {', '.join(other.sources) or 'memory'}"
            )
        return RuleSet((*self, *other), (*self.sources, *other.sources), trusted=self.trusted | other.trusted)

    @classmethod
    def from_file(cls, path: str | Path, *, check_examples: bool = True) -> RuleSet:
        """Load a UTF-8 rule file: ``{"domain": ..., "description": ..., "rules": [...]}``.

        Raises ``RuleError`` naming the file, the line, the rule and the field
        of the first problem: bytes that are not UTF-8, text that is not JSON,
        a missing, unknown, empty or mistyped field, a pattern that does not
        compile, a template group the pattern lacks, a duplicate id, an empty
        file or rule list, and (with ``check_examples``) an example that the
        rule, applied on its own, does not turn into its expected text (or
        changes when it should keep it). A missing file raises
        ``FileNotFoundError``.
        """
        return cls(_load_file(Path(path), check_examples, {}), (str(path),))


def _load_file(path: Path, check_examples: bool, taken: Mapping[str, str]) -> list[Rule]:
    """The rules of one user file; ``taken`` maps rule ids already loaded to their files."""
    where = str(path)
    text = read_user_text(path, RuleError)
    if not text.strip():
        raise RuleError(f'{where}: the file is empty; expected {{"rules": [...]}}', path=where)
    data = load_json(text, where, RuleError)
    return _parse(data, where, text, check_examples=check_examples, taken=taken)


class _RuleFile(BaseModel):
    """The frame of a rule file, around its rules."""

    model_config = ConfigDict(extra="forbid")

    domain: str | None = Field(default=None, min_length=1)
    description: str | None = None
    rules: list[Any] = Field(min_length=1)


def _parse(
    data: Any,
    source: str,
    text: str | None = None,
    *,
    check_examples: bool = False,
    taken: Mapping[str, str] | None = None,
) -> list[Rule]:
    """The rules of a parsed rule file; ``text`` (the file's text) lets errors
    name lines, ``taken`` (rule id -> file) finds ids other files define."""

    def error(loc: tuple[str | int, ...], problem: str, index: int | None = None) -> RuleError:
        line = line_of(json_lines(text), loc) if text is not None else None
        at = f", line {line}" if line else ""
        if index is None:
            field = field_path(loc) or None
            return RuleError(
                f"{source}{at}" + (f", field {field!r}" if field else "") + f": {problem}",
                path=source,
                line=line,
                field=field,
            )
        item = data["rules"][index]
        ident = item.get("id") if isinstance(item, dict) else None
        label = repr(ident) if isinstance(ident, str) and ident else f"#{index + 1}"
        field = field_path(loc[2:]) or None
        return RuleError(
            f"{source}{at}, rule {label}: " + (f"field {field!r}: " if field else "") + problem,
            path=source,
            line=line,
            record=index + 1,
            field=field,
        )

    if not isinstance(data, dict):
        raise error((), f'expected a JSON object {{"rules": [...]}}, got {json_kind(data)}')
    try:
        _RuleFile.model_validate(data)
    except ValidationError as exc:
        raise error(*describe_validation_error(exc, _RuleFile)) from None
    rules: list[Rule] = []
    first: dict[str, int] = {}
    for index, item in enumerate(data["rules"]):
        try:
            rule = Rule.model_validate(item)
        except ValidationError as exc:
            loc, problem = describe_validation_error(exc, Rule)
            raise error(("rules", index, *loc), problem, index) from None
        if rule.id in first:
            earlier = ("rules", first[rule.id])
            line = line_of(json_lines(text), earlier) if text is not None else None
            at = f" (line {line})" if line else ""
            raise error(
                ("rules", index, "id"), f"duplicate id; rule #{first[rule.id] + 1}{at} has it already", index
            )
        if taken and rule.id in taken:
            raise error(("rules", index, "id"), f"duplicate id; {taken[rule.id]} has it already", index)
        first[rule.id] = index
        if check_examples:
            failed = _example_problem(rule)
            if failed:
                raise error(("rules", index, *failed[0]), failed[1], index)
        rules.append(rule)
    return rules


def _apply_alone(rule: Rule, text: str, timeout: float | None = PATTERN_TIMEOUT) -> str:
    """``text`` as ``rule`` alone rewrites it: no names, no protected contexts, no other rules.

    This is how a user rule's examples are checked when its file is loaded.
    """
    scanner: Scanner[Rule] = Scanner(dict.fromkeys(rule.triggers, rule))
    parts: list[str] = []
    pos = 0
    for hit in scanner.scan(text):
        for match in rule.matches(text, hit.start, hit.end, timeout):
            if match.start < pos or match.replacement == text[match.start : match.end]:
                continue
            parts += [text[pos : match.start], match.replacement]
            pos = match.end
    parts.append(text[pos:])
    return "".join(parts)


def _example_problem(rule: Rule) -> tuple[tuple[str | int, ...], str] | None:
    """The first of the rule's own examples that it gets wrong, applied on its own."""
    cases: list[tuple[tuple[str | int, ...], str, str]] = [
        (("examples", "change", i), source, expected)
        for i, (source, expected) in enumerate(rule.examples.change)
    ]
    cases += [(("examples", "keep", i), source, source) for i, source in enumerate(rule.examples.keep)]
    for loc, source, expected in cases:
        try:
            got = _apply_alone(rule, source)
        except RuleTimeoutError:
            return loc, f"the pattern ran longer than {PATTERN_TIMEOUT}s on {source!r}"
        except (regex.error, IndexError) as exc:
            return ("replacement",), f"cannot be applied to {source!r}: {exc}"
        if got == expected:
            continue
        if expected == source:
            return loc, f"the rule changes {source!r} to {got!r}; a 'keep' example must stay as it is"
        if got == source:
            return loc, f"the rule does not change {source!r} (expected {expected!r})"
        return loc, f"the rule turns {source!r} into {got!r}, not {expected!r}"
    return None


def load(*paths: str | Path, check_examples: bool = True) -> RuleSet:
    """Load and combine user rule files (see ``RuleSet.from_file`` for the errors).

    With ``check_examples`` (the default) every rule's examples are run with
    the rule on its own; the first that fails raises ``RuleError`` naming it.
    """
    combined = RuleSet(())
    taken: dict[str, str] = {}
    for path in paths:
        loaded = _load_file(Path(path), check_examples, taken)
        taken.update((rule.id, str(path)) for rule in loaded)
        combined = combined + RuleSet(loaded, (str(path),))
    return combined


@functools.cache
def default() -> RuleSet:
    """The packaged rule set (every domain file in ``data/rules/``)."""
    folder = resources.files("toponorm") / "data" / "rules"
    rules: list[Rule] = []
    sources: list[str] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            name = f"toponorm/data/rules/{entry.name}"
            rules.extend(_parse(json.loads(entry.read_text(encoding="utf-8")), name))
            sources.append(name)
    return RuleSet(rules, sources, trusted=[rule.id for rule in rules])
