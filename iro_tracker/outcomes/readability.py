"""How hard a letter to a child is to read, against a target for the child's age band.

No Django: the letter's text goes in, a ``Reading`` comes out.

**The measure** is the Flesch-Kincaid grade (a US school grade; a reading age is roughly the
grade plus 5): 0.39 × words per sentence + 11.8 × syllables per word − 15.59. Words and
sentences are counted by textstat. Syllables are counted with Pyphen's en_US hyphenation
dictionary, which is textstat's own fallback: textstat 0.7.13 otherwise looks English words up
in NLTK's CMU dictionary and downloads it from the internet on first use, which a server that
holds children's data must not do (and cannot, here). Pyphen undercounts a few words by one
syllable, so the grades are slightly kinder than textstat's; the targets below allow for it.

**The targets** (decisions; issue 7 only asks for a warning above the age band):

- under 8: grade 2.5 or below (reading age about 7-8). Most of these letters are read to the
  child by a carer, so the target is what a carer can read aloud without rewording.
- 8 to 12: grade 4.5 or below (reading age about 9-10): many children in care read below
  their age, so the target sits at the bottom of the band.
- 13 and over: grade 6.5 or below (reading age about 11-12), under the plain-English target
  of about grade 8 for adults.

Before scoring, email addresses, web addresses and phone numbers are taken out: a child reads
them, but they are not words and would skew the score either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pyphen
import textstat

TARGETS = {"under_8": 2.5, "8_to_12": 4.5, "13_plus": 6.5}
BAND_WORDS = {"under_8": "a child under 8", "8_to_12": "a child of 8 to 12", "13_plus": "13+"}
LONG_SENTENCE_WORDS = {"under_8": 12, "8_to_12": 16, "13_plus": 20}

_NOT_WORDS = re.compile(
    r"\S+@\S+|https?://\S+|www\.\S+|\b\d[\d ]{5,}\d\b",
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


@cache
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


def syllables(word: str) -> int:
    """Syllables in ``word`` (Pyphen hyphenation points + 1; at least 1)."""
    return len(_dictionary().positions(word.lower())) + 1


def _clean(text: str) -> str:
    text = _NOT_WORDS.sub(" ", text)
    # A list item or a line without a full stop is still a sentence to the reader.
    lines = [line.strip(" -•\t") for line in text.splitlines()]
    return " ".join(line if line[-1:] in ".!?:" else f"{line}." for line in lines if line.strip())


@dataclass(frozen=True)
class Reading:
    grade: float
    target: float
    band: str
    words: int
    long_sentences: tuple[str, ...]

    @property
    def too_hard(self) -> bool:
        return self.grade > self.target

    @property
    def reading_age(self) -> int:
        return max(5, round(self.grade + 5))

    @property
    def summary(self) -> str:
        """The sentence the IRO sees beside the letter."""
        score = f"This letter reads at grade {self.grade:.1f} (a reading age of about "
        score += f"{self.reading_age})."
        target = f" The target for {BAND_WORDS[self.band]} is grade {self.target:.1f} or below."
        return score + target


def grade(text: str) -> float:
    """The Flesch-Kincaid grade of ``text`` (0.0 for text with no words)."""
    cleaned = _clean(text)
    words = _WORD.findall(cleaned)
    if not words:
        return 0.0
    per_sentence = textstat.words_per_sentence(cleaned)
    per_word = sum(syllables(w) for w in words) / len(words)
    return round(0.39 * per_sentence + 11.8 * per_word - 15.59, 1)


def check(text: str, band: str) -> Reading:
    """Score ``text`` against the target of ``band`` and list the sentences worth shortening."""
    limit = LONG_SENTENCE_WORDS[band]
    sentences = [s.strip() for s in _SENTENCE_END.split(_clean(text)) if s.strip()]
    long_ones = tuple(s for s in sentences if len(_WORD.findall(s)) > limit)
    return Reading(
        grade=grade(text),
        target=TARGETS[band],
        band=band,
        words=len(_WORD.findall(_clean(text))),
        long_sentences=long_ones,
    )
