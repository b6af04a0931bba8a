"""Global search: one box for job orders, clients, contacts, candidates and call plans.

Each kind is one query, whatever the data's size: the rows the user may see (the same rules as
each kind's own list), every typed word found in one of the kind's names, best first (the whole
name, then a name that starts with the text, then the rest, by name). Django's `icontains` is
the matching on both databases; on PostgreSQL the candidate names use the trigram indexes of
the candidate search."""

from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.urls import reverse

from accounts.models import User
from callplans.selectors import callplans_visible_to
from candidates.selectors import candidates_visible_to
from core.access import team_filter
from joborders.models import Client, ClientContact, JobOrder

MAX_WORDS = 6
SHORTEST = 2


@dataclass(frozen=True)
class Hit:
    title: str
    detail: str
    url: str


@dataclass(frozen=True)
class Group:
    kind: str
    label: str
    hits: tuple[Hit, ...]
    more: bool  # there were more than shown


@dataclass(frozen=True)
class Results:
    q: str
    groups: tuple[Group, ...]

    @property
    def count(self) -> int:
        return sum(len(g.hits) for g in self.groups)


def words_of(q: str) -> list[str]:
    return [w for w in q.split() if len(w) >= SHORTEST][:MAX_WORDS]


def _matching(queryset: QuerySet, fields: tuple[str, ...], words: list[str], q: str) -> QuerySet:
    """Rows where each word is in one of `fields`, ranked by the first field against `q`."""
    each_word = [reduce(or_, (Q(**{f"{f}__icontains": w}) for f in fields)) for w in words]
    first = fields[0]
    rank = Case(
        When(**{f"{first}__iexact": q}, then=Value(3)),
        When(**{f"{first}__istartswith": q}, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return queryset.filter(reduce(and_, each_word)).annotate(_rank=rank).order_by("-_rank", first)


def _job_order_hit(job: JobOrder) -> Hit:
    return Hit(
        job.title,
        f"{job.client.name} · {job.get_status_display()}",
        reverse("joborders:detail", args=[job.pk]),
    )


def _client_url(client_id: int) -> str:
    return f"{reverse('joborders:list')}?client={client_id}&status=&owner="


def _client_hit(client: Client) -> Hit:
    return Hit(client.name, client.industry or "Client: its job orders", _client_url(client.pk))


def _contact_hit(contact: ClientContact) -> Hit:
    detail = " · ".join(p for p in (contact.title, contact.client.name, contact.phone) if p)
    return Hit(contact.name, detail, _client_url(contact.client_id))


def _candidate_hit(candidate) -> Hit:
    detail = " · ".join(p for p in (candidate.headline, candidate.location) if p)
    return Hit(str(candidate), detail, reverse("candidates:detail", args=[candidate.pk]))


def _plan_hit(plan) -> Hit:
    job = plan.submittal.job_order
    return Hit(
        f"{plan.submittal.candidate} → {job.title}",
        f"{job.client.name} · {plan.get_status_display()}",
        reverse("callplans:detail", args=[plan.pk]),
    )


def global_search(user: User, q: str, *, per_kind: int = 5) -> Results:
    """The best `per_kind` hits of each kind the user may see; five queries, or none for a
    text too short to search."""
    q = " ".join(q.split())
    words = words_of(q)
    if not words:
        return Results(q=q, groups=())
    kinds = (
        (
            "joborders",
            "Job orders",
            JobOrder.objects.filter(team_filter(user), archived=False).select_related("client"),
            ("title", "client__name"),
            _job_order_hit,
        ),
        (
            "clients",
            "Clients",
            Client.objects.filter(team_filter(user)),
            ("name", "industry"),
            _client_hit,
        ),
        (
            "contacts",
            "Contacts",
            ClientContact.objects.filter(team_filter(user, "client__team")).select_related(
                "client"
            ),
            ("name", "email", "title", "client__name"),
            _contact_hit,
        ),
        (
            "candidates",
            "Candidates",
            candidates_visible_to(user),
            ("last_name", "first_name", "email", "headline"),
            _candidate_hit,
        ),
        (
            "plans",
            "Call plans",
            callplans_visible_to(user),
            (
                "submittal__candidate__last_name",
                "submittal__candidate__first_name",
                "submittal__job_order__title",
                "submittal__job_order__client__name",
            ),
            _plan_hit,
        ),
    )
    groups = []
    for kind, label, queryset, fields, hit in kinds:
        rows = list(_matching(queryset, fields, words, q)[: per_kind + 1])
        if rows:
            hits = tuple(hit(row) for row in rows[:per_kind])
            groups.append(Group(kind, label, hits, more=len(rows) > per_kind))
    return Results(q=q, groups=tuple(groups))
