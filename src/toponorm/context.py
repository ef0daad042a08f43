"""Evidence: does the text around an ambiguous name show the Ukrainian entity?

POLICY.md section 4. An ambiguous spelling (also an English word, a surname,
or a place elsewhere) is rewritten only on evidence, nearest first: a cue
next to the name, Ukraine named in the paragraph, another unambiguous
Ukrainian entity in the paragraph, the vocabulary of the war in the sentence.
Counter-evidence (a US state, a county, another country) wins when it is at
least as close to the name as the evidence.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import regex

__all__ = [
    "PARAGRAPH_BREAK",
    "Verdict",
    "decide",
    "named_person",
    "paragraph_bounds",
    "person_cue",
    "sentence_bounds",
]

_PARAGRAPH_LIMIT = 3000
_SENTENCE_LIMIT = 600

#: A blank line: no decision looks across one.
PARAGRAPH_BREAK = regex.compile(r"\n[ \t]*\n|\r\n[ \t]*\r\n|\r[ \t]*\r")
_SENTENCE_END = regex.compile(r"[.!?…][\"”’')\]]*\s+|\n")

_US_STATES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|"
    "Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|"
    "Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|"
    "New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|"
    "Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|"
    "West Virginia|Wisconsin|Wyoming|Ontario|Quebec|Saskatchewan|Manitoba|Alberta|"
    "British Columbia|Nova Scotia|Canada|Australia|Tasmania"
)
_STATE_ABBREVIATIONS = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|"
    "NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|ON|Tex\\.|Del\\.|Fla\\.|Mo\\.|"
    "Wash\\.|Minn\\.|Ont\\."
)
_COUNTER_ADJACENT = regex.compile(
    rf"\s*,?\s*(?:(?i:{_US_STATES}|(?:\w+\s+)?County)\b|(?:{_STATE_ABBREVIATIONS})(?!\w))"
)
_COUNTER_COUNTRY = regex.compile(
    r"\s*,\s*(?:[\p{Lu}][\w-]*\s+(?:Oblast|Krai|Region|Republic|County|Province),\s+)?"
    r"(?:Russia|Belarus|Kazakhstan|Moldova|Romania|Poland|Israel|France|Germany|Canada|Australia)\b"
    r"|[^.!?\n]{0,60}\b(?:Oblast|Krai|Republic|region),\s+Russia\b"
)
_COUNTER_BEFORE = regex.compile(r"(?i:\bMidland[\s\-–—]*|\b(?:West|East)\s+Texas\s+(?:city|town)\s+of\s+)$")
# Far from the name, a state only counts when it is not also a byword of
# Ukraine news (Washington the government, Georgia the country).
_COUNTER = regex.compile(
    r"\b(?:"
    + _US_STATES.replace("Georgia|", "").replace("|Washington", "")
    + r"|Permian Basin|Midland|Ector County|Interstate 20|West Texas|Paris|London|New York City"
    r"|Nizhny Novgorod|Saratov|Sverdlovsk Oblast|Moscow Oblast|Leningrad Oblast)\b"
)

# Only cues that name Ukraine: a bare "the city of" says nothing about which country.
_CUE_BEFORE = regex.compile(
    r"(?i:\b(?:Ukrainian|Ukraine['’]s)\s+(?:\w+\s+){0,2}?(?:city|town|port|village|capital|region|oblast)"
    r"\s+(?:of\s+)?)$"
)
# Ukraine and its oblasts (canonical spellings), as a place's setting.
_IN_UKRAINE = (
    r"(?:the\s+)?(?:(?i:eastern|western|northern|southern|central|occupied|south-?eastern|north-?eastern"
    r"|south-?western|north-?western)\s+)?(?:Ukraine\b|(?:Vinnytsia|Volyn|Dnipropetrovsk|Donetsk|Zhytomyr"
    r"|Zakarpattia|Zaporizhzhia|Ivano-Frankivsk|Kyiv|Kirovohrad|Luhansk|Lviv|Mykolaiv|Odesa|Poltava|Rivne"
    r"|Sumy|Ternopil|Kharkiv|Kherson|Khmelnytskyi|Cherkasy|Chernivtsi|Chernihiv)\s+(?i:oblast|region|province)\b)"
)
_CUE_AFTER = regex.compile(
    r"[\s\-]+(?i:oblast|region|raion|province|hromada|port|seaport)\b|,\s+Ukraine\b"
    # Ukraine's wartime administrations: "Odessa Regional Military Administration".
    r"|\s+(?i:(?:city|regional|oblast|district|raion)\s+(?:military|state)\s+administration)\b"
    # Set in Ukraine or one of its oblasts, directly or in an apposition:
    # "Liman in the Donetsk region", "Liman, a rail hub in Donetsk Oblast".
    rf"|\s+in\s+{_IN_UKRAINE}"
    rf"|,\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){{0,4}}?(?:in|of|near)\s+{_IN_UKRAINE}"
)
_UKRAINE = regex.compile(
    # Any case: headlines write UKRAINE'S.
    r"(?i)\b(?:Ukrain(?:e|ian|ians|e['’]s)|oblasts?|raions?|hromadas?"
    # The president's name counts in every spelling the gazetteer rewrites,
    # so that rewriting it cannot create evidence a second pass would see.
    r"|Black Sea|Donbas|Crimea|Zelens['’ʹ]?k\w*)\b"
)
_WAR = regex.compile(
    r"(?i)\b(?:shell(?:ing|ed|s)?|missiles?|drones?|air\s*strikes?|strikes?|struck|bombard\w*|"
    r"artillery|front\s*line|frontline|the front|offensive|counter-?offensive|occupied|occupation|"
    r"invasion|invaders?|assaults?|troops|shahed|air raid|air defen[cs]es?|Russian (?:forces|army|attack\w*|"
    r"troops|strikes?|shelling|ships|warships|navy|fleet|missiles|drones|jets|bombers|aircraft)|war)\b"
)

# A year before independence in the sentence: old spellings and old people are
# likely meant, and war words are not evidence of the current war.
_HISTORY = regex.compile(
    r"\b(?:1[0-8]\d\d|19[0-8]\d|Soviet|USSR|tsarist|Tsar|Cossacks?|Hetman|World\s+War|WWII)\b"
)

_TITLES = (
    r"Prince|Princess|Count|Countess|Baron|Tsar|Tsarina|Grand\s+Duke|Mr|Mrs|Ms|Miss|Mx|Dr|Prof|"
    r"Professor|General|Gen|Colonel|Col|Major|Maj|Captain|Capt|Lieutenant|Lt|Sergeant|Sgt|"
    r"Admiral|Marshal|Hetman|Cosmonaut|Astronaut|Academician|Ambassador|Governor|Mayor|Minister|Senator|Sen|Judge|Father|Fr|Sir|Lady|Lord|Comrade|Academician|"
    r"composer|painter|writer|poet|author|actor|actress|singer|pianist|player|coach|striker|"
    r"goalkeeper|defender|midfielder|chess\s+player|grandmaster|scientist|physicist|chemist|"
    r"mathematician|economist|historian|professor|director|journalist|photographer"
)
_FIRST_NAMES = (
    r"Alexander|Aleksandr|Alexei|Aleksei|Alexey|Anatoly|Andrei|Andrey|Anna|Anton|Arkady|Boris|"
    r"Dmitry|Dmitri|Ekaterina|Elena|Evgeny|Fyodor|Gennady|Georgy|Georgi|George|Grigory|Igor|"
    r"Ilya|Irina|Ivan|Kirill|Konstantin|Lev|Leonid|Lyudmila|Maria|Marina|Maxim|Mikhail|Nadezhda|"
    r"Natalia|Natalya|Nikita|Nikolai|Nikolay|Oleg|Olga|Pavel|Pyotr|Peter|Roman|Sergei|Sergey|"
    r"Stanislav|Svetlana|Tatiana|Tatyana|Valentin|Valery|Vasily|Viktor|Victor|Vitaly|Vladimir|"
    r"Vladislav|Vyacheslav|Yakov|Yevgeny|Yuri|Yury|Zinaida|John|James|Michael|David|Paul|Mark|"
    r"Daniel|Thomas|Robert|William|Sarah|Emma|Julia|Kate|Lisa|Laura|Olena|Oleksandr|Oleksii|"
    r"Serhii|Serhiy|Andrii|Andriy|Yurii|Mykola|Mykhailo|Dmytro|Volodymyr|Iryna|Natalia|Tetiana|"
    r"Bohdan|Taras|Petro|Pavlo|Vasyl|Yaroslav|Oleh|Ihor|Hryhorii|Stepan|Lesya|Yulia|Yuliya|Semyon|Semen"
)
_PERSON_BEFORE = regex.compile(
    rf"(?:\b(?:{_TITLES})\.?|\b(?:{_FIRST_NAMES})|(?<![\w'’])\p{{Lu}}\.(?:\s*\p{{Lu}}\.)?)\s+$"
)
# Any capitalized word right before a surname-like spelling, in mid-sentence,
# reads as a first name ("Andriyan Nikolayev") unless it is a common word
# that is capitalized for other reasons. (Opening a sentence, too many
# ordinary words are capitalized: "These Lvov-style bars".)
_CAPITALIZED_BEFORE = regex.compile(r"(?<=[\p{Ll},;:]\s+)(\p{Lu}\p{Ll}+)\s+$")
_OPENING_WORD = regex.compile(r"(?<=(?:^|[.!?…][\"”’')\]]*\s+))(\p{Lu}\p{Ll}+)\s+$", regex.MULTILINE)
_CLOSED_CLASS = frozenset(
    [
        "This",
        "These",
        "That",
        "Those",
        "My",
        "Our",
        "Your",
        "His",
        "Her",
        "Its",
        "Their",
        "Every",
        "Each",
        "Some",
        "Any",
        "Many",
        "Much",
        "Most",
        "All",
        "Both",
        "Few",
        "Several",
        "No",
        "Such",
        "Other",
        "Another",
        "Which",
        "What",
        "Whose",
        "Where",
        "When",
        "While",
        "Why",
        "How",
        "Who",
        "If",
        "As",
        "But",
        "And",
        "Or",
        "Nor",
        "So",
        "Yet",
        "Then",
        "Now",
        "Today",
        "Tonight",
        "Yesterday",
        "Tomorrow",
        "Here",
        "There",
        "Once",
        "After",
        "Before",
        "Since",
        "Until",
        "Till",
        "During",
        "Despite",
        "Although",
        "Though",
        "Because",
        "Unlike",
        "Like",
        "About",
        "Above",
        "Across",
        "Along",
        "Amid",
        "Among",
        "Around",
        "Behind",
        "Below",
        "Beneath",
        "Beside",
        "Besides",
        "Between",
        "Beyond",
        "Inside",
        "Outside",
        "Through",
        "Throughout",
        "Toward",
        "Towards",
        "Upon",
        "Within",
        "Without",
        "Via",
        "Per",
        "Also",
        "Even",
        "Only",
        "Just",
        "Still",
        "Again",
        "Meanwhile",
        "Later",
        "Earlier",
        "Last",
        "Next",
        "First",
        "Second",
        "Third",
        "Finally",
        "However",
        "Instead",
        "Otherwise",
        "Perhaps",
        "Please",
        "Thanks",
        "Welcome",
        "Visit",
        "Visiting",
        "Leaving",
        "Entering",
        "Historic",
        "Wartime",
        "Prewar",
        "Postwar",
        "Present",
        "Modern",
    ]
)
_NOT_FIRST_NAMES = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "At",
        "On",
        "Of",
        "From",
        "To",
        "By",
        "For",
        "With",
        "Into",
        "Near",
        "Over",
        "Under",
        "Ukrainian",
        "Russian",
        "Soviet",
        "Southern",
        "Northern",
        "Eastern",
        "Western",
        "Central",
        "Greater",
        "Old",
        "New",
        "Occupied",
        "Liberated",
        "Free",
        "Downtown",
        "Port",
        "Lake",
        "River",
        "Mount",
        "Saint",
        "St",
        "Lower",
        "Upper",
        "Black",
        "Azov",
        "Crimean",
        "Donbas",
        "Kyiv",
    ]
)
_NOT_OPENING_NAMES = _NOT_FIRST_NAMES | _CLOSED_CLASS
_PERSON_AFTER = regex.compile(
    r"(?:,\s+(?:who|whose|the\s+(?:\w+\s+)?(?:writer|author|player|coach|scientist|minister))\b|\s+\(\d{4}[–-])"
)


def _window(start: int, end: int, size: int, length: int) -> tuple[int, int]:
    """A search window around a span, aligned to blocks of ``size`` so that
    nearby spans share it (and work done for one can be reused for the next)."""
    return max(0, (start // size - 1) * size), min(length, (end // size + 2) * size)


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (text between blank lines) around a span, within a window
    of a few thousand characters so very long lines stay linear."""
    lo, hi = _window(start, end, _PARAGRAPH_LIMIT, len(text))
    left = lo
    for match in PARAGRAPH_BREAK.finditer(text, lo, start):
        left = match.end()
    found = PARAGRAPH_BREAK.search(text, end, hi)
    right = found.start() if found else hi
    return left, right


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a span (a line break also ends one), with its
    closing punctuation ("wrote Kharkov?" is talk about a spelling), within an
    aligned window of a few hundred characters."""
    lo, hi = _window(start, end, _SENTENCE_LIMIT, len(text))
    left = lo
    for match in _SENTENCE_END.finditer(text, lo, start):
        left = match.end()
    found = _SENTENCE_END.search(text, end, hi)
    right = found.start() + len(found.group().rstrip()) if found else hi
    return left, right


def named_person(text: str, start: int) -> bool:
    """True when a title, a known first name or an initial stands right
    before ``start`` (Referee Orekhov, Sergei Orekhov, S. Orekhov): a place
    name never follows one, so the spelling there is a surname."""
    return bool(_PERSON_BEFORE.search(text, max(0, start - 40), start))


def person_cue(text: str, start: int, end: int) -> bool:
    """True when a title, a first name or an initial stands right before the
    name (Prince Lvov, Georgy Lvov, G. Lvov) or a person clause follows it."""
    if named_person(text, start) or _PERSON_AFTER.match(text, end, min(len(text), end + 60)):
        return True
    word = _CAPITALIZED_BEFORE.search(text, max(0, start - 40), start)
    if word:
        return word.group(1) not in _NOT_FIRST_NAMES
    # Opening a sentence every word is capitalized, but a word of a closed
    # class (a determiner, pronoun, preposition, conjunction, adverb) or one
    # of the words above is never a first name: "These Lvov-style bars".
    opener = _OPENING_WORD.search(text, max(0, start - 40), start)
    return bool(opener and opener.group(1) not in _NOT_OPENING_NAMES)


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome for an ambiguous name: apply, suggest, or leave alone; and why."""

    action: Literal["apply", "suggest", "leave"]
    reason: str


#: Work shared by the names of one text: pattern matches per window.
Cache = dict[Any, Any]


def _nearest(
    pattern: regex.Pattern[str],
    text: str,
    lo: int,
    hi: int,
    start: int,
    end: int,
    cache: Cache | None = None,
) -> tuple[int, str] | None:
    """The match of ``pattern`` in ``text[lo:hi]`` nearest to the span, as
    (distance, matched text). Matches of a window are found once per ``cache``."""
    key = (id(pattern), lo, hi)
    found = cache.get(key) if cache is not None else None
    if found is None:
        found = [(m.start(), m.end(), m.group()) for m in pattern.finditer(text, lo, hi)]
        if cache is not None:
            cache[key] = found
    best: tuple[int, str] | None = None
    # Matches do not overlap, so starts and ends are both sorted: look only at
    # the neighbours of the span.
    i = bisect.bisect_left(found, (start, -1, ""))
    for m_start, m_end, group in found[max(0, i - 2) : i + 2]:
        if m_start < end and m_end > start:
            continue
        distance = start - m_end if m_end <= start else m_start - end
        if best is None or distance < best[0]:
            best = (distance, group)
    return best


def decide(
    text: str,
    start: int,
    end: int,
    *,
    paragraph: tuple[int, int],
    sentence: tuple[int, int],
    entity_spans: Iterable[tuple[int, int, str]],
    surname: bool,
    word: bool = False,
    kind: str = "place",
    cache: Cache | None = None,
) -> Verdict:
    """Weigh evidence and counter-evidence for the Ukrainian reading of ``text[start:end]``.

    ``entity_spans`` are the unambiguous Ukrainian names found in the text
    (start, end, name); ``surname`` says the spelling is also a family name;
    ``word`` says it is also a common English word, which only a cue right
    next to it can settle (Ukraine named in the paragraph proves nothing
    about "Luck" in "Luck ran out").
    """
    if surname and kind == "place" and person_cue(text, start, end):
        return Verdict("leave", "a person's name here")
    if (
        _COUNTER_ADJACENT.match(text, end, min(len(text), end + 40))
        or _COUNTER_COUNTRY.match(text, end, min(len(text), end + 80))
        or _COUNTER_BEFORE.search(text, max(0, start - 40), start)
    ):
        return Verdict("leave", "names a place outside Ukraine")
    if _CUE_BEFORE.search(text, max(0, start - 60), start) or _CUE_AFTER.match(
        text, end, min(len(text), end + 40)
    ):
        return Verdict("apply", "the text names it as a Ukrainian place")
    if word:
        return Verdict("suggest", "also a common English word, and no cue next to it shows the place")
    if _HISTORY.search(text, sentence[0], sentence[1]):
        return Verdict("suggest", "the sentence is about history, where the old spelling may be meant")

    p_lo, p_hi = paragraph
    counter = _nearest(_COUNTER, text, p_lo, p_hi, start, end, cache)
    evidence: list[tuple[int, str]] = []
    ukraine = _nearest(_UKRAINE, text, p_lo, p_hi, start, end, cache)
    if ukraine:
        evidence.append((ukraine[0], f"the paragraph mentions {ukraine[1]}"))
    for e_start, e_end, name in entity_spans:
        if p_lo <= e_start and e_end <= p_hi and (e_start, e_end) != (start, end):
            distance = start - e_end if e_end <= start else e_start - end
            evidence.append((distance, f"the paragraph also names {name}"))
    war = _nearest(_WAR, text, sentence[0], sentence[1], start, end, cache)
    if war:
        evidence.append((war[0], f"the sentence speaks of the war ({war[1]})"))
    if not evidence:
        if counter:
            return Verdict("leave", f"the paragraph names {counter[1]}")
        return Verdict("suggest", f"no evidence in the text that the Ukrainian {kind} is meant")
    best = min(evidence)
    if counter and counter[0] <= best[0]:
        return Verdict("leave", f"{counter[1]} is named closer than any Ukrainian evidence")
    return Verdict("apply", best[1])
