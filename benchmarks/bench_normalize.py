"""Throughput of ``toponorm.normalize`` next to the obvious alternatives, on one corpus.

What it measures
----------------
One process, one synthetic corpus, one vocabulary, six ways of using it:

a. naive: one compiled ``re`` pattern ``\\bVARIANT\\b`` per pair, ``.subn`` in a loop
   over the whole (prefix of the) corpus;
b. flashtext ``KeywordProcessor(case_sensitive=True).replace_keywords``, one
   paragraph at a time (flashtext is super-linear on one huge string);
c. ``toponorm.normalize``, one paragraph at a time;
d. ``toponorm.normalize`` on the whole corpus as one string;
e. toponorm's bare scanner, ``default_normalizer()._scanner.scan``, per paragraph:
   the cost of finding candidates, i.e. the floor under (c);
f. ``str.lower()`` on the whole corpus: a floor for any pass over the text.

The vocabulary is the packaged gazetteer's (variant text -> target) pairs,
minus every spelling toponorm treats as ambiguous (flagged variants, spellings
shared with another reading, small places that need context) and former-name
spellings (off by default), so every competitor is asked to do the same job.

The corpus is English-like news prose from a built-in word list (seeded,
deterministic, cached under ``benchmarks/.corpus/``), paragraphs of 3-7
sentences, a name about once per 150 words: 50% legacy variants (half drawn
from the curated ones, Kiev/Kharkov/Zelensky, half from all), 20% canonical
names, 10% variant + ``'s``, 10% variants in ALL CAPS, 10% variant + suffix that
must not match (``Kievan``). About one paragraph in 20 also carries a protected
context (chicken Kiev, a URL, a hashtag, the Great Gate of Kiev). Like real news
copy, some sentences carry “curly quotes” or an em dash, so most paragraphs are
not pure ASCII (``--ascii`` leaves them out, to see what that costs).

How to read it
--------------
MB = 10**6 bytes of UTF-8 input. Each row is the best of 3 ``time.perf_counter``
runs. "timed on MB" below the corpus size means the whole corpus would have
taken too long: that prefix was timed and MB/s extrapolated from it; "growth"
is the exponent k in time ~ size**k seen while sizing the prefix (1 = linear).
"x flashtext" and "x naive" are MB/s ratios (above 1 = faster). Replacements
are counted outside the timed runs; toponorm and flashtext legitimately differ
(toponorm matches any letter case and leaves protected contexts alone), and the
agreement section shows where. Timings are reported, never asserted: the
script always exits 0.

Run ``python benchmarks/bench_normalize.py`` (10 MB) or ``--quick`` (1 MB).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import importlib
import importlib.metadata
import importlib.util
import json
import math
import os
import platform
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if importlib.util.find_spec("toponorm") is None:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))

import toponorm  # noqa: E402
from toponorm.gazetteer import SMALL_PLACE_KINDS  # noqa: E402

#: ``toponorm.normalize`` is the function; the module behind it holds default_normalizer().
NORMALIZE_MODULE = importlib.import_module("toponorm.normalize")

CORPUS_DIR = HERE / ".corpus"
GENERATOR_VERSION = 3
#: Share of sentences with a “quoted” clause, and with an em dash (news typography).
QUOTED_SENTENCES = 0.12
DASHED_SENTENCES = 0.06
DEFAULT_SEED = 20261125
NAME_EVERY_WORDS = 150
#: Share of sentences with a machine-translation artifact that a rule fixes.
MT_SENTENCES = 0.02
PROTECTED_PER_PARAGRAPH = 0.05

# ~300 common English words, most frequent first (weights fall with the rank).
_WORD_TEXT = """
the of and to a in that is was for on it with as he said by at from his be have has
are an had not but which they this were their been its also after who will more one
would about two there all new we when year first than out up other into last over can
people some time could government so only no while she her said them city officials
against since during told country war military forces president minister state week
before national where three between what our many under most these region report local
attack police security public support police early like through again any four million
news group including percent according several around since later both made officials
part just day days month months meeting statement called could because several near
should well still used second own major plan team work may how each held next home
former north south east west near border power energy water food help city town aid
economic official agency capital court law talks foreign leaders leader party election
vote parliament council spokesman spokeswoman residents families children hospital
school schools building buildings bridge road roads station train trains airport port
sea river troops soldiers army units front line missile missiles drone drones strike
strikes shelling air defense damage damaged killed injured wounded dead hundreds
thousands dozens area areas village villages district center central western eastern
northern southern market prices price fuel gas oil grain exports imports trade deal
deals talks peace ceasefire agreement sanctions bank banks money funds budget billion
tax workers company companies industry plant factory factories reporters journalists
media television radio online social video photos images witnesses analysts experts
said added noted warned announced confirmed denied reported claimed urged promised
expected likely possible recent current ongoing heavy large small long short high low
old young several another every few many much more less best better worst full open
closed free key top senior general special human rights international european united
nations western allies partners support weapons tanks equipment supplies winter summer
spring autumn morning night evening today yesterday tomorrow monday tuesday wednesday
thursday friday saturday sunday january march april june july october november december
them those then very even such both because until without within across toward among
however although despite already yet never always often again soon late earlier later
children women men family life health care service services system systems program
question questions answer issue issues problem problems decision decisions process
evidence investigation prosecutors judge trial case cases charges prison release
"""
WORDS: tuple[str, ...] = tuple(dict.fromkeys(_WORD_TEXT.split()))

#: Endings glued to a one-word variant to make a word that must not match (Kievan).
_SUFFIXES = ("an", "ian", "ite", "er", "ism", "ese")

MT_SNIPPETS = (
    "Shahed munitions hanging around were shot down",
    "Tu-95 bombers launched X-101 missiles",
    "the C-300 air defence system",
    "an air anxiety was declared",
    "the governor told the Telegram messaging channel",
    "Geranium-2 drones attacked",
)
PROTECTED_SNIPPETS = (
    "a plate of chicken Kiev",
    "a slice of Kiev cake",
    "the Great Gate of Kiev",
    "the Kiev-class carrier",
    "the Battle of Kharkov in 1942",
    "https://example.org/news/Kiev/Kharkov-report.html",
    "www.kiev-news.example.com",
    "the hashtag #Kiev",
    "Kievan Rus",
    "the Odessa Steps",
)


# -- vocabulary ----------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    """The (variant -> target) pairs every competitor gets, and how they were chosen."""

    pairs: tuple[tuple[str, str], ...]
    curated: tuple[tuple[str, str], ...]
    excluded: dict[str, int]
    entities: int
    variants_seen: int

    @property
    def digest(self) -> str:
        text = "\n".join(f"{v}\t{t}" for v, t in self.pairs)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


_WORDY = re.compile(r"\w(?:.*\w)?", re.DOTALL)
_MODIFIER_END = re.compile(r"^[\u02b0-\u02ff]|[\u02b0-\u02ff]$")


def build_vocabulary(gazetteer: toponorm.Gazetteer) -> Vocabulary:
    """Every unambiguous, current-name variant whose rewrite needs no context."""
    min_population = toponorm.Config().min_population
    excluded: Counter[str] = Counter()
    chosen: dict[str, str] = {}
    origins: dict[str, str] = {}
    seen = 0
    for entity in gazetteer:
        for variant in entity.variants:
            seen += 1
            text, target = variant.text, variant.target
            if variant.flags:
                excluded["flagged (ambiguous)"] += 1
                continue
            if variant.former:
                excluded["former name"] += 1
                continue
            if text == target:
                excluded["identical to target"] += 1
                continue
            if not _WORDY.fullmatch(text) or _MODIFIER_END.search(text):
                # \b is only exact for such spellings; toponorm reads an edge
                # modifier letter (ISO 9 soft sign ʹ) as an apostrophe.
                excluded["does not start and end with a letter or digit"] += 1
                continue
            readings = gazetteer.candidates(text)
            targets = {c.variant.target for c in readings if c.variant.origin != "canonical"}
            if (
                any(c.variant.flags or c.variant.former for c in readings)
                or len(targets) > 1
                or any(c.variant.origin == "canonical" for c in readings)
            ):
                excluded["shared with another reading"] += 1
                continue
            if (
                entity.kind in SMALL_PLACE_KINDS
                and entity.population is not None
                and entity.population < min_population
            ):
                excluded["small place (needs context)"] += 1
                continue
            if text in chosen:
                excluded["duplicate"] += 1
                continue
            chosen[text] = target
            origins[text] = variant.origin
    pairs = tuple(sorted(chosen.items()))
    curated = tuple((v, t) for v, t in pairs if origins[v] == "curated")
    return Vocabulary(pairs, curated, dict(excluded), len(gazetteer), seen)


# -- corpus --------------------------------------------------------------------


@dataclass
class Corpus:
    """The generated text, its paragraphs, and what was put into it."""

    text: str
    paragraphs: list[str]
    inserted: dict[str, int]
    path: Path

    @functools.cached_property
    def mb(self) -> float:
        return len(self.text.encode("utf-8")) / 1e6


class _Generator:
    def __init__(
        self, vocab: Vocabulary, seed: int, gazetteer: toponorm.Gazetteer, *, ascii_only: bool
    ) -> None:
        self.rng = random.Random(seed)
        self.ascii_only = ascii_only
        self.vocab = vocab
        self.words = WORDS
        self.cum_weights = list(_cumulative(1.0 / (rank + 8) for rank in range(len(WORDS))))
        self.inserted: Counter[str] = Counter()
        self.curated = vocab.curated or vocab.pairs
        singles = [v for v, _ in vocab.pairs if " " not in v and v.isalpha()]
        self.suffixed: list[str] = []
        keys = {v for v, _ in vocab.pairs}
        for variant in singles:
            for suffix in _SUFFIXES:
                word = variant + suffix
                if word not in keys and not gazetteer.candidates(word):
                    self.suffixed.append(word)

    def pair(self) -> tuple[str, str]:
        pool = self.curated if self.rng.random() < 0.5 else self.vocab.pairs
        return self.rng.choice(pool)

    def name(self) -> str:
        roll = self.rng.random()
        variant, target = self.pair()
        if roll < 0.5:
            kind, text = "legacy variant", variant
        elif roll < 0.7:
            kind, text = "canonical name", target
        elif roll < 0.8:
            kind, text = "variant + 's", variant + "'s"
        elif roll < 0.9:
            kind, text = "variant in ALL CAPS", variant.upper()
        elif self.suffixed:
            kind, text = "variant + suffix (must not match)", self.rng.choice(self.suffixed)
        else:
            kind, text = "legacy variant", variant
        self.inserted[kind] += 1
        return text

    def sentence(self, protected: bool) -> str:
        rng = self.rng
        n = rng.randint(8, 30)
        words = rng.choices(self.words, cum_weights=self.cum_weights, k=n)
        for i in range(n):
            if rng.random() < 1.0 / NAME_EVERY_WORDS:
                words[i] = self.name()
            elif i < n - 1 and rng.random() < 0.07:
                words[i] += ","
        if rng.random() < MT_SENTENCES:
            words.insert(rng.randint(1, n - 1), rng.choice(MT_SNIPPETS))
            self.inserted["machine-translation artifact"] += 1
        if protected:
            words.insert(rng.randint(1, n - 1), rng.choice(PROTECTED_SNIPPETS))
            self.inserted["protected context"] += 1
        if not self.ascii_only:
            if rng.random() < QUOTED_SENTENCES:
                lo = rng.randint(1, n - 2)
                hi = min(len(words) - 1, lo + rng.randint(2, 8))
                words[lo] = "“" + words[lo].rstrip(",")
                words[hi] = words[hi].rstrip(",") + "”"
            if rng.random() < DASHED_SENTENCES:
                words.insert(rng.randint(2, n - 1), "—")
        first = words[0]
        words[0] = first[:1].upper() + first[1:]
        end = "." if rng.random() < 0.93 else rng.choice("?!")
        return " ".join(words).rstrip(",") + end

    def paragraph(self) -> str:
        count = self.rng.randint(3, 7)
        protected_at = self.rng.randrange(count) if self.rng.random() < PROTECTED_PER_PARAGRAPH else -1
        return " ".join(self.sentence(i == protected_at) for i in range(count))


def _cumulative(values: Iterable[float]) -> list[float]:
    total = 0.0
    out: list[float] = []
    for value in values:
        total += value
        out.append(total)
    return out


def load_corpus(
    mb: float,
    seed: int,
    vocab: Vocabulary,
    gazetteer: toponorm.Gazetteer,
    *,
    ascii_only: bool = False,
) -> tuple[Corpus, float, bool]:
    """The cached corpus for (size, seed, vocabulary, typography), generated on first use."""
    kind = "-ascii" if ascii_only else ""
    stem = f"corpus-{mb:g}mb-seed{seed}{kind}-g{GENERATOR_VERSION}-v{vocab.digest}"
    path = CORPUS_DIR / f"{stem}.txt"
    meta_path = CORPUS_DIR / f"{stem}.json"
    started = time.perf_counter()
    if path.exists() and meta_path.exists():
        text = path.read_text(encoding="utf-8")
        inserted = json.loads(meta_path.read_text(encoding="utf-8"))
        cached = True
    else:
        generator = _Generator(vocab, seed, gazetteer, ascii_only=ascii_only)
        target = int(mb * 1e6)
        paragraphs: list[str] = []
        size = 0
        while size < target:
            paragraph = generator.paragraph()
            paragraphs.append(paragraph)
            size += len(paragraph.encode("utf-8")) + 2
        text = "\n\n".join(paragraphs) + "\n"
        inserted = dict(sorted(generator.inserted.items()))
        CORPUS_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        meta_path.write_text(json.dumps(inserted, indent=1), encoding="utf-8")
        cached = False
    elapsed = time.perf_counter() - started
    corpus = Corpus(text, text.rstrip("\n").split("\n\n"), inserted, path)
    return corpus, elapsed, cached


# -- timing ----------------------------------------------------------------------


@dataclass
class Row:
    """One line of the results table."""

    key: str
    approach: str
    build_s: float
    timed_mb: float
    best_s: float
    growth: float | None = None
    replacements: str = ""
    note: str = ""
    output: Any = field(default=None, repr=False)

    @property
    def mb_per_s(self) -> float:
        return self.timed_mb / self.best_s if self.best_s > 0 else float("inf")


def best_of(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """Best wall time of ``repeat`` calls, and the last call's result."""
    best = float("inf")
    result: Any = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def _prefix(corpus: Corpus, chars: int) -> str:
    """The corpus cut at the first paragraph break at or after ``chars``."""
    if chars >= len(corpus.text):
        return corpus.text
    cut = corpus.text.find("\n\n", chars)
    return corpus.text if cut == -1 else corpus.text[:cut]


def timed_on_prefix(
    corpus: Corpus, fn: Callable[[str], Any], start_chars: int, budget_s: float
) -> tuple[float, float, float | None, Any]:
    """Best of 3 on the largest prefix (doubling from ``start_chars``) whose three
    runs fit ``budget_s``; returns (best s, MB timed, growth exponent, result)."""
    size = start_chars
    points: list[tuple[float, float]] = []
    while True:
        text = _prefix(corpus, size)
        started = time.perf_counter()
        result = fn(text)
        elapsed = time.perf_counter() - started
        mb = len(text.encode("utf-8")) / 1e6
        points.append((mb, elapsed))
        if text is corpus.text:
            break
        growth = _growth(points) or 1.0
        next_text_chars = min(len(corpus.text), len(text) * 2)
        predicted = elapsed * (next_text_chars / len(text)) ** growth
        if 3 * predicted > budget_s:
            break
        size = next_text_chars
    rest, result = best_of(lambda: fn(text), repeat=2)
    return min(elapsed, rest), mb, _growth(points), result


def _growth(points: Sequence[tuple[float, float]]) -> float | None:
    usable = [(mb, s) for mb, s in points if s > 0.02]
    if len(usable) < 2:
        return None
    (m1, s1), (m2, s2) = usable[-2], usable[-1]
    if m2 <= m1:
        return None
    return math.log(s2 / s1) / math.log(m2 / m1)


# -- competitors -------------------------------------------------------------------


def naive_loop(pairs: Sequence[tuple[str, str]]) -> Callable[[str], tuple[str, int]]:
    compiled = [(re.compile(rf"\b{re.escape(v)}\b"), t.replace("\\", r"\\")) for v, t in pairs]

    def run(text: str) -> tuple[str, int]:
        total = 0
        for pattern, target in compiled:
            text, count = pattern.subn(target, text)
            total += count
        return text, total

    return run


def flashtext_processor(pairs: Sequence[tuple[str, str]]) -> Any:
    from flashtext import KeywordProcessor

    processor = KeywordProcessor(case_sensitive=True)
    for variant, target in pairs:
        processor.add_keyword(variant, target)
    return processor


# -- agreement -----------------------------------------------------------------------


@dataclass
class Agreement:
    """Where toponorm and flashtext outputs differ, paragraph by paragraph."""

    paragraphs: int
    differing: int
    kinds: Counter[str]
    examples: list[str]


def _classify(source: str, flash: str, topo: str) -> str:
    if source == flash and source != topo:
        letters = [c for c in source if c.isalpha()]
        if letters and all(c.isupper() for c in letters):
            return "only toponorm changed the word: ALL CAPS (toponorm matches any case)"
        return "only toponorm changed the word: other"
    if source == topo and source != flash:
        return (
            "only flashtext changed the word: protected context, guard, "
            "or toponorm kept the source's lower case"
        )
    return "both changed the word, differently"


def agreement(source: Sequence[str], flash: Sequence[str], topo: Sequence[str]) -> Agreement:
    kinds: Counter[str] = Counter()
    examples: list[str] = []
    differing = 0
    for src, fl, tp in zip(source, flash, topo, strict=True):
        if fl == tp:
            continue
        differing += 1
        s_words, f_words, t_words = src.split(), fl.split(), tp.split()
        if not (len(s_words) == len(f_words) == len(t_words)):
            kinds["word counts differ (multi-word replacement)"] += 1
            continue
        first = True
        for i, (s, f, t) in enumerate(zip(s_words, f_words, t_words, strict=True)):
            if f == t:
                continue
            kind = _classify(s, f, t)
            kinds[kind] += 1
            if first and len(examples) < 3:
                lo, hi = max(0, i - 4), i + 5
                ctx = " ".join(s_words[lo:i])
                after = " ".join(s_words[i + 1 : hi])
                examples.append(f"`…{ctx} [{s}] {after}…` flashtext `{f}`, toponorm `{t}` ({kind})")
            first = False
    return Agreement(len(source), differing, kinds, examples)


# -- report ----------------------------------------------------------------------


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def machine_info() -> list[tuple[str, str]]:
    try:
        affinity = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        affinity = os.cpu_count() or 0
    versions = ", ".join(
        f"{name} {_version(name)}"
        for name in ("flashtext", "pyahocorasick", "regex", "pydantic", "rapidfuzz")
    )
    return [
        ("date", dt.date.today().isoformat()),
        ("python", f"{platform.python_version()} {platform.python_implementation()}"),
        ("nproc", f"{affinity} (os.cpu_count() {os.cpu_count()})"),
        ("platform", f"{platform.platform()} {platform.machine()}"),
        ("versions", f"toponorm {toponorm.__version__}, {versions}"),
    ]


def _shown(path: Path) -> str:
    """``path`` relative to the repository when it is inside it."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def _fmt(value: float, digits: int = 2) -> str:
    return f"{value:,.{digits}f}"


def render(
    rows: list[Row],
    info: list[tuple[str, str]],
    corpus: Corpus,
    vocab: Vocabulary,
    extra: list[tuple[str, str]],
    agree: tuple[Agreement, Agreement, float],
) -> str:
    by_key = {row.key: row for row in rows}
    flash = by_key["b"].mb_per_s
    naive = by_key["a"].mb_per_s
    out: list[str] = ["# toponorm benchmark", ""]
    for key, value in [*info, *extra]:
        out.append(f"- **{key}**: {value}")
    out += [
        "",
        f"## Throughput ({corpus.mb:.1f} MB corpus, {len(vocab.pairs)} pairs)",
        "",
        "| id | approach | build s | timed on MB | best s | MB/s | x flashtext | x naive | replacements |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        timed = _fmt(row.timed_mb, 3)
        if row.timed_mb < corpus.mb - 1e-6:
            growth = f", growth {row.growth:.2f}" if row.growth is not None else ""
            timed += f" (prefix{growth})"
        out.append(
            f"| {row.key} | {row.approach} | {row.build_s:.3f} | {timed} | {row.best_s:.4f} "
            f"| {_fmt(row.mb_per_s)} | {_fmt(row.mb_per_s / flash)} | {_fmt(row.mb_per_s / naive)} "
            f"| {row.replacements} |"
        )
    notes = [f"- {row.key}: {row.note}" for row in rows if row.note]
    if notes:
        out += ["", *notes]
    prefix, whole, prefix_mb = agree
    out += ["", "## Output agreement: toponorm (c) vs flashtext (b), per paragraph", ""]
    out.append(
        f"- first {prefix_mb:.1f} MB: {prefix.differing} of {prefix.paragraphs} paragraphs differ; "
        f"whole corpus: {whole.differing} of {whole.paragraphs}"
    )
    out.append("- differing words in the first MB, by kind:")
    for kind, count in prefix.kinds.most_common():
        out.append(f"  - {kind}: {count}")
    out.append("- first differences:")
    for example in prefix.examples:
        out.append(f"  - {example}")
    return "\n".join(out)


# -- main --------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (default 10)")
    parser.add_argument("--quick", action="store_true", help="1 MB corpus, small time budgets")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--ascii",
        action="store_true",
        help="plain ASCII prose: no curly quotes or dashes (names keep their own letters)",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=None,
        help="seconds allowed for the 3 runs of a slow row before timing a prefix "
        "(default 30, 10 with --quick)",
    )
    args = parser.parse_args(argv)
    mb = 1.0 if args.quick else args.mb
    budget = args.budget if args.budget is not None else (10.0 if args.quick else 30.0)

    def log(message: str) -> None:
        print(f"[bench] {message}", file=sys.stderr, flush=True)

    wall = time.perf_counter()
    started = time.perf_counter()
    gazetteer = toponorm.Gazetteer.default()
    gazetteer_s = time.perf_counter() - started
    vocab = build_vocabulary(gazetteer)
    if not vocab.pairs:
        print("The gazetteer has no unambiguous variants; nothing to benchmark.")
        return 0
    log(f"gazetteer loaded in {gazetteer_s:.2f} s; vocabulary {len(vocab.pairs)} pairs")

    corpus, corpus_s, cached = load_corpus(mb, args.seed, vocab, gazetteer, ascii_only=args.ascii)
    paragraphs = corpus.paragraphs
    log(
        f"corpus {corpus.mb:.2f} MB, {len(paragraphs)} paragraphs "
        f"({'cached' if cached else 'generated'} in {corpus_s:.1f} s)"
    )

    rows: list[Row] = []

    # (a) naive loop
    started = time.perf_counter()
    naive = naive_loop(vocab.pairs)
    build = time.perf_counter() - started
    log("a: naive loop (sizing a prefix)")
    seconds, timed_mb, growth, (_, count) = timed_on_prefix(corpus, naive, 20_000, budget)
    rows.append(
        Row(
            "a",
            "naive: one `re` `\\bV\\b` per pair, `.subn` in a loop, whole string",
            build,
            timed_mb,
            seconds,
            growth,
            f"{count:,} (on prefix)",
        )
    )

    # (b) flashtext per paragraph
    log("b: flashtext per paragraph")
    started = time.perf_counter()
    processor = flashtext_processor(vocab.pairs)
    build = time.perf_counter() - started
    seconds, flash_out = best_of(lambda: [processor.replace_keywords(p) for p in paragraphs])
    flash_count = sum(len(processor.extract_keywords(p)) for p in paragraphs)
    rows.append(
        Row(
            "b",
            "flashtext `KeywordProcessor(case_sensitive=True).replace_keywords`, per paragraph",
            build,
            corpus.mb,
            seconds,
            None,
            f"{flash_count:,}",
        )
    )

    # (c) toponorm per paragraph
    log("c: toponorm.normalize per paragraph")
    started = time.perf_counter()
    normalizer = NORMALIZE_MODULE.default_normalizer()
    build = time.perf_counter() - started
    normalize = toponorm.normalize
    seconds, topo_out = best_of(lambda: [normalize(p) for p in paragraphs])
    edits = suggestions = 0
    for paragraph in paragraphs:
        result = toponorm.explain(paragraph)
        edits += len(result.edits)
        suggestions += len(result.suggestions)
    rows.append(
        Row(
            "c",
            "`toponorm.normalize`, per paragraph",
            build,
            corpus.mb,
            seconds,
            None,
            f"{edits:,}",
            f"{suggestions:,} suggestions not applied; build = "
            "`default_normalizer()` (scanner compile) after the gazetteer is loaded",
        )
    )

    # (c2) the same without the machine-translation rules: what the rules cost
    log("c2: toponorm.normalize per paragraph, mt_artifact off")
    no_rules = toponorm.Config(categories={"mt_artifact": False})
    seconds_off, _ = best_of(lambda: [normalize(p, config=no_rules) for p in paragraphs])
    overhead = (seconds / seconds_off - 1) * 100
    rows.append(
        Row(
            "c2",
            "`toponorm.normalize`, per paragraph, `mt_artifact` rules off",
            0.0,
            corpus.mb,
            seconds_off,
            None,
            "–",
            f"the rules add {overhead:+.1f}% to row c",
        )
    )

    # (d) toponorm on the whole corpus as one string
    log("d: toponorm.normalize on the whole corpus (sizing)")
    seconds, timed_mb, growth, whole_out = timed_on_prefix(
        corpus, normalize, min(len(corpus.text), 1_000_000), budget
    )
    whole_paragraphs = whole_out.rstrip("\n").split("\n\n")
    differ = sum(a != b for a, b in zip(whole_paragraphs, topo_out, strict=False))
    replaced = f"output differs from c in {differ} paragraphs" if differ else "same output as c"
    rows.append(
        Row("d", "`toponorm.normalize`, whole corpus as one string", 0.0, timed_mb, seconds, growth, replaced)
    )

    # (e) bare scanner per paragraph
    log("e: toponorm scanner per paragraph")
    scan = normalizer._scanner.scan
    seconds, hits = best_of(lambda: [scan(p) for p in paragraphs])
    hit_count = sum(len(h) for h in hits)
    rows.append(
        Row(
            "e",
            "toponorm bare scanner `default_normalizer()._scanner.scan`, per paragraph",
            0.0,
            corpus.mb,
            seconds,
            None,
            f"{hit_count:,} hits",
            "hits = candidate spans (legacy, canonical, protected phrases), not replacements",
        )
    )

    # (f) str.lower floor
    log("f: str.lower")
    text = corpus.text
    seconds, _ = best_of(text.lower)
    rows.append(Row("f", "floor: `str.lower()`, whole corpus", 0.0, corpus.mb, seconds, None, "–"))

    # agreement between toponorm and flashtext
    prefix_chars = len(_prefix(corpus, 1_000_000))
    n_prefix = corpus.text.count("\n\n", 0, prefix_chars) + 1
    agree_prefix = agreement(paragraphs[:n_prefix], flash_out[:n_prefix], topo_out[:n_prefix])
    agree_whole = agreement(paragraphs, flash_out, topo_out)
    prefix_mb = prefix_chars / 1e6

    inserted = ", ".join(f"{k} {v:,}" for k, v in corpus.inserted.items())
    excluded = ", ".join(f"{k} {v:,}" for k, v in sorted(vocab.excluded.items()))
    extra = [
        (
            "gazetteer",
            f"{vocab.entities:,} entities, {vocab.variants_seen:,} variants, "
            f"loaded in {gazetteer_s:.2f} s; toponorm scanner keys {len(normalizer._scanner):,}",
        ),
        (
            "vocabulary",
            f"{len(vocab.pairs):,} (variant -> target) pairs "
            f"({len(vocab.curated):,} curated); excluded: {excluded}",
        ),
        (
            "corpus",
            f"{corpus.mb:.2f} MB, {len(paragraphs):,} paragraphs, seed {args.seed}, "
            f"{'ASCII prose' if args.ascii else 'prose with curly quotes and em dashes'}, "
            f"{sum(not p.isascii() for p in paragraphs):,} paragraphs not pure ASCII, "
            f"{_shown(corpus.path)} ({'cached' if cached else 'generated'} "
            f"in {corpus_s:.1f} s)",
        ),
        ("inserted", inserted),
        ("budget", f"{budget:g} s for the 3 runs of a row before a prefix is timed"),
        ("total bench wall s", f"{time.perf_counter() - wall:.0f}"),
    ]
    print(render(rows, machine_info(), corpus, vocab, extra, (agree_prefix, agree_whole, prefix_mb)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
