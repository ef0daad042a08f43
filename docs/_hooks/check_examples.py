"""Run every example in the documentation and compare its output.

Two kinds of fenced blocks are checked:

- ```` ```pycon ```` blocks: Python sessions (``>>>`` prompts), run with
  doctest; all blocks of one page share their globals, in page order.
  ``...`` in an expected output matches anything (doctest's ELLIPSIS).
- ```` ```console ```` blocks: shell sessions, ``$ command`` followed by its
  expected output, run with bash from the repository root; ``toponorm``
  runs ``python -m toponorm`` from ``src/`` and ``python`` is the
  interpreter that builds the docs.

    python docs/_hooks/check_examples.py              # every page
    python docs/_hooks/check_examples.py docs/cli.md  # some pages

As an MkDocs hook (``hooks:`` in mkdocs.yml) it runs on ``mkdocs build`` and
logs a warning, which fails ``--strict``, for every example whose output
differs.
"""

from __future__ import annotations

import doctest
import logging
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SKIP = {"schemes.md"}  # owned elsewhere; its examples are comments, not sessions

_BLOCK = re.compile(r"^(`{3,})(pycon|console)[^\n]*\n(.*?)^\1\s*$", re.MULTILINE | re.DOTALL)

log = logging.getLogger("mkdocs.hooks.check_examples")


def _blocks(text: str, kind: str) -> list[tuple[int, str]]:
    """(line number, body) of every block of ``kind``."""
    return [
        (text.count("\n", 0, m.start()) + 2, m.group(3)) for m in _BLOCK.finditer(text) if m.group(2) == kind
    ]


def check_pycon(path: Path) -> list[str]:
    """Failures of the Python sessions on one page."""
    text = path.read_text(encoding="utf-8")
    blocks = _blocks(text, "pycon")
    if not blocks:
        return []
    parser = doctest.DocTestParser()
    globs: dict[str, Any] = {"__name__": "__docs__"}
    failures: list[str] = []
    flags = doctest.ELLIPSIS
    for line, body in blocks:
        test = parser.get_doctest(body, globs, f"{path.name}:{line}", str(path), line - 1)
        out: list[str] = []
        runner = doctest.DocTestRunner(optionflags=flags)
        old_cwd = os.getcwd()
        os.chdir(ROOT)
        try:
            runner.run(test, out=out.append, clear_globs=False)
        finally:
            os.chdir(old_cwd)
        globs = test.globs
        if runner.failures:
            failures.append("".join(out))
    return failures


def _console_cases(body: str) -> list[tuple[str, str]]:
    cases: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            cases.append((line[2:], []))
        elif cases:
            cases[-1][1].append(line)
    return [(cmd, "\n".join(lines)) for cmd, lines in cases]


def check_console(path: Path) -> list[str]:
    """Failures of the shell sessions on one page."""
    text = path.read_text(encoding="utf-8")
    failures: list[str] = []
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONIOENCODING": "utf-8"}
    prelude = (
        f'toponorm() {{ "{sys.executable}" -m toponorm "$@"; }}\n'
        f'python() {{ "{sys.executable}" "$@"; }}\n'
    )
    for line, body in _blocks(text, "console"):
        for command, expected in _console_cases(body):
            proc = subprocess.run(
                ["bash", "-c", prelude + command],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                encoding="utf-8",
                timeout=120,
            )
            got = (proc.stdout + proc.stderr).rstrip("\n")
            if got != expected.rstrip("\n"):
                failures.append(
                    f"{path.name}:{line}: $ {command}\n--- expected\n{expected}\n--- got\n{got}\n"
                )
    return failures


def check(paths: list[Path]) -> list[str]:
    failures: list[str] = []
    for path in paths:
        failures += check_pycon(path)
        failures += check_console(path)
    return failures


def _pages() -> list[Path]:
    return sorted(p for p in DOCS.glob("*.md") if p.name not in SKIP)


def on_post_build(config: Any, **_: Any) -> None:
    """MkDocs hook: run the examples after a build; each failure is a warning."""
    if os.environ.get("TOPONORM_DOCS_SKIP_EXAMPLES"):
        return
    for failure in check(_pages()):
        log.warning("documentation example failed:\n%s", failure)


def main(argv: list[str]) -> int:
    paths = [Path(a).resolve() for a in argv] or _pages()
    failures = check(paths)
    for failure in failures:
        print(failure)
    print(f"{len(failures)} failing example(s) in {len(paths)} page(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main(sys.argv[1:]))
