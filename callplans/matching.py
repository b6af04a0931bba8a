"""Which of the candidate's engagements look like a requirement: shared words and skills.

On PostgreSQL the words are its English full-text lexemes (stemmed, stop words dropped), read in
the rows' own queries (`lexemes`) or in one query for loose texts (`terms_for`); elsewhere a plain tokenizer with a small stop list and suffix trimming. Either
way the ranking itself is a token overlap computed here, so both databases rank alike."""

import re
from collections.abc import Iterable

from django.db import connection
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Concat

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


def lexemes(*fields: str) -> Func | None:
    """On PostgreSQL, an expression for the English lexemes of `fields` joined by spaces (as
    `terms_for` reads them), to annotate the rows' own query instead of a query of its own;
    None elsewhere (the rows' text goes through `simple_terms`)."""
    if connection.vendor != "postgresql":
        return None
    text = F(fields[0])
    if len(fields) > 1:
        parts = [F(fields[0])]
        for name in fields[1:]:
            parts += [Value(" "), F(name)]
        text = Concat(*parts, output_field=TextField())
    return Func(
        text, template="to_tsvector('english', %(expressions)s)::text", output_field=TextField()
    )


def terms_of(text: str, vector: str | None) -> frozenset[str]:
    """The terms of `text`: from its lexemes annotated by `lexemes` when there are some (None
    off PostgreSQL), else the plain tokenizer's; the same as `terms_for([text])[0]`."""
    if vector is None:
        return simple_terms(text)
    return frozenset(m.replace("''", "'") for m in _LEXEME.findall(vector))


def overlap_score(
    requirement_terms: frozenset[str],
    engagement_terms: frozenset[str],
    shared_skills: Iterable[str | int] = (),
) -> tuple[float, tuple[str, ...]]:
    """A score in [0, 1+]: the share of the requirement's words found in the engagement, plus a
    bonus per skill both need. Returns the matched words for the salesperson to judge."""
    matched = tuple(sorted(requirement_terms & engagement_terms))
    words = len(matched) / len(requirement_terms) if requirement_terms else 0.0
    return words + 0.25 * len(tuple(shared_skills)), matched


_TEXT_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9+#.]*[A-Za-z0-9+#]|[A-Za-z0-9]")


def shown_words(terms: tuple[str, ...], *texts: str) -> tuple[str, ...]:
    """The words of `texts` (first text first, as written) that the matched `terms` stand for.

    Terms are stems ("releas", "pipelin") a reader should never see. A word stands for a term when
    it is the term, stems to it here, or begins with it (PostgreSQL's stemmer also turns a final
    "y" into "i": "deliveri" stands for "delivery")."""
    shown: dict[str, str] = {}
    for text in texts:
        for word in _TEXT_WORD.findall(text or ""):
            folded = word.casefold()
            if folded in shown or folded in _STOP:
                continue
            for term in terms:
                stem = term[:-1] + "y" if term.endswith("i") else term
                if (
                    folded == term
                    or _stem(folded) == term
                    or (len(term) >= 3 and (folded.startswith(term) or folded.startswith(stem)))
                ):
                    shown[folded] = word
                    break
    return tuple(shown.values())
