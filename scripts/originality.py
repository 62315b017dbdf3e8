#!/usr/bin/env python3
"""Check that the site's prose is our own writing, against a fingerprint of the source article.

The article is copyrighted, so the repository keeps only a fingerprint of it: salted hashes of its
6-word and 10-word sequences, and for each of its sentences the set of its 3-word sequences, hashed
short (tests/fixtures/source-fingerprint.json), never its text. The rules are the project's
originality rules: no file may share a run of 10 or more words with the source, at most 4% of the
site's 6-word sequences may also stand in it, and no sentence of 8 or more words may share most of
its 3-word sequences with one sentence of the source (a close rewording: a few words swapped, the
rest kept).

    python scripts/originality.py check [docs data]          # what `make test` runs
    python scripts/originality.py fingerprint PATH/TO/article.txt   # after the source changes
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FINGERPRINT = ROOT / "tests" / "fixtures" / "source-fingerprint.json"
TEXT_SUFFIXES = {".md", ".markdown", ".yml", ".yaml", ".html", ".txt", ".py", ".json", ".j2"}
MAX_RUN = 10  # a shared run of this many words or more is copying
NGRAM = 6
MAX_SHARE = 0.04  # at most 4% of the site's 6-grams may also stand in the source
SALT = "getting-closer/originality/1"
SENTENCE_WORDS = 8  # sentences this long or longer are compared whole
SHINGLE = 3  # ... by their 3-word sequences
MAX_SENTENCE_SHARE = 0.5  # sharing more than half of them with one source sentence is a close rewording
# A sentence's 3-word sequences are kept as a sorted set of 24-bit hashes: enough to tell one sentence
# from another, while the common 3-word phrases each hash could stand for are far too many to rebuild
# the source from, in any order.
SHINGLE_HEX = 6
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Contractions spelled out before sentences are compared ("isn't" and "is not" are one rewording apart).
_CONTRACTIONS = [
    (re.compile(pattern), full)
    for pattern, full in (
        (r"\bwon't\b", "will not"),
        (r"\bcan't\b", "can not"),
        (r"n't\b", " not"),
        (r"'re\b", " are"),
        (r"'ve\b", " have"),
        (r"'ll\b", " will"),
        (r"'m\b", " am"),
        (r"'d\b", " would"),
        (r"\b(it|that|there|what|who|here)'s\b", r"\1 is"),
    )
]
# Sentence ends, and line breaks (a list item, a heading or a YAML value ends a sentence too).
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+|\n+|\s[\u2022*-]\s")


def words(text: str) -> list[str]:
    """The words of a text as the rules count them: lower case, curly apostrophes straightened."""
    return _WORD.findall(text.lower().replace("\u2019", "'").replace("\u2018", "'"))


def digest(gram: tuple[str, ...] | list[str]) -> str:
    """A short salted hash of one word sequence (48 bits: a chance collision is one in trillions)."""
    return hashlib.sha256(f"{SALT}\n{' '.join(gram)}".encode()).hexdigest()[:12]


def grams(seq: list[str], n: int) -> list[tuple[str, ...]]:
    """Every run of n consecutive words."""
    return [tuple(seq[i : i + n]) for i in range(len(seq) - n + 1)]


def sentences(text: str) -> list[list[str]]:
    """The sentences of a text as word lists (a line break ends a sentence too), contractions spelled out."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    for pattern, full in _CONTRACTIONS:
        text = pattern.sub(full, text)
    return [seq for seq in (words(part) for part in _SENTENCE_END.split(text)) if seq]


def shingles(seq: list[str]) -> set[str]:
    """The short salted hashes of a sentence's 3-word sequences."""
    return {
        hashlib.sha256(f"{SALT}/sentence\n{' '.join(g)}".encode()).hexdigest()[:SHINGLE_HEX]
        for g in grams(seq, SHINGLE)
    }


def fingerprint(source_text: str) -> dict:
    """The fingerprint of a source text: sorted hashes of its 6-word and 10-word sequences, and of each
    sentence's 3-word sequences (one sorted set per sentence, the sentences sorted too)."""
    seq = words(source_text)
    per_sentence = sorted({tuple(sorted(shingles(s))) for s in sentences(source_text) if len(s) >= SHINGLE + 1})
    return {
        "about": "Salted hashes of the source article's word sequences (scripts/originality.py); no text.",
        "salt": SALT,
        "words": len(seq),
        str(NGRAM): sorted({digest(g) for g in grams(seq, NGRAM)}),
        str(MAX_RUN): sorted({digest(g) for g in grams(seq, MAX_RUN)}),
        "sentences": [list(s) for s in per_sentence],
    }


def closest_sentence(seq: list[str], source_sentences: list[set[str]]) -> float:
    """The largest share of a sentence's 3-word sequences found in any one source sentence."""
    own = shingles(seq)
    return max((len(own & theirs) / len(own) for theirs in source_sentences), default=0.0) if own else 0.0


def reworded(text: str, source_sentences: list[set[str]]) -> list[str]:
    """The sentences of a text (8+ words) that share most of their 3-word sequences with one source sentence."""
    return [
        " ".join(seq)
        for seq in sentences(text)
        if len(seq) >= SENTENCE_WORDS and closest_sentence(seq, source_sentences) > MAX_SENTENCE_SHARE
    ]


@dataclass
class Report:
    """What the check found: files with a copied run, closely reworded sentences, and the site's share of
    shared 6-grams."""

    files: int
    sequences: int
    shared: int
    copied: list[tuple[str, str]]  # (file, the first shared 10-word run)
    reworded: list[tuple[str, str]] = field(default_factory=list)  # (file, the sentence, in its words)

    @property
    def share(self) -> float:
        return self.shared / self.sequences if self.sequences else 0.0

    @property
    def ok(self) -> bool:
        return not self.copied and not self.reworded and self.share <= MAX_SHARE

    def summary(self) -> str:
        verdict = "ok" if self.ok else "too close to the source"
        return (
            f"originality: {self.files} files, {self.sequences} six-word sequences, {self.share:.1%} also in "
            f"the source (limit {MAX_SHARE:.0%}), {len(self.copied)} files with a run of {MAX_RUN}+ shared "
            f"words, {len(self.reworded)} sentences of {SENTENCE_WORDS}+ words closely reworded: {verdict}"
        )


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
    source_sentences = [set(s) for s in print_with.get("sentences", [])]
    report = Report(0, 0, 0, [])
    for path in text_files(paths):
        text = path.read_text(encoding="utf-8", errors="replace")
        report.reworded += [(str(path), sentence) for sentence in reworded(text, source_sentences)]
        seq = words(text)
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
        print(
            f"{args.output}: {data['words']} words, {len(data[str(NGRAM)])} + {len(data[str(MAX_RUN)])} hashes, "
            f"{len(data['sentences'])} sentences"
        )
        return 0
    report = check(args.paths, json.loads(FINGERPRINT.read_text(encoding="utf-8")))
    for path, run in report.copied:
        print(f'COPIED {path}: {MAX_RUN} words shared with the source: "{run}"')
    for path, sentence in report.reworded:
        print(f'REWORDED {path}: most of this sentence\'s 3-word sequences stand in one source sentence: "{sentence}"')
    print(report.summary())
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
