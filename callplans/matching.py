"""Which of the candidate's engagements look like a requirement: shared words and skills.

On PostgreSQL the words are its English full-text lexemes (stemmed, stop words dropped), read in
one query per side; elsewhere a plain tokenizer with a small stop list and suffix trimming. Either
way the ranking itself is a token overlap computed here, so both databases rank alike."""

import re
from collections.abc import Iterable

from django.db import connection

_WORD = re.compile(r"[a-z0-9][a-z0-9+#.]*[a-z0-9+#]|[a-z0-9]")
_STOP = frozenset(
    [
        "a",
        "no",
        "not",
        "under",
        "below",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "over",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "up",
        "was",
        "were",
        "will",
        "with",
        "within",
        "without",
        "we",
        "you",
        "your",
        "per",
        "than",
        "then",
    ]
)
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ed", "es", "s")


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def simple_terms(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in _WORD.findall(text.casefold()) if w not in _STOP)


_LEXEME = re.compile(r"'((?:[^']|'')+)'")


def terms_for(texts: list[str]) -> list[frozenset[str]]:
    """The terms of each text, in order."""
    if not texts:
        return []
    if connection.vendor != "postgresql":
        return [simple_terms(t) for t in texts]
    placeholders = ", ".join(["(%s, %s)"] * len(texts))
    params = [p for i, t in enumerate(texts) for p in (i, t)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT i, to_tsvector('english', t)::text FROM (VALUES {placeholders}) AS v(i, t) "
            "ORDER BY i",
            params,
        )
        rows = cursor.fetchall()
    return [frozenset(m.replace("''", "'") for m in _LEXEME.findall(vector)) for _, vector in rows]


def overlap_score(
    requirement_terms: frozenset[str],
    engagement_terms: frozenset[str],
    shared_skills: Iterable[str] = (),
) -> tuple[float, tuple[str, ...]]:
    """A score in [0, 1+]: the share of the requirement's words found in the engagement, plus a
    bonus per skill both need. Returns the matched words for the salesperson to judge."""
    matched = tuple(sorted(requirement_terms & engagement_terms))
    words = len(matched) / len(requirement_terms) if requirement_terms else 0.0
    return words + 0.25 * len(tuple(shared_skills)), matched
