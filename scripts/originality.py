#!/usr/bin/env python3
"""Check that the site's prose is our own writing, against a fingerprint of the source article.

The article is copyrighted, so the repository keeps only a fingerprint of it: salted hashes of its
6-word and 10-word sequences (tests/fixtures/source-fingerprint.json), never its text. The rules are
the project's originality rules: no file may share a run of 10 or more words with the source, and at
most 4% of the site's 6-word sequences may also stand in it.

    python scripts/originality.py check [docs data]          # what `make test` runs
    python scripts/originality.py fingerprint PATH/TO/article.txt   # after the source changes
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FINGERPRINT = ROOT / "tests" / "fixtures" / "source-fingerprint.json"
TEXT_SUFFIXES = {".md", ".markdown", ".yml", ".yaml", ".html", ".txt", ".py", ".json", ".j2"}
MAX_RUN = 10       # a shared run of this many words or more is copying
NGRAM = 6
MAX_SHARE = 0.04   # at most 4% of the site's 6-grams may also stand in the source
SALT = "getting-closer/originality/1"
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words(text: str) -> list[str]:
    """The words of a text as the rules count them: lower case, curly apostrophes straightened."""
    return _WORD.findall(text.lower().replace("\u2019", "'").replace("\u2018", "'"))


def digest(gram: tuple[str, ...] | list[str]) -> str:
    """A short salted hash of one word sequence (48 bits: a chance collision is one in trillions)."""
    return hashlib.sha256(f"{SALT}\n{' '.join(gram)}".encode("utf-8")).hexdigest()[:12]


def grams(seq: list[str], n: int) -> list[tuple[str, ...]]:
    """Every run of n consecutive words."""
    return [tuple(seq[i:i + n]) for i in range(len(seq) - n + 1)]


def fingerprint(source_text: str) -> dict:
    """The fingerprint of a source text: sorted hashes of its 6-word and 10-word sequences."""
    seq = words(source_text)
    return {
        "about": "Salted hashes of the source article's word sequences (scripts/originality.py); no text.",
        "salt": SALT,
        "words": len(seq),
        str(NGRAM): sorted({digest(g) for g in grams(seq, NGRAM)}),
        str(MAX_RUN): sorted({digest(g) for g in grams(seq, MAX_RUN)}),
    }


@dataclass
class Report:
    """What the check found: files with a copied run, and the site's share of shared 6-grams."""

    files: int
    sequences: int
    shared: int
    copied: list[tuple[str, str]]  # (file, the first shared 10-word run)

    @property
    def share(self) -> float:
        return self.shared / self.sequences if self.sequences else 0.0

    @property
    def ok(self) -> bool:
        return not self.copied and self.share <= MAX_SHARE

    def summary(self) -> str:
        verdict = "ok" if self.ok else "too close to the source"
        return (f"originality: {self.files} files, {self.sequences} six-word sequences, {self.share:.1%} also in "
                f"the source (limit {MAX_SHARE:.0%}), {len(self.copied)} files with a run of {MAX_RUN}+ shared "
                f"words: {verdict}")


def text_files(paths: list[Path]) -> list[Path]:
    """The text files under the given files and folders."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(f for f in path.rglob("*") if f.is_file() and f.suffix in TEXT_SUFFIXES)
        elif path.is_file():
            found.append(path)
    return found


def check(paths: list[Path], print_with: dict) -> Report:
    """Compare every text file under `paths` with a fingerprint."""
    six, ten = set(print_with[str(NGRAM)]), set(print_with[str(MAX_RUN)])
    report = Report(0, 0, 0, [])
    for path in text_files(paths):
        seq = words(path.read_text(encoding="utf-8", errors="replace"))
        report.files += 1
        sixes = grams(seq, NGRAM)
        report.sequences += len(sixes)
        report.shared += sum(digest(g) in six for g in sixes)
        run = next((g for g in grams(seq, MAX_RUN) if digest(g) in ten), None)
        if run:
            report.copied.append((str(path), " ".join(run)))
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    checking = commands.add_parser("check", help="compare the site's prose with the committed fingerprint")
    checking.add_argument("paths", nargs="*", type=Path, default=[ROOT / "docs", ROOT / "data"])
    making = commands.add_parser("fingerprint", help="write the fingerprint of a source article")
    making.add_argument("source", type=Path)
    making.add_argument("-o", "--output", type=Path, default=FINGERPRINT)
    args = parser.parse_args()
    if args.command == "fingerprint":
        data = fingerprint(args.source.read_text(encoding="utf-8"))
        args.output.write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")
        print(f"{args.output}: {data['words']} words, {len(data[str(NGRAM)])} + {len(data[str(MAX_RUN)])} hashes")
        return 0
    report = check(args.paths, json.loads(FINGERPRINT.read_text(encoding="utf-8")))
    for path, run in report.copied:
        print(f"COPIED {path}: {MAX_RUN} words shared with the source: \"{run}\"")
    print(report.summary())
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
