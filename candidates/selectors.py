import re
from dataclasses import dataclass

from django.contrib.postgres.search import TrigramSimilarity
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import (
    BooleanField,
    Expression,
    F,
    FloatField,
    Func,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Concat, Greatest, Lower
from django.shortcuts import get_object_or_404
from rapidfuzz import fuzz

from accounts.models import User
from candidates.models import Candidate, CandidateSkill, Engagement, Skill
from core.access import can_write, team_filter

TOP_SKILLS = 5

_SPACES = re.compile(r"\s+")


def skill_normalise(text: str) -> str:
    """Case, surrounding and repeated spaces do not distinguish skills: " Node  JS" == "node js"."""
    return _SPACES.sub(" ", text).strip().casefold()


def skill_lookup_keys(name: str, aliases: str) -> str:
    keys = [skill_normalise(name), *(skill_normalise(a) for a in aliases.split(","))]
    unique = dict.fromkeys(k for k in keys if k)
    return "|" + "|".join(unique) + "|"


def skill_resolve(text: str) -> Skill | None:
    """The skill a salesperson means by `text`: its name or any alias, in any case or spacing."""
    key = skill_normalise(text)
    if not key or "|" in key:
        return None
    return Skill.objects.filter(lookup_keys__contains=f"|{key}|").order_by("pk").first()


# A near match scores at least this (0–1). The scales differ: "Postgres" ~ "PostgreSQL" is 0.67
# on PostgreSQL's trigrams and 0.89 with rapidfuzz, while two-letter names ("TS", "TF") are 0.2
# apart on trigrams but 0.5 with rapidfuzz; "Go" ~ "Google Cloud" stays under both.
NEAR_MATCH_MIN = 0.5
NEAR_MATCH_MIN_RAPIDFUZZ = 0.75


def skill_near_matches(text: str, *, limit: int = 5) -> list[Skill]:
    """The skills `text` probably means, best first: the one it names exactly (name or alias,
    "k8s" → Kubernetes), then those whose name or an alias is close ("Apache Kafka" → Kafka,
    "Postgres" → PostgreSQL). Skills merged into another are never offered.

    PostgreSQL scores with pg_trgm (migration 0005); elsewhere rapidfuzz scores the same pairs."""
    key = skill_normalise(text)
    if not key or "|" in key:
        return []
    exact = skill_resolve(key)
    if connection.vendor == "postgresql":
        near = _near_by_trigrams(key, limit)
    else:
        near = _near_by_rapidfuzz(key, limit)
    found = ([exact] if exact is not None else []) + [s for s in near if s != exact]
    return found[:limit]


class _StrictWordSimilarity(Func):
    """strict_word_similarity(a, b): how well `a` matches whole words of `b` ("kafka" in "apache
    kafka" is 1.0). Django's TrigramStrictWordSimilarity takes the literal first; this one either."""

    function = "strict_word_similarity"
    output_field = FloatField()


def _near_by_trigrams(key: str, limit: int) -> list[Skill]:
    score = Greatest(
        TrigramSimilarity(Lower("name"), key),
        _StrictWordSimilarity(Lower("name"), Value(key)),
        _StrictWordSimilarity(Value(key), "lookup_keys"),
    )
    return list(
        Skill.objects.filter(merged_into__isnull=True)
        .annotate(near_score=score)
        .filter(near_score__gte=NEAR_MATCH_MIN)
        .order_by("-near_score", "name")[:limit]
    )


def _near_by_rapidfuzz(key: str, limit: int) -> list[Skill]:
    """The skill list is a few hundred short names: scoring them all in Python is instant."""
    scored = []
    for skill in Skill.objects.filter(merged_into__isnull=True).only("name", "lookup_keys"):
        keys = skill.lookup_keys.strip("|").split("|")
        best = max(max(fuzz.ratio(key, k), fuzz.token_set_ratio(key, k)) for k in keys) / 100
        if best >= NEAR_MATCH_MIN_RAPIDFUZZ:
            scored.append((-best, skill.name, skill))
    scored.sort(key=lambda item: item[:2])
    return [skill for _, _, skill in scored[:limit]]


def candidates_visible_to(user: User) -> QuerySet[Candidate]:
    """Candidates are firm-wide: every signed-in user may read every active candidate."""
    return Candidate.objects.filter(archived=False).select_related("owner")


def get_candidate_for_user(user: User, pk: int, *, write: bool = False) -> Candidate:
    candidate = get_object_or_404(Candidate.objects.select_related("owner"), pk=pk)
    if write and not candidate_can_write(user, candidate):
        raise PermissionDenied(
            "Only the candidate's owner and their team's managers can change it."
        )
    return candidate


def candidate_can_write(user: User, candidate: Candidate) -> bool:
    """The owner, the managers of the owner's team and superusers change a candidate."""
    return can_write(user, team_id=candidate.owner.team_id, owner_id=candidate.owner_id)


@dataclass(frozen=True)
class CandidateSearch:
    candidates: QuerySet[Candidate]
    skill: Skill | None  # the skill `q` names, when it names one


def candidate_search(user: User, *, q: str = "", status: str = "") -> CandidateSearch:
    """Active candidates matching `q` by name, headline or skill (any alias), in one query.

    Each row carries `top_skills` (its best few skills with years) and, when `q` names a skill,
    `matched_years`: the candidate's years with that skill.
    """
    candidates = candidates_visible_to(user)
    if status:
        candidates = candidates.filter(status=status)
    text = " ".join(q.split())
    skill = skill_resolve(text) if text else None
    if text:
        candidates = candidates.filter(_PkAmong(_matching_ids(text, skill)))
        if skill is not None:
            has_skill = CandidateSkill.objects.filter(candidate=OuterRef("pk"), skill=skill)
            years = has_skill.values("years")[:1]
            candidates = candidates.annotate(matched_years=Subquery(years))
    top_skills = CandidateSkill.objects.select_related("skill").order_by("-years", "skill__name")
    candidates = candidates.prefetch_related(
        Prefetch("skills", queryset=top_skills[:TOP_SKILLS], to_attr="top_skills")
    )
    return CandidateSearch(candidates=candidates, skill=skill)


class _PkAmong(Expression):
    """`pk IN (ids)`; on PostgreSQL `pk = ANY(ARRAY(ids))`, which runs `ids` once and fetches the
    rows through the primary key, whatever the planner guesses about how many ids there are (an
    `IN` may be planned as a hash join that reads the whole candidate table)."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, ids: QuerySet):
        super().__init__()
        self.pk, self.ids = F("pk"), Subquery(ids)

    def get_source_expressions(self):
        return [self.pk, self.ids]

    def set_source_expressions(self, exprs):
        self.pk, self.ids = exprs

    def as_sql(self, compiler, connection, template="%s IN %s"):
        pk_sql, pk_params = compiler.compile(self.pk)
        ids_sql, ids_params = compiler.compile(self.ids)
        return template % (pk_sql, ids_sql), (*pk_params, *ids_params)

    def as_postgresql(self, compiler, connection):
        return self.as_sql(compiler, connection, template="%s = ANY(ARRAY%s)")


def _matching_ids(text: str, skill: Skill | None) -> QuerySet:
    """Ids of the candidates whose name or headline holds `text`, or who have `skill`.

    One arm per index, joined by UNION rather than OR: PostgreSQL answers each arm from its own
    index (trigram GIN on the upper-cased name and headline, (skill, candidate) B-tree), where an
    OR with an EXISTS would make it read every candidate (migration 0003)."""
    named = Candidate.objects.alias(name_text=Concat("first_name", Value(" "), "last_name")).filter(
        name_text__icontains=text
    )
    arms = [
        named.order_by().values("pk"),
        Candidate.objects.filter(headline__icontains=text).order_by().values("pk"),
    ]
    if skill is not None:
        skilled = CandidateSkill.objects.filter(skill=skill).order_by()
        arms.append(skilled.values("candidate_id"))
    return arms[0].union(*arms[1:]).order_by()


def candidate_profile_for(user: User, pk: int) -> Candidate:
    """Everything the profile shows, in a fixed number of queries whatever the candidate's size.

    Skills, engagements and references are firm-wide; reference calls and submittals are team
    data, so only those of the user's team come along. candidates sits below joborders and
    references, so their models are reached through the reverse relations, not imported.
    """
    submittal_model = _related_model(Candidate, "submittals")
    reference_model = _related_model(Candidate, "references")
    call_model = _related_model(reference_model, "calls")
    calls = (
        call_model.objects.filter(team_filter(user))
        .select_related("called_by", "job_order")
        .order_by("-called_at")
    )
    references = reference_model.objects.select_related("engagement").prefetch_related(
        Prefetch("calls", queryset=calls, to_attr="team_calls")
    )
    submittals = (
        submittal_model.objects.filter(team_filter(user, "job_order__team"))
        .select_related("job_order__client")
        .order_by("-submitted_at")
    )
    return get_object_or_404(
        Candidate.objects.select_related("owner").prefetch_related(
            Prefetch("skills", queryset=CandidateSkill.objects.select_related("skill")),
            Prefetch("engagements", queryset=engagements_with_skills()),
            Prefetch("references", queryset=references),
            Prefetch("submittals", queryset=submittals, to_attr="team_submittals"),
        ),
        pk=pk,
    )


def candidate_skills(candidate: Candidate) -> QuerySet[CandidateSkill]:
    return candidate.skills.select_related("skill")


def engagements_with_skills() -> QuerySet[Engagement]:
    """Most recent first; a current engagement (no end date) before a finished one that began
    the same day."""
    return Engagement.objects.prefetch_related("skills").order_by(
        "-start_date", F("end_date").desc(nulls_first=True), "-pk"
    )


def candidate_engagements(candidate: Candidate) -> QuerySet[Engagement]:
    return engagements_with_skills().filter(candidate=candidate)


def get_engagement(candidate: Candidate, pk: int) -> Engagement:
    """One of the candidate's engagements: another candidate's engagement is a 404 here."""
    return get_object_or_404(
        Engagement.objects.prefetch_related("skills"), pk=pk, candidate=candidate
    )


def get_candidate_skill(candidate: Candidate, pk: int) -> CandidateSkill:
    return get_object_or_404(
        CandidateSkill.objects.select_related("skill"), pk=pk, candidate=candidate
    )


def _related_model(model, name: str):
    return model._meta.get_field(name).related_model


def skill_suggestions(text: str, *, limit: int = 10) -> list[Skill]:
    """The near matches first (the skill the text names, then close spellings), then skills whose
    name or an alias starts a word with what was typed, then those that merely contain it."""
    key = skill_normalise(text)
    if not key or "|" in key:
        return []
    found = skill_near_matches(key, limit=limit)
    starts = Skill.objects.filter(lookup_keys__contains=f"|{key}").exclude(
        pk__in=[s.pk for s in found]
    )
    found += list(starts.order_by("name")[: limit - len(found)])
    if len(found) >= limit:
        return found
    anywhere = Skill.objects.filter(lookup_keys__contains=key).exclude(pk__in=[s.pk for s in found])
    return found + list(anywhere.order_by("name")[: limit - len(found)])
