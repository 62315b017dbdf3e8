"""The originality check's sentence rule: a sentence of 8 or more words that keeps most of one source sentence's
3-word sequences (a close rewording) fails, from a fingerprint that holds short hashes, never the source's text."""

from __future__ import annotations

import json
import re

from scripts import originality

# A stand-in source (never the real article): two sentences of made-up prose.
SOURCE = (
    "When a friend trusts us with a worry, we ought to hold it gently and keep it to ourselves. "
    "Lanterns on the harbour wall aren't lit until the last boat is home."
)


def test_a_closely_reworded_sentence_is_caught_and_our_own_words_pass(tmp_path):
    print_with = originality.fingerprint(SOURCE)
    page = tmp_path / "page.md"
    # A few words swapped and a contraction spelled out: still the source's sentence.
    page.write_text(
        "# A page\n\nWhen a friend trusts you with a worry, you ought to hold it gently and keep it to "
        "yourself.\n\nThe lanterns on the harbour wall are not lit until the last boat is home.\n"
    )
    report = originality.check([tmp_path], print_with)
    assert [sentence for _, sentence in report.reworded] == [
        "when a friend trusts you with a worry you ought to hold it gently and keep it to yourself",
        "the lanterns on the harbour wall are not lit until the last boat is home",
    ]
    assert not report.copied and not report.ok
    assert "2 sentences of 8+ words closely reworded" in report.summary()
    # The same ideas in our own words, and a short sentence that shares a phrase, pass.
    page.write_text(
        "If a mate tells you what is bothering them, be gentle with it and don't spread it.\n\n"
        "Hold it gently.\n\nNobody lights the harbour lamps before every boat is back.\n"
    )
    assert originality.check([tmp_path], print_with).ok


def test_a_sentence_sharing_half_its_sequences_or_less_passes():
    source = [originality.shingles(originality.words("one two three four five six seven eight nine ten"))]
    half = originality.words("one two three four five six xa xb xc xd xe xf")  # 4 of its 10 sequences shared
    most = originality.words("one two three four five six seven xa xb xc")  # 5 of 8 shared
    assert originality.closest_sentence(half, source) == 0.4 and originality.reworded(" ".join(half), source) == []
    assert originality.closest_sentence(most, source) == 5 / 8 and originality.reworded(" ".join(most), source)


def test_the_committed_fingerprint_holds_short_hashes_only_and_catches_an_old_rewording(tmp_path):
    print_with = json.loads(originality.FINGERPRINT.read_text(encoding="utf-8"))
    sentences = print_with["sentences"]
    assert len(sentences) > 100
    # Short hashes, sorted within each sentence and sentences sorted: neither words nor their order.
    assert all(re.fullmatch(rf"[0-9a-f]{{{originality.SHINGLE_HEX}}}", h) for s in sentences for h in s)
    assert all(s == sorted(s) for s in sentences) and sentences == sorted(sentences)
    # A sentence this site once carried, a close rewording of one of the article's.
    old = 'Intimacy is not only "real" when it has been built over months, years or decades.'
    (tmp_path / "old.md").write_text(old + "\n")
    assert originality.check([tmp_path], print_with).reworded
