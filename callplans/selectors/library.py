"""Reading the team library, each entry with its record: how often plans used it, how often the
client raised the objection on a feedback call and how well it was handled, and how many of the
plans that used it reached an offer. One query per kind of entry, whatever the library's size."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from accounts.models import User
from callplans.models import ClosingQuestion, FeedbackCall, LibraryStatus, ObjectionTemplate
from core.access import get_for_user

H = "uses__raised__handled"
OFFER = FeedbackCall.Outcome.OFFER

TEMPLATE_SORTS = {
    "used": "-times_used",
    "raised": "-times_raised",
    "handled": "-handled_yes",
    "offers": "-offers",
    "category": "category",
}


@dataclass(frozen=True)
class RebuttalRecord:
    used: int
    raised: int
    handled_yes: int
    handled_partly: int
    handled_no: int
    offers: int

    @property
    def summary(self) -> str:
        """“used in 7 plans, raised 6×, handled well 5×, 4 offers”."""
        if not self.used:
            return "not used in a plan yet"
        return (
            f"used in {self.used} plan{'s' if self.used != 1 else ''}, raised {self.raised}×, "
            f"handled well {self.handled_yes}×, {self.offers} offer{'s' if self.offers != 1 else ''}"
        )


def with_records(templates: QuerySet[ObjectionTemplate]) -> QuerySet[ObjectionTemplate]:
    """Annotate each template with its record. Distinct counts keep the two joins (raised
    objections, the plans' feedback calls) from multiplying each other."""
    return templates.annotate(
        times_used=Count("uses", distinct=True),
        times_raised=Count("uses__raised", distinct=True),
        handled_yes=Count("uses__raised", filter=Q(**{H: "yes"}), distinct=True),
        handled_partly=Count("uses__raised", filter=Q(**{H: "partly"}), distinct=True),
        handled_no=Count("uses__raised", filter=Q(**{H: "no"}), distinct=True),
        offers=Count(
            "uses__plan", filter=Q(uses__plan__feedback_calls__outcome=OFFER), distinct=True
        ),
    )


def record_of(template: ObjectionTemplate) -> RebuttalRecord:
    return RebuttalRecord(
        used=template.times_used,
        raised=template.times_raised,
        handled_yes=template.handled_yes,
        handled_partly=template.handled_partly,
        handled_no=template.handled_no,
        offers=template.offers,
    )


def library_templates(team_id: int, *, q: str = "", sort: str = "") -> QuerySet[ObjectionTemplate]:
    templates = ObjectionTemplate.objects.filter(team_id=team_id).select_related(
        "skill", "proposed_by", "merged_into"
    )
    if q:
        templates = templates.filter(
            Q(text__icontains=q) | Q(rebuttal__icontains=q) | Q(skill__name__icontains=q)
        )
    order = TEMPLATE_SORTS.get(sort)
    ordering = [order, "category", "position", "id"] if order else ["category", "position", "id"]
    return with_records(templates).order_by(*ordering)


QUESTION_SORTS = {"asked": "-times_asked", "offers": "-offers"}


def library_questions(team_id: int, *, q: str = "", sort: str = "") -> QuerySet[ClosingQuestion]:
    questions = ClosingQuestion.objects.filter(team_id=team_id).select_related(
        "proposed_by", "merged_into"
    )
    if q:
        questions = questions.filter(text__icontains=q)
    order = QUESTION_SORTS.get(sort)
    return questions.annotate(
        times_asked=Count("feedback_calls", distinct=True),
        offers=Count("feedback_calls", filter=Q(feedback_calls__outcome=OFFER), distinct=True),
    ).order_by(*([order] if order else []), "position", "id")


def get_template_for_user(user: User, pk: int) -> ObjectionTemplate:
    """A template of the user's team (404 otherwise); who may change it is the view's question."""
    return get_for_user(ObjectionTemplate.objects.select_related("team"), user, pk)


def get_question_for_user(user: User, pk: int) -> ClosingQuestion:
    return get_for_user(ClosingQuestion.objects.select_related("team"), user, pk)


def active_template_of_team(team_id: int, pk: int | None) -> ObjectionTemplate | None:
    """The active library entry a suggestion was built from, if it still is one."""
    if pk is None:
        return None
    return ObjectionTemplate.objects.filter(
        team_id=team_id, pk=pk, status=LibraryStatus.ACTIVE
    ).first()
