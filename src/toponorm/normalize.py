"""The Normalizer: the pipeline from text to a Result, and the module-level functions.

text -> candidate spans (one scan) -> protected contexts -> ambiguity and
evidence -> category switches -> edits -> output text with exact offsets.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import math
import unicodedata
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import regex

from . import context
from .casing import apply_case
from .gazetteer import SMALL_PLACE_KINDS, Candidate, Gazetteer
from .models import Category, Config, Edit, Match, Result
from .protect import WINDOW as _GUARD_WINDOW
from .protect import Phrase, Protections, markup_reason, markup_spans, quoted_alone, quoted_spans
from .rules import Rule, RuleSet
from .rules import default as default_rules
from .scanner import Hit, Scanner, fold, fold_key
from .scripts import is_mixed, mixed_words, repair
from .textview import TextView, describe_hidden

__all__ = [
    "Normalizer",
    "canonical",
    "default_normalizer",
    "explain",
    "lookup",
    "normalize",
    "normalize_many",
    "variants",
]

_CYRILLIC = regex.compile(r"\p{Cyrillic}")
#: Readings of a text while edits keep adding evidence (a bound, not a target:
#: nearly every text settles in one or two; a chain of ambiguous names, each
#: the evidence for the next, takes one more per link).
_ROUNDS = 12
#: How far from a replacement a longer name that contains it may reach.
_NAME_REACH = 80  # characters; also bounds the neighbour words read before the scan
_REGION_AFTER = regex.compile(r"[\s-]+(?:[Oo]blast|[Rr]egion|[Pp]rovince)\b")

#: How a spelling's origin reads in an explanation.
ORIGIN_PHRASES = {
    "english-ru": "Russian-based spelling",
    "bgn-pcgn-ru": "BGN/PCGN romanization of the Russian name",
    "bgn-pcgn-uk": "BGN/PCGN romanization (not the national standard)",
    "iso9": "ISO 9 scholarly transliteration",
    "ala-lc-uk": "Library of Congress romanization",
    "ala-lc-ru": "Library of Congress romanization of the Russian name",
    "curated": "non-standard spelling",
    "user": "spelling listed in the user's gazetteer",
    "canonical": "spelling",
}


@dataclass(frozen=True, slots=True)
class _Triggers:
    """The machine-translation rules a scanner key triggers."""

    rules: tuple[Rule, ...]


_Payload = tuple[Candidate, ...] | Phrase | _Triggers
_Memo = dict[Any, Any]


@dataclass(frozen=True, slots=True)
class _Proposal:
    """An edit the pipeline wants to make (or, if ``suggestion``, only report)."""

    start: int
    end: int
    replacement: str
    category: Category
    source: str
    reason: str
    confidence: float
    suggestion: bool = False


class Normalizer:
    """A compiled normalizer: a gazetteer, its scanner, protections and a default config.

    Building one compiles the scanner once; reuse it for many texts. The
    module-level ``normalize``/``explain`` share one built from the packaged
    gazetteer. A Normalizer holds no mutable state, so threads may share it.
    """

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        rules: RuleSet | None = None,
        config: Config | None = None,
        *,
        protections: Protections | None = None,
    ) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.default()
        self.rules = rules if rules is not None else default_rules()
        self.config = config if config is not None else Config()
        self.protections = protections if protections is not None else Protections.default()
        keys: dict[str, _Payload] = dict(self.gazetteer.index())
        for phrase in self.protections.phrases:
            for text in phrase.texts:
                keys[fold_key(text)] = phrase
        # Rule triggers join the same automaton; a trigger that is also a
        # name or a protected phrase leaves that key to them.
        triggered: dict[str, list[Rule]] = {}
        for rule in self.rules:
            for trigger in rule.triggers:
                triggered.setdefault(fold_key(trigger), []).append(rule)
        for key, rule_list in triggered.items():
            keys.setdefault(key, _Triggers(tuple(rule_list)))
        self._scanner: Scanner[_Payload] = Scanner(keys)
        # Adjacent word pairs of every multi-word key: a replacement can only
        # grow into a longer name with a neighbour that forms such a pair.
        self._pairs = frozenset(
            pair for key in keys for words in (fold_key(key).split(),) for pair in itertools.pairwise(words)
        )

    def __repr__(self) -> str:
        return f"Normalizer({self.gazetteer!r}, {len(self._scanner)} keys)"

    # -- public ---------------------------------------------------------------

    def normalize(self, text: str, config: Config | None = None) -> str:
        """``text`` with every applicable edit made."""
        proposals = self._proposals(text, config)
        if not proposals:
            return text
        return _apply(text, [p for p in proposals if not p.suggestion])

    def explain(self, text: str, config: Config | None = None) -> Result:
        """The normalized text, the edits made with their reasons, and the
        ambiguous matches reported as suggestions."""
        proposals = self._proposals(text, config)
        if not proposals:
            return Result(input=text, text=text)
        return _build_result(text, proposals)

    def _proposals(self, text: str, config: Config | None) -> list[_Proposal]:
        """Every edit and suggestion for ``text``, in text order, not overlapping."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        cfg = config if config is not None else self.config
        view = TextView.of(text)
        if view is None:
            return self._proposals_in(text, cfg)
        return _mapped(view, self._proposals_in(view.text, cfg))

    def _proposals_in(self, text: str, cfg: Config) -> list[_Proposal]:
        """Decide on the text as it will read: an edit can supply the evidence
        another decision needs (a fixed "air raid alert" is war vocabulary, a
        rewritten name is an unambiguous Ukrainian name), so while edits are
        made, the output is read again and what that reading adds is kept.
        Without this a second call could change what the first one left.
        Only a text with an undecided candidate (a name or rule trigger left
        as it was for want of evidence), or whose replacements form a longer
        known name with their neighbours, is read again; in a long text, only
        the paragraphs where that happened (decisions never look past a
        paragraph)."""
        proposals, pending = self._round(text, cfg)
        read = text  # the text that ``pending`` positions refer to
        for _ in range(_ROUNDS - 1):
            applied = [p for p in proposals if not p.suggestion]
            if not applied:
                break
            output = _apply(text, applied)
            grown = self._grown(output, applied)
            if not pending and not grown:
                break
            zones = _zones(read, pending, output, grown)
            again, pending = self._round(output, cfg, _output_spans(applied), zones)
            read = output
            later, absorbed = _back_to_input([p for p in again if not p.suggestion], applied, output)
            if not later:
                break
            ends = [p.end for p in later]
            kept = [
                p
                for p in proposals
                if id(p) not in absorbed and not (p.suggestion and _overlaps_any(p, later, ends))
            ]
            proposals = _merge(kept, later)
        return proposals

    def _grown(self, output: str, applied: list[_Proposal]) -> list[int]:
        """Where a replacement forms a longer known name in ``output`` with
        what stands next to it (Dinamo Kiyv -> Dinamo Kyiv, a name of its own).
        Only a window around each replacement is scanned."""
        grown: list[int] = []
        for start, end in _output_spans(applied):
            words = _fold_name(output[start:end]).split()
            last = _LAST_WORD.search(output, max(0, start - _NAME_REACH), start)
            first = _FIRST_WORD.search(output, end, end + _NAME_REACH)
            before = fold(last.group()) if last else ""
            after = fold(first.group()) if first else ""
            if not words or not ((before, words[0]) in self._pairs or (words[-1], after) in self._pairs):
                continue
            lo, hi = max(0, start - _NAME_REACH), min(len(output), end + _NAME_REACH)
            for hit in self._scanner.scan(output[lo:hi]):
                if (
                    hit.start + lo < end
                    and start < hit.end + lo
                    and (hit.start + lo, hit.end + lo) != (start, end)
                ):
                    grown.append(start)
                    break
        return grown

    def _round(
        self,
        text: str,
        cfg: Config,
        ours: list[tuple[int, int]] | None = None,
        zones: list[tuple[int, int]] | None = None,
    ) -> tuple[list[_Proposal], list[int]]:
        """One reading (of the whole text, or of the paragraphs in ``zones``):
        the proposals, and where a candidate was left undecided for want of
        evidence (memo key "pending")."""
        if zones is None:
            hits = self._scanner.scan(text)
        else:
            hits = [
                Hit(hit.start + lo, hit.end + lo, hit.payload)
                for lo, hi in zones
                for hit in self._scanner.scan(text[lo:hi])
            ]
        memo: _Memo = {"ours": ours or []}  # work shared by the names of this text
        proposals = _whole_clusters(text, self._propose(text, hits, cfg, memo)) if hits else []
        if hits and cfg.enabled("mt_artifact"):
            proposals = _merge(proposals, _whole_clusters(text, self._rule_proposals(text, hits, cfg, memo)))
        if cfg.enabled("mixed_script") and not text.isascii() and _CYRILLIC.search(text):
            fences = _fences(text, memo)
            mixed = [
                p
                for p in _mixed_script_proposals(text)
                if (zones is None or _in_zones(p.start, zones))
                and not self._protected(
                    text, p.start, p.end, cfg, fences, context.sentence_bounds(text, p.start, p.end), memo
                )
            ]
            proposals = _merge(proposals, _whole_clusters(text, mixed))
        # A name left as it was read its neighbours (a person cue, a guard, a
        # gloss), and an edit of the letters that glue a name to its neighbour
        # ('C-200 -> 'S-200, a possessive) changes how it reads: when an edit
        # falls in what such a name read, read the output again.
        pending: list[int] = memo.get("pending", [])
        applied = [p for p in proposals if not p.suggestion]  # sorted, disjoint
        ends = [p.end for p in applied]

        def edited(lo: int, hi: int) -> bool:
            i = bisect.bisect_left(ends, lo)
            return i < len(applied) and applied[i].start <= hi

        pending += [start for start, end in memo.get("glued", ()) if edited(start - 2, end + 2)]
        pending += [start for start, end in memo.get("left", ()) if edited(*_reading_span(text, start, end))]
        return proposals, pending

    def normalize_many(
        self,
        texts: Iterable[str],
        config: Config | None = None,
        *,
        workers: int | None = None,
        chunksize: int = 64,
    ) -> Iterator[str]:
        """Normalize many texts, in order; with ``workers`` > 1, in that many processes."""
        checked = _checked(texts)
        if not workers or workers <= 1:
            for text in checked:
                yield self.normalize(text, config)
            return
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(self,)) as pool:
            yield from pool.map(_worker_normalize, checked, itertools.repeat(config), chunksize=chunksize)

    # -- pipeline -------------------------------------------------------------

    def _rule_proposals(
        self, text: str, hits: list[Hit[_Payload]], cfg: Config, memo: _Memo
    ) -> list[_Proposal]:
        proposals: list[_Proposal] = []
        last_end = -1
        for hit in hits:
            payload = hit.payload
            if not isinstance(payload, _Triggers):
                continue
            before = len(proposals)
            for rule in payload.rules:
                if not _rule_active(rule, cfg):
                    continue
                for match in rule.matches(text, hit.start, hit.end, self.rules.timeout(rule)):
                    if match.start < last_end or match.replacement == text[match.start : match.end]:
                        continue
                    original = text[match.start : match.end]
                    fences = _fences(text, memo)
                    sentence = context.sentence_bounds(text, match.start, match.end)
                    # A phrase quoted on its own ('air anxiety') is a mention; a
                    # quoted weapon name (“Geranium-2”) is how the sources write it.
                    if (
                        _before_the_war(text, sentence, memo, rule.since)
                        or (" " in original and quoted_alone(text, match.start, match.end))
                        or self._protected(text, match.start, match.end, cfg, fences, sentence, memo)
                    ):
                        continue
                    proposals.append(
                        _Proposal(
                            match.start,
                            match.end,
                            match.replacement,
                            "mt_artifact",
                            f"rule:{rule.id}",
                            f"{original} -> {match.replacement}: {rule.reason}",
                            rule.confidence,
                        )
                    )
                    last_end = match.end
            if len(proposals) == before:
                memo.setdefault("pending", []).append(hit.start)  # a trigger left for want of context
        return proposals

    def _protected(
        self,
        text: str,
        start: int,
        end: int,
        cfg: Config,
        fences: list[tuple[int, int]],
        sentence: tuple[int, int],
        memo: _Memo,
    ) -> bool:
        """Markup, quotations (when configured) and talk about words protect any edit."""
        if markup_reason(text, start, end, fences):
            return True
        if cfg.protect_quoted:
            paragraph = context.paragraph_bounds(text, start, end)
            quotes = memo.get(("quoted", paragraph))
            if quotes is None:
                quotes = memo[("quoted", paragraph)] = quoted_spans(text, *paragraph)
            i = bisect.bisect_left(quotes, (start, -1))
            if i and start < quotes[i - 1][1] and end < quotes[i - 1][1]:
                return True
        key = ("spelling-talk", sentence)
        if key not in memo:
            memo[key] = self.protections.is_spelling_talk(text, *sentence)
        return bool(memo[key])

    def _propose(self, text: str, hits: list[Hit[_Payload]], cfg: Config, memo: _Memo) -> list[_Proposal]:
        resolved: list[tuple[Hit[_Payload], Candidate, str, bool]] = []
        mentions: list[_Mention] = []
        mention_of: list[int] = []  # resolved[i]'s mention is mentions[mention_of[i]]
        for hit in hits:
            payload = hit.payload
            if not isinstance(payload, tuple):
                continue
            if _inside_word(text, hit.start, hit.end):
                memo.setdefault("glued", []).append((hit.start, hit.end))
                continue
            ids = frozenset(c.entity.id for c in payload)
            folded = fold(text[hit.start : hit.end])
            choice = self._resolve(text, hit, payload, cfg)
            if choice is None:
                evidence = _canonical_evidence(payload, folded, text[hit.start])
                mentions.append(
                    _Mention(hit.start, hit.end, ids, payload[0].entity.name, folded, folded, evidence)
                )
                continue
            candidate, target, conflict = choice
            hit = _with_trailing_apostrophe(text, hit, candidate)
            resolved.append((hit, candidate, target, conflict))
            mention_of.append(len(mentions))
            evidence = (
                candidate.entity.type == "place"
                and not conflict
                and not candidate.variant.flags
                and not _small(candidate, cfg)
            )
            mentions.append(
                _Mention(hit.start, hit.end, ids, candidate.entity.name, folded, _fold_name(target), evidence)
            )
        if not resolved:
            return []
        fences = _fences(text, memo)
        decided: list[_Proposal | None] = [None] * len(resolved)
        waiting: list[int] = list(range(len(resolved)))
        # A place rewritten on evidence is itself evidence for its neighbours
        # (one sense per paragraph, and chains of them): judge again those left
        # waiting while that adds evidence.
        for _ in range(_ROUNDS):
            near = _Nearby(mentions)
            for i in waiting:
                hit, candidate, target, conflict = resolved[i]
                decided[i] = self._judge(text, hit, candidate, target, cfg, fences, near, memo, conflict)
            promoted = False
            for i in waiting:
                proposal, mention = decided[i], mentions[mention_of[i]]
                if proposal and not proposal.suggestion and not mention.evidence:
                    candidate = resolved[i][1]
                    if candidate.entity.kind in _EVIDENCE_KINDS and text[mention.start].isupper():
                        mentions[mention_of[i]] = dataclasses.replace(mention, evidence=True)
                        promoted = True
            if not promoted:
                break
            waiting = [i for i in waiting if _undecided(decided[i])]
            for key in [k for k in memo if isinstance(k, tuple) and k[0] == "evidence"]:
                del memo[key]
        memo["left"] = [
            (resolved[i][0].start, resolved[i][0].end) for i, p in enumerate(decided) if p is None
        ]
        proposals = [p for p in decided if p is not None]
        # Names left for want of evidence:
        memo.setdefault("pending", []).extend(p.start for p in decided if p is not None and _undecided(p))
        return proposals

    def _resolve(
        self, text: str, hit: Hit[_Payload], candidates: tuple[Candidate, ...], cfg: Config
    ) -> tuple[Candidate, str, bool] | None:
        """Pick the reading of a hit, its target, and whether readings disagree;
        None when nothing should change."""
        surface = text[hit.start : hit.end]
        folded_surface = fold(surface)
        mixed = is_mixed(surface)
        targets: dict[str, Candidate] = {}
        for candidate in candidates:
            rewrite = candidate.rewrite(cfg)
            target = rewrite[0] if rewrite else candidate.variant.text
            if _fold_name(target) == folded_surface and not mixed:
                return None  # already a correct spelling of one of its readings
            targets.setdefault(target, candidate)
        if not targets:
            return None
        target, candidate = max(
            targets.items(), key=lambda item: (item[1].entity.population or 0, item[1].entity.id)
        )
        # Readings that disagree cannot be settled by Ukrainian evidence (both are
        # Ukrainian): the most populous is only ever suggested.
        return candidate, target, len(targets) > 1

    def _judge(
        self,
        text: str,
        hit: Hit[_Payload],
        candidate: Candidate,
        target: str,
        cfg: Config,
        fences: list[tuple[int, int]],
        near: _Nearby,
        memo: _Memo,
        conflict: bool = False,
    ) -> _Proposal | None:
        start, end = hit.start, hit.end
        surface = text[start:end]
        variant = candidate.variant
        mixed = is_mixed(surface)
        rewrite = candidate.rewrite(cfg)
        category: Category = rewrite[1] if rewrite else candidate.category
        if mixed and _fold_name(target) == fold(surface):
            category = "mixed_script"
        if not cfg.enabled(category):
            return None
        replacement = apply_case(surface, target)
        if replacement == surface:
            return None
        if category == "renamed" and _REGION_AFTER.match(text, end):
            return None  # "Dnipropetrovsk region": the oblast kept its name

        # Protected contexts: leave, and do not suggest.
        sentence = context.sentence_bounds(text, start, end)
        if self._protected(text, start, end, cfg, fences, sentence, memo):
            return None
        if " " not in surface and quoted_alone(text, start, end):
            return None  # 'Kiev' in quotation marks is the word, not the city (a title stays a title)
        if self.protections.guard_for(candidate.entity.id, text, start, end, sentence):
            return None
        if self.protections.is_gloss(text, start, end):
            return None
        if self._spellings_compared(text, start, end, candidate, _fold_name(target), near, sentence, memo):
            return None

        reason = explain_edit(candidate, surface, replacement, category, cfg)

        def suggest(why: str, confidence: float) -> _Proposal | None:
            if not cfg.suggestions:
                return None
            return _Proposal(
                start, end, replacement, category, candidate.entity.id,
                f"{reason}; not applied: {why}", confidence, suggestion=True,
            )  # fmt: skip

        if conflict:
            return suggest("the spelling also names other places in Ukraine", 0.3)
        word = "english_word" in variant.flags or "common_word" in variant.flags
        if word and surface.islower():
            return None  # a common word in lower case is the word, not the place
        if candidate.entity.type == "place" and context.named_person(text, start):
            return None  # Referee Sergei Orekhov: a surname, whatever the gazetteer says
        ambiguous = bool(variant.flags) or _small(candidate, cfg)
        confidence = 1.0 if variant.origin in ("curated", "canonical", "user") else 0.95
        if category == "mixed_script":
            confidence = 0.95
        if ambiguous:
            paragraph = context.paragraph_bounds(text, start, end)
            verdict = context.decide(
                text,
                start,
                end,
                paragraph=paragraph,
                sentence=sentence,
                entity_spans=near.evidence_near(start, end, paragraph, candidate.entity.id, memo),
                cache=memo,
                surname="surname" in variant.flags,
                word=word,
                kind="person" if candidate.entity.type == "person" else "place",
            )
            if verdict.action == "leave":
                return None
            if verdict.action == "suggest":
                return suggest(verdict.reason, 0.4)
            reason = f"{reason}; applied because {verdict.reason}"
            confidence = 0.85
        return _Proposal(start, end, replacement, category, candidate.entity.id, reason, confidence)

    def _spellings_compared(
        self,
        text: str,
        start: int,
        end: int,
        candidate: Candidate,
        target: str,
        near: _Nearby,
        sentence: tuple[int, int],
        memo: _Memo,
    ) -> bool:
        """True when the sentence also writes the same entity another way ("Odessa
        and Odesa", "Kyiv, not Kiev", "Russians say Kiev; Ukrainians say Kyiv"):
        a sentence that sets two spellings side by side is about the spellings,
        and every form in it stays. Deciding per sentence, not per pair, keeps
        the result the same on a second run."""
        key = ("spellings", sentence)
        spellings: dict[tuple[str, str], set[str]] | None = memo.get(key)
        if spellings is None:
            spellings = {}
            ours: list[tuple[int, int]] = memo["ours"]
            for mention in near.within(*sentence):
                if _inside_any(mention.start, mention.end, ours):
                    continue  # a spelling an earlier reading wrote is not the writer's
                for entity_id in mention.entity_ids:
                    spellings.setdefault((entity_id, mention.target), set()).add(mention.folded)
            memo[key] = spellings
        folded = fold(text[start:end]).rstrip()  # as the mention has it, before a final apostrophe
        readings = {candidate.entity.id}
        for mention in near.within(start, start + 1):
            readings |= mention.entity_ids
        # Two spellings of one name (not a surname beside the full name, nor a
        # former name beside the current one: those have other targets).
        return any(spellings.get((entity_id, target), {folded}) - {folded} for entity_id in readings)


@dataclass(frozen=True, slots=True)
class _Mention:
    """A name found in the text, with what it can tell about its neighbours."""

    start: int
    end: int
    entity_ids: frozenset[str]
    name: str
    folded: str
    target: str  # folded: the spelling it should have (itself when already right)
    evidence: bool  # an unambiguous Ukrainian name: evidence for ambiguous ones


class _Nearby:
    """Mentions sorted by position, so each hit looks only at its neighbours
    (keeps the work per hit constant however long the text is)."""

    def __init__(self, mentions: list[_Mention]) -> None:
        self._mentions = sorted(mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self._mentions]

    def evidence_near(
        self, start: int, end: int, paragraph: tuple[int, int], entity_id: str, memo: _Memo
    ) -> list[tuple[int, int, str]]:
        """The evidence mention nearest to a span on each side, within its
        paragraph, that is not the same entity."""
        key = ("evidence", paragraph)
        cached: tuple[list[_Mention], list[int]] | None = memo.get(key)
        if cached is None:
            found = [m for m in self.within(*paragraph) if m.evidence]
            cached = (found, [m.start for m in found])
            memo[key] = cached
        found, starts = cached
        i = bisect.bisect_left(starts, start)
        before = next((m for m in reversed(found[:i]) if m.end <= start), None)
        after = next((m for m in found[i:] if m.start >= end), None)
        return [(m.start, m.end, m.name) for m in (before, after) if m is not None]

    def within(self, lo: int, hi: int) -> list[_Mention]:
        """Mentions that start in ``[lo, hi)``."""
        return self._mentions[bisect.bisect_left(self._starts, lo) : bisect.bisect_left(self._starts, hi)]


def _fences(text: str, memo: _Memo) -> list[tuple[int, int]]:
    """The text's code blocks, found once per text."""
    if "fences" not in memo:
        memo["fences"] = markup_spans(text)
    fences: list[tuple[int, int]] = memo["fences"]
    return fences


# The artifacts the rules fix are those of news about Russia's war; a sentence
# dated before 1991 or set in a world war uses the words in their old senses.
_YEAR = r"(?:1[0-8]\d\d|19[0-8]\d)"
_OLD_DATE = regex.compile(
    rf"\b(?i:in|of|since|from|until|till|by|during|before|after|around|circa|c\.)\s+(?:the\s+)?{_YEAR}s?\b"
    rf"|\b{_YEAR}s\b|\({_YEAR}\)|\b{_YEAR}[–-](?:1[0-9])?\d\d\b"
    r"|\bWorld\s+War\b|\bWWI{1,2}\b|\bthe\s+Great\s+War\b"
)


def _before_the_war(text: str, sentence: tuple[int, int], memo: _Memo, since: int | None = None) -> bool:
    """True for a sentence dated before 1991 (before ``since``, when given)
    or set in a world war."""
    key = ("old-date", sentence)
    if key not in memo:
        start, end = sentence
        # Every match holds a year (1000-1989: a "1") or "War"/"WW"; most
        # sentences hold none, and these finds cost far less than the pattern.
        found = any(text.find(mark, start, end) >= 0 for mark in ("1", "War", "WW"))
        memo[key] = [_year_of(m.group()) for m in _OLD_DATE.finditer(text, start, end)] if found else []
    years: list[int] = memo[key]
    return any(since is None or year < since for year in years)


def _year_of(date: str) -> int:
    """The year a match of ``_OLD_DATE`` names (0 for a world war)."""
    found = _FIRST_YEAR.search(date)
    return int(found.group()) if found else 0


_FIRST_YEAR = regex.compile(r"1\d{3}")


def _rule_active(rule: Rule, cfg: Config) -> bool:
    if rule.id in cfg.disabled_rules:
        return False
    return rule.enabled or rule.id in cfg.enabled_rules


#: Places whose correctly spelled name is evidence that a text is about Ukraine.
_EVIDENCE_KINDS = frozenset({"capital", "city", "oblast", "autonomous-republic", "country"})
_APOSTROPHES = "'’ʼ"


def _canonical_evidence(candidates: tuple[Candidate, ...], folded: str, first: str) -> bool:
    """True when a correctly spelled, capitalized name of a city or region
    stands in the text (Kharkiv, Kherson Oblast): evidence for its neighbours.
    Persons, small places and names that are also words (Brody, Bar) are not."""
    return first.isupper() and any(
        c.variant.origin == "canonical"
        and not c.variant.flags
        and c.entity.kind in _EVIDENCE_KINDS
        and fold(c.variant.text) == folded
        for c in candidates
    )


_ON_THE_RIVER = regex.compile(r"-(?:na|on|am|upon|sur)-\p{L}")


def _inside_word(text: str, start: int, end: int) -> bool:
    """Whether a hit is only part of a word joined by an apostrophe used as a
    soft sign (the Podol of Kamenets-Podol'skiy, the yanets of Kam'yanets;
    a possessive 's does not join), or the start of a town named after its
    river (Slavyansk-na-Kubani, in Russia)."""
    if end + 1 < len(text) and text[end] in _APOSTROPHES and text[end + 1].isalpha():
        possessive = text[end + 1] in "sS" and (end + 2 == len(text) or not text[end + 2].isalnum())
        if not possessive:
            return True
    if _ON_THE_RIVER.match(text, end):
        return True  # Slavyansk-na-Kubani, Rostov-on-Don: a longer name elsewhere
    return start >= 2 and text[start - 1] in _APOSTROPHES and text[start - 2].isalpha()


def _with_trailing_apostrophe(text: str, hit: Hit[_Payload], candidate: Candidate) -> Hit[_Payload]:
    """Extend a hit over the final apostrophe its spelling ends with
    (Belaya Tserkov'), unless it starts a possessive (Tserkov's)."""
    end = hit.end
    if (
        candidate.variant.text[-1:] in _APOSTROPHES
        and end < len(text)
        and text[end] in _APOSTROPHES
        and not (end + 1 < len(text) and (text[end + 1].isalnum() or _is_mark(text[end + 1])))
    ):
        return Hit(hit.start, end + 1, hit.payload)
    return hit


def _is_mark(char: str) -> bool:
    return unicodedata.category(char)[0] == "M"


def _whole_clusters(text: str, proposals: list[_Proposal]) -> list[_Proposal]:
    """The proposals that neither start on a combining mark nor end right
    before one: an edit never splits a character from its accents (nor could
    it be mapped back from the clean view if it did)."""
    return [
        p
        for p in proposals
        if not (p.start < len(text) and _is_mark(text[p.start]))
        and not (p.end < len(text) and _is_mark(text[p.end]))
    ]


def _small(candidate: Candidate, cfg: Config) -> bool:
    entity = candidate.entity
    # A village of unknown size counts as small: it needs Ukrainian context.
    return entity.kind in SMALL_PLACE_KINDS and (entity.population or 0) < cfg.min_population


def explain_edit(
    candidate: Candidate, surface: str, replacement: str, category: Category, cfg: Config
) -> str:
    """A reason a journalist understands: what the spelling is, and why it changes."""
    entity, variant = candidate.entity, candidate.variant
    what = entity.description or entity.name
    arrow = f"{surface} -> {replacement}"
    if category == "mixed_script":
        return (
            f"{arrow}: the word mixes Latin letters with look-alike Cyrillic ones; "
            f"written in Latin letters it is {what}"
        )
    if category == "renamed":
        former = next((f for f in entity.former_names if f.name == variant.target), None)
        year = f" in {former.until}" if former and former.until else ""
        return f"{arrow}: {variant.target} was renamed {entity.name}{year}; {what}"
    origin = variant.note or ORIGIN_PHRASES.get(variant.origin, f"{variant.origin} spelling")
    if variant.origin == "canonical" and cfg.overrides:
        return f"{arrow}: the configuration overrides the spelling {variant.text}"
    if variant.former:
        former = next((f for f in entity.former_names if f.name == variant.target), None)
        until = f" (until {former.until})" if former and former.until else ""
        return (
            f"{arrow}: {origin} of {variant.target}, the former name{until} of "
            f"{entity.name}; the national spelling of the former name is kept"
        )
    if category == "person":
        target = entity.surname if variant.surname_only and entity.surname else entity.name
        note = f"; {entity.note}" if entity.note else ""
        return f"{arrow}: {origin} of the name of {what}, who is written {target} in English{note}"
    if category == "organization":
        note = f"; {entity.note}" if entity.note else ""
        return f"{arrow}: the English name of {what} is {entity.name}{note}"
    note = f"; {entity.note}" if entity.note else ""
    if variant.note:
        return f"{arrow}: {variant.note} ({what}){note}"
    return f"{arrow}: {origin} of {what}{note}"


def _mixed_script_proposals(text: str) -> list[_Proposal]:
    proposals = []
    for start, end in mixed_words(text):
        word = text[start:end]
        repaired = repair(word)
        if repaired is None:
            continue
        fixed, script = repaired
        proposals.append(
            _Proposal(
                start,
                end,
                fixed,
                "mixed_script",
                f"script:{script.lower()}",
                f"{word} -> {fixed}: the word mixes Latin and Cyrillic letters that look alike; "
                f"written in {script} letters throughout",
                0.95,
            )
        )
    return proposals


def _reading_span(text: str, start: int, end: int) -> tuple[int, int]:
    """What a decision on ``text[start:end]`` reads besides its paragraph's
    names: its sentence and the guards' windows either side."""
    lo, hi = context.sentence_bounds(text, start, end)
    return min(lo, start - _GUARD_WINDOW), max(hi, end + _GUARD_WINDOW)


#: Below this length a text is always read again whole.
_ZONED = 20_000


def _zones(read: str, pending: list[int], output: str, grown: list[int]) -> list[tuple[int, int]] | None:
    """The paragraphs of ``output`` to read again: those holding a position of
    ``pending`` (offsets in ``read``, the text of the last reading) or of
    ``grown`` (offsets in ``output``). Edits never make or remove a blank line,
    so a paragraph keeps its index; None (read everything) for a short text
    or if the paragraphs do not line up."""
    if len(output) < _ZONED:
        return None
    read_starts = [0, *(m.end() for m in context.PARAGRAPH_BREAK.finditer(read))]
    out_starts = [0, *(m.end() for m in context.PARAGRAPH_BREAK.finditer(output))]
    if len(read_starts) != len(out_starts):
        return None
    indexes = {bisect.bisect_right(read_starts, p) - 1 for p in pending}
    indexes |= {bisect.bisect_right(out_starts, p) - 1 for p in grown}
    ends = [*out_starts[1:], len(output)]
    return [(out_starts[i], ends[i]) for i in sorted(indexes)]


def _in_zones(pos: int, zones: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(zones, (pos, math.inf)) - 1
    return i >= 0 and pos < zones[i][1]


def _apply(text: str, applied: list[_Proposal]) -> str:
    """``text`` with the (sorted, non-overlapping) edits made."""
    parts: list[str] = []
    pos = 0
    for p in applied:
        parts += [text[pos : p.start], p.replacement]
        pos = p.end
    parts.append(text[pos:])
    return "".join(parts)


def _back_to_input(
    later: list[_Proposal], applied: list[_Proposal], output: str
) -> tuple[list[_Proposal], set[int]]:
    """Edits found in ``output`` (the input with ``applied`` made), at the
    input's offsets. One that overlaps earlier edits (Dinamo Kiyv -> Dinamo
    Kyiv -> Dynamo Kyiv) becomes one edit over their combined span, and the
    ids of the earlier edits it absorbs are returned with the list."""
    out_starts: list[int] = []
    out_ends: list[int] = []
    deltas: list[int] = []  # output offset minus input offset after each edit
    delta = 0
    for p in applied:
        out_starts.append(p.start + delta)
        delta += len(p.replacement) - (p.end - p.start)
        out_ends.append(p.start + delta + (p.end - p.start))
        deltas.append(delta)
    mapped: list[_Proposal] = []
    absorbed: set[int] = set()
    for p in later:
        lo = bisect.bisect_right(out_ends, p.start)  # earlier edits that end at or before p starts
        hi = bisect.bisect_left(out_starts, p.end)  # earlier edits that start before p ends
        if lo >= hi:
            shift = deltas[lo - 1] if lo else 0
            mapped.append(dataclasses.replace(p, start=p.start - shift, end=p.end - shift))
            continue
        if any(id(applied[i]) in absorbed for i in range(lo, hi)):
            continue
        first, last = applied[lo], applied[hi - 1]
        out_lo, out_hi = min(p.start, out_starts[lo]), max(p.end, out_ends[hi - 1])
        start = first.start if out_starts[lo] <= p.start else p.start - (deltas[lo - 1] if lo else 0)
        end = last.end if out_ends[hi - 1] >= p.end else p.end - deltas[hi - 1]
        replacement = output[out_lo : p.start] + p.replacement + output[p.end : out_hi]
        reason = "; then ".join([*(a.reason for a in applied[lo:hi]), p.reason])
        mapped.append(dataclasses.replace(p, start=start, end=end, replacement=replacement, reason=reason))
        absorbed.update(id(a) for a in applied[lo:hi])
    return mapped, absorbed


@functools.lru_cache(maxsize=4096)
def _fold_name(name: str) -> str:
    """``fold`` for the few spellings that targets and replacements repeat."""
    return fold(name)


_LAST_WORD = regex.compile(r"(?r)[^\W_]+")
_FIRST_WORD = regex.compile(r"[^\W_]+")


def _undecided(proposal: _Proposal | None) -> bool:
    """Left as written or only suggested: a decision more evidence may change."""
    return proposal is None or proposal.suggestion


def _output_spans(applied: list[_Proposal]) -> list[tuple[int, int]]:
    """Where the replacements of ``applied`` stand in the output."""
    spans: list[tuple[int, int]] = []
    delta = 0
    for p in applied:
        spans.append((p.start + delta, p.start + delta + len(p.replacement)))
        delta += len(p.replacement) - (p.end - p.start)
    return spans


def _inside_any(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` lies inside one of ``spans`` (sorted, disjoint)."""
    i = bisect.bisect_right(spans, (start, math.inf)) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def _overlaps_any(p: _Proposal, others: list[_Proposal], ends: list[int]) -> bool:
    """Whether ``p`` overlaps one of ``others`` (sorted, non-overlapping; ``ends`` their ends)."""
    i = bisect.bisect_right(ends, p.start)
    return i < len(others) and others[i].start < p.end


def _merge(first: list[_Proposal], second: list[_Proposal]) -> list[_Proposal]:
    """Proposals of both lists in text order; where they overlap, the first list wins."""
    if not second:
        return first
    taken = sorted(first, key=lambda p: p.start)
    starts = [p.start for p in taken]
    merged = list(taken)
    for p in second:
        i = bisect.bisect_left(starts, p.end)  # first-list proposals that start before p ends
        if i and taken[i - 1].end > p.start:
            continue
        merged.append(p)
    merged.sort(key=lambda p: p.start)
    return merged


def _mapped(view: TextView, proposals: list[_Proposal]) -> list[_Proposal]:
    """Proposals found in a clean view, moved to the input's offsets; one that
    covers invisible or decomposed characters says so in its reason."""
    mapped: list[_Proposal] = []
    for p in proposals:
        span = view.span(p.start, p.end)
        if span is None:
            continue
        start, end = span
        original = view.source[start:end]
        reason = p.reason if original == view.text[p.start : p.end] else p.reason + describe_hidden(original)
        mapped.append(dataclasses.replace(p, start=start, end=end, reason=reason))
    return mapped


def _build_result(text: str, proposals: list[_Proposal]) -> Result:
    edits: list[Edit] = []
    suggestions: list[Edit] = []
    parts: list[str] = []
    pos = 0
    delta = 0
    for p in proposals:
        out_start = p.start + delta
        edit = Edit(
            start=p.start,
            end=p.end,
            out_start=out_start,
            out_end=out_start + len(p.replacement),
            original=text[p.start : p.end],
            replacement=p.replacement,
            category=p.category,
            source=p.source,
            reason=p.reason,
            confidence=p.confidence,
        )
        if p.suggestion:
            suggestions.append(edit)
            continue
        parts.append(text[pos : p.start])
        parts.append(p.replacement)
        edits.append(edit)
        delta += len(p.replacement) - (p.end - p.start)
        pos = p.end
    parts.append(text[pos:])
    return Result(input=text, text="".join(parts), edits=tuple(edits), suggestions=tuple(suggestions))


# -- workers ------------------------------------------------------------------

_WORKER: Normalizer | None = None


def _init_worker(normalizer: Normalizer) -> None:
    global _WORKER
    _WORKER = normalizer


def _worker_normalize(text: str, config: Config | None) -> str:
    assert _WORKER is not None
    return _WORKER.normalize(text, config)


def _checked(texts: Iterable[str]) -> Iterator[str]:
    if isinstance(texts, str):
        raise TypeError("texts must be an iterable of str, not a single str")
    for number, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"texts[{number}] must be str, not {type(text).__name__}")
        yield text


# -- module-level functions ---------------------------------------------------


@functools.cache
def default_normalizer() -> Normalizer:
    """The shared normalizer over the packaged gazetteer (built on first use)."""
    return Normalizer()


def normalize(text: str, config: Config | None = None) -> str:
    """Return ``text`` with legacy spellings, variant names and repairable
    mixed-script words replaced by their canonical English forms.

    >>> normalize("Explosions rocked Kiev.")
    'Explosions rocked Kyiv.'
    """
    return default_normalizer().normalize(text, config)


def explain(text: str, config: Config | None = None) -> Result:
    """Like ``normalize``, but return a ``Result`` listing every edit with its
    offsets, category, source and reason, and the suggestions not applied."""
    return default_normalizer().explain(text, config)


def normalize_many(
    texts: Iterable[str],
    config: Config | None = None,
    *,
    workers: int | None = None,
    chunksize: int = 64,
) -> Iterator[str]:
    """Normalize an iterable of texts lazily, keeping their order; ``workers``
    > 1 spreads them over that many processes."""
    return default_normalizer().normalize_many(texts, config, workers=workers, chunksize=chunksize)


def canonical(name: str, config: Config | None = None) -> str | None:
    """The canonical spelling of a known name (``"Kharkov"`` -> ``"Kharkiv"``), None if unknown."""
    return Gazetteer.default().canonical(name, config=config)


def lookup(name: str, *, fuzzy: bool = False, limit: int = 5) -> list[Match]:
    """Entities a name may mean, best first; ``fuzzy=True`` adds near spellings."""
    return Gazetteer.default().lookup(name, fuzzy=fuzzy, limit=limit)


def variants(name: str) -> frozenset[str]:
    """Every known spelling of the entity a name means (empty when unknown)."""
    return Gazetteer.default().variants(name)
