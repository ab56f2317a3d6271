"""Word count and reading time.

Words are counted the way a reader would see them: whitespace-separated tokens that
hold at least one letter or digit (so "—", "•" or "|" do not count, "U.S." and "2024"
do). Scripts written without spaces between words (Chinese, Japanese kana/kanji, Thai,
Lao, Khmer, Myanmar) are counted as one word per two characters, a rough average for
Chinese and Japanese words; Korean Hangul uses spaces and is counted as tokens.

Reading time is ``max(1, round(words / WORDS_PER_MINUTE))``. The figure 230 words per
minute is a common newsroom figure and sits just under the average silent reading
rate of adults for English non-fiction (238 wpm) in Brysbaert (2019), "How many words
do we read per minute? A review and meta-analysis of reading rate", Journal of Memory
and Language 109.
"""

from __future__ import annotations

import re

WORDS_PER_MINUTE = 230
"""Silent reading speed used for ``reading_minutes`` (Brysbaert 2019: ~238 wpm, non-fiction)."""

# Scripts written without spaces between words.
_NO_SPACE_CHARS = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u31f0-\u31ff"
    "\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff\U00020000-\U0002fa1f]"
)
_WORDISH = re.compile(r"[^\W_]")


def word_count(text: str) -> int:
    """Count words as a reader would (see module docstring)."""
    words = 0
    no_space_chars = 0
    for token in text.split():
        n = len(_NO_SPACE_CHARS.findall(token))
        if n:
            no_space_chars += n
            rest = _NO_SPACE_CHARS.sub("", token)
            if _WORDISH.search(rest):
                words += 1
        elif _WORDISH.search(token):
            words += 1
    return words + (no_space_chars + 1) // 2


def reading_minutes(words: int) -> int:
    """Minutes to read ``words`` words at ``WORDS_PER_MINUTE``, at least 1."""
    return max(1, round(words / WORDS_PER_MINUTE))
