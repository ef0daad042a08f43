"""Score toponorm on the evaluation set: word-level precision and recall, and
how many negative sentences come out untouched; beside it, a naive
find-and-replace over the same gazetteer.

    python eval/score.py              # the report (Markdown) on stdout
    python eval/score.py --json       # the figures as JSON
    python eval/score.py --gate       # exit 1 if precision < 0.99 or a negative changed

How a sentence is scored: the input, the expected output and the system's
output are split into words (runs of non-space characters, punctuation
attached). ``difflib`` aligns the input's words with each output's; every
run of words that differs is one *change* (input words i..j replaced by
these words). A system change counts as correct only when the expected
output has exactly the same change. Each change weighs as many words as it
touches (the larger of the words removed and the words written). So

    precision = correct change words / system change words
    recall    = correct change words / expected change words

and *negatives untouched* is the share of sentences whose expected output is
their input that the system returns byte for byte. See docs/accuracy.md.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

import toponorm
from toponorm import Gazetteer

EVAL = Path(__file__).resolve().parent
KINDS = ("positive", "mt", "negative")
PRECISION_GATE = 0.99

Change = tuple[int, int, tuple[str, ...]]


@dataclass(frozen=True)
class Case:
    """One sentence of the evaluation set."""

    id: str
    style: str
    kind: str
    text: str
    expected: str
    where: str


def load_cases(paths: Iterable[Path] | None = None, name: str = "sentences") -> list[Case]:
    """Every case of a set (``eval/sentences-*.jsonl`` by default, or
    ``eval/{name}*.jsonl``), checked: unique ids, known kinds, and negatives
    whose expected output is their input."""
    cases: list[Case] = []
    seen: set[str] = set()
    for path in sorted(paths if paths is not None else EVAL.glob(f"{name}*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            where = f"{path.name}, line {number}"
            try:
                record = json.loads(line)
                case = Case(
                    record["id"], record["style"], record["kind"], record["text"], record["expected"], where
                )
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{where}: not a case record ({exc})") from None
            if case.id in seen:
                raise ValueError(f"{where}, field 'id': {case.id!r} is used twice")
            if case.kind not in KINDS:
                raise ValueError(f"{where}, field 'kind': {case.kind!r} is not one of {', '.join(KINDS)}")
            if (case.kind == "negative") != (case.expected == case.text):
                must = "must" if case.kind == "negative" else "must not"
                raise ValueError(f"{where}, field 'expected': a {case.kind} case {must} equal its text")
            seen.add(case.id)
            cases.append(case)
    return cases


def words(text: str) -> list[str]:
    return text.split()


def changes(source: str, target: str) -> set[Change]:
    """The word-level changes that turn ``source`` into ``target``."""
    a, b = words(source), words(target)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return {(i1, i2, tuple(b[j1:j2])) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"}


def weight(change: Change) -> int:
    i1, i2, written = change
    return max(i2 - i1, len(written), 1)


@dataclass
class Tally:
    """Change words and sentences counted for one slice of the set."""

    correct: int = 0
    system: int = 0
    expected: int = 0
    sentences: int = 0
    exact: int = 0
    negatives: int = 0
    negatives_untouched: int = 0

    def add(self, case: Case, output: str) -> tuple[set[Change], set[Change]]:
        gold = changes(case.text, case.expected)
        made = changes(case.text, output)
        self.correct += sum(weight(c) for c in made & gold)
        self.system += sum(weight(c) for c in made)
        self.expected += sum(weight(c) for c in gold)
        self.sentences += 1
        self.exact += output == case.expected
        if case.kind == "negative":
            self.negatives += 1
            self.negatives_untouched += output == case.text
        return made - gold, gold - made

    @property
    def precision(self) -> float:
        return self.correct / self.system if self.system else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    def figures(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "change_words": {"correct": self.correct, "made": self.system, "expected": self.expected},
            "exact_sentences": self.exact,
            "negatives": self.negatives,
            "negatives_untouched": self.negatives_untouched,
        }


@dataclass
class Score:
    """The scores of one system on the set, overall and by kind and style."""

    system: str
    total: Tally = field(default_factory=Tally)
    by_kind: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_style: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    wrong: list[tuple[Case, str]] = field(default_factory=list)  # a change the expected output lacks
    missed: list[tuple[Case, str]] = field(default_factory=list)
    negatives_changed: list[tuple[Case, str]] = field(default_factory=list)

    def passes_gate(self) -> bool:
        return self.total.precision >= PRECISION_GATE and not self.negatives_changed


def score(system: str, run: Callable[[str], str], cases: list[Case]) -> Score:
    result = Score(system)
    for case in cases:
        output = run(case.text)
        extra, missing = result.total.add(case, output)
        result.by_kind[case.kind].add(case, output)
        result.by_style[case.style].add(case, output)
        if extra:
            result.wrong.append((case, output))
        if missing:
            result.missed.append((case, output))
        if case.kind == "negative" and output != case.text:
            result.negatives_changed.append((case, output))
    return result


def naive_replacer() -> Callable[[str], str]:
    """What people write first: every known variant replaced by its target,
    case-sensitive, as a whole word, longest first, with no context at all."""
    pairs: dict[str, str] = {}
    for entity in Gazetteer.default():
        for variant in entity.variants:
            if variant.text != variant.target and not variant.former:
                pairs.setdefault(variant.text, variant.target)
    names = sorted(pairs, key=len, reverse=True)
    pattern = regex.compile(r"(?<!\w)(?:" + "|".join(regex.escape(n) for n in names) + r")(?!\w)")
    return lambda text: pattern.sub(lambda m: pairs[m.group()], text)


def _pct(value: float) -> str:
    return f"{value:.3f}"


def report(scores: list[Score], cases: list[Case]) -> Iterator[str]:
    kinds = Counter(c.kind for c in cases)
    styles = Counter(c.style for c in cases)
    counts = ", ".join(f"{kinds[k]} {k}" for k in KINDS)
    yield f"Evaluation set: {len(cases)} sentences ({counts}; {len(styles)} styles)."
    yield ""
    yield "| system | precision | recall | negatives untouched | exact sentences |"
    yield "|---|---|---|---|---|"
    for s in scores:
        t = s.total
        yield (
            f"| {s.system} | {_pct(t.precision)} | {_pct(t.recall)} | "
            f"{t.negatives_untouched}/{t.negatives} | {t.exact}/{t.sentences} |"
        )
    for title, attr, keys in (("kind", "by_kind", KINDS), ("style", "by_style", sorted(styles))):
        yield ""
        yield f"By {title} (precision / recall / negatives untouched):"
        yield ""
        yield f"| {title} | sentences | " + " | ".join(s.system for s in scores) + " |"
        yield "|---|---|" + "---|" * len(scores)
        for key in keys:
            cells = []
            for s in scores:
                t = getattr(s, attr)[key]
                negatives = f"{t.negatives_untouched}/{t.negatives}" if t.negatives else "–"
                cells.append(f"{_pct(t.precision)} / {_pct(t.recall)} / {negatives}")
            yield f"| {key} | {getattr(scores[0], attr)[key].sentences} | " + " | ".join(cells) + " |"


def details(s: Score) -> Iterator[str]:
    for title, items in (
        ("Negatives changed", s.negatives_changed),
        ("Wrong changes", s.wrong),
        ("Missed", s.missed),
    ):
        yield f"\n{title} by {s.system}: {len(items)}"
        for case, output in items:
            yield f"  {case.id}: {case.text}\n    expected: {case.expected}\n    output:   {output}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--gate", action="store_true", help="exit 1 below the precision gate or on a changed negative"
    )
    parser.add_argument(
        "--details", action="store_true", help="list every wrong, missed and changed sentence"
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip the naive find-and-replace")
    parser.add_argument(
        "--set",
        default="sentences",
        help="which set: 'sentences' (the tuned set), 'heldout' or 'fresh' (each written later by "
        "another writer, measured once before any change made from it); all are gated in CI",
    )
    args = parser.parse_args(argv)

    cases = load_cases(name=args.set)
    scores = [score("toponorm", toponorm.normalize, cases)]
    if not args.no_baseline:
        scores.append(score("naive find-and-replace", naive_replacer(), cases))
    if args.json:
        print(
            json.dumps(
                {
                    s.system: {
                        "total": s.total.figures(),
                        "by_kind": {k: t.figures() for k, t in s.by_kind.items()},
                    }
                    for s in scores
                },
                indent=2,
            )
        )
    else:
        print("\n".join(report(scores, cases)))
        if args.details:
            for s in scores[:1]:
                print("\n".join(details(s)))
    ours = scores[0]
    if args.gate and not ours.passes_gate():
        print(
            f"\nGATE FAILED: precision {ours.total.precision:.4f} (needs {PRECISION_GATE}), "
            f"{len(ours.negatives_changed)} negative sentence(s) changed: "
            + ", ".join(c.id for c, _ in ours.negatives_changed),
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
