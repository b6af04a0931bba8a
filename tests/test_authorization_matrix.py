"""Every URL pattern, every role, GET and POST, against one declared table.

The URL list comes from the resolver, so a new URL cannot escape: a pattern missing from
EXPECTED fails `test_every_url_is_in_the_table`. Roles: anonymous, the owner (a salesperson of
the owning team), a teammate (same team, not the owner), a salesperson and a manager of another
team, the owning team's manager, a superuser, and the leaders who reach the owning team only
through the teams they lead (tests/factories.py `leaders_of`): a director without a home team
over it and a third team (reads and reviews, changes nothing of their salespeople's), and a
manager whose home is that third team and who leads the owning team as well. The last two
columns of each tuple are theirs.

Outcomes: "login" (redirect to the login page), "ok" (served: 2xx/3xx, or 400/409/422 — the
request was allowed and the input judged), "401" (the API's "who are you?"), "403", "404", "405"
(method not allowed).

The API (/api/v1/) is posted to here without a JSON body, so its writes answer 422 before any
record is looked at: tests/api/test_api_matrix.py sends each role a valid body instead."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from actionplans.services import sharedlink_create, sharedlink_revoke, templatesteps_customize
from api.services import apitoken_create
from callplans.models import BulkExport
from callplans.services import (
    closingquestion_create,
    objection_add,
    objectiontemplate_create,
    planevidence_link,
)
from candidates.services import skill_create, skillfamily_create
from imports.services import importrun_analyse, importrun_create
from joborders.models import Submittal
from joborders.services import lossreasons_start
from references.services import referencequestion_create
from reminders.models import Notification
from reminders.services import calendarfeed_create
from skills.services import skill_merge
from tests.factories import (
    ActionStepFactory,
    CallPlanFactory,
    CandidateFactory,
    CandidateSkillFactory,
    ClientContactFactory,
    EngagementFactory,
    InterviewFactory,
    JobOrderFactory,
    ReferenceCallFactory,
    ReferenceFactory,
    RequirementFactory,
    SkillFactory,
    SubmittalFactory,
    matrix_people,
)

ROLES = (
    "anonymous",
    "owner",
    "teammate",
    "manager",
    "outsider",
    "outside_manager",
    "superuser",
    "director",
    "manager_two_teams",
)

# One outcome per role, in ROLES order.
PUBLIC = ("ok",) * 9
ANY_USER = ("login", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok")
TEAM_READ = ("login", "ok", "ok", "ok", "404", "404", "ok", "ok", "ok")
TEAM_WRITE = ("login", "ok", "403", "ok", "404", "404", "ok", "403", "ok")
FIRM_WRITE = (
    "login",
    "ok",
    "403",
    "ok",
    "403",
    "403",
    "ok",
    "403",
    "ok",
)  # candidates are firm-wide records
MANAGERS = ("login", "403", "403", "ok", "403", "ok", "ok", "403", "ok")  # their own team's
# The review and coaching pages: managers and directors, each of their own teams.
REVIEWERS = ("login", "403", "403", "ok", "403", "ok", "ok", "ok", "ok")
MANAGERS_OF_TEAM = ("login", "403", "403", "ok", "403", "404", "ok", "403", "ok")  # others: 404
REVIEWERS_OF_TEAM = ("login", "403", "403", "ok", "403", "404", "ok", "ok", "ok")
# A superuser (and the director) has no team of their own.
MANAGERS_WITH_TEAM = ("login", "403", "403", "ok", "403", "ok", "403", "403", "ok")
TEAM_MEMBER_WRITE = ("login", "ok", "ok", "ok", "404", "404", "403", "403", "ok")  # needs a team
# The team library: any member browses and proposes (a superuser has no team to add to);
# its managers change entries, another team's get a 404.
LIBRARY_ADD = ("login", "ok", "ok", "ok", "ok", "ok", "403", "403", "ok")
LIBRARY_MANAGE = ("login", "403", "403", "ok", "404", "404", "ok", "403", "ok")
# Imports: any team member uploads into their own team; a run is seen by its team and carried
# on by whoever uploaded it and the team's managers; a superuser has no team to import into.
# Imports stay with the home team: a led team's run is a 404 to a manager of two teams.
IMPORT_ANY = ("login", "ok", "ok", "ok", "ok", "ok", "403", "403", "ok")
IMPORT_READ = ("login", "ok", "ok", "ok", "404", "404", "403", "403", "404")
IMPORT_WRITE = ("login", "ok", "403", "ok", "404", "404", "403", "403", "404")
# The team's loss reasons: every member reads their own (home) team's list (a superuser and the
# director have none); its managers change it, and another team's reason is a 404.
OWN_TEAM_READ = ("login", "ok", "ok", "ok", "ok", "ok", "404", "404", "ok")
OWN_TEAM_MANAGE = ("login", "403", "403", "ok", "403", "ok", "404", "404", "ok")
LOSS_REASON_MANAGE = ("login", "403", "403", "ok", "403", "404", "404", "404", "404")
NONE = ("login",) + ("405",) * 8  # method not allowed (anonymous is sent to log in first)
# The API answers anonymous callers 401 (JSON), not the login page; its method check comes first.
API_ANY = ("401",) + ("ok",) * 8
API_TEAM_READ = ("401", "ok", "ok", "ok", "404", "404", "ok", "ok", "ok")
API_NONE = ("405",) * 9
API_GET = {"GET": API_ANY, "POST": API_NONE}
API_GET_POST = {"GET": API_ANY, "POST": API_ANY}
API_POST = {"GET": API_NONE, "POST": API_ANY}

GET_ONLY = {"POST": NONE}
POST_ONLY = {"GET": NONE}

EXPECTED: dict[str, dict[str, tuple[str, ...]]] = {
    "dashboard": {"GET": ANY_USER, **GET_ONLY},
    "board:index": {"GET": ANY_USER, **GET_ONLY},  # each sees their own scope (tests/board)
    "coaching:index": {"GET": REVIEWERS, **GET_ONLY},  # a manager's own team (tests/coaching)
    "coaching:person": {"GET": REVIEWERS_OF_TEAM, **GET_ONLY},  # checked on the owner
    "healthz": {"GET": PUBLIC, "POST": ("405",) * 9},
    "login": {"GET": PUBLIC, "POST": PUBLIC},
    "logout": {"GET": NONE, "POST": ("login",) * 9},  # logging out lands on the login page
    "password_change": {"GET": ANY_USER, "POST": ANY_USER},
    "password_change_done": {"GET": ANY_USER, **GET_ONLY},
    "my_settings": {"GET": ANY_USER, "POST": ANY_USER},  # each person's own time zone
    "password_reset": {"GET": PUBLIC, "POST": PUBLIC},
    "password_reset_done": {"GET": PUBLIC, "POST": ("405",) * 9},
    "password_reset_confirm": {"GET": PUBLIC, "POST": PUBLIC},  # checked with a link that fails
    "password_reset_complete": {"GET": PUBLIC, "POST": ("405",) * 9},
    "accounts:team": {"GET": MANAGERS, **GET_ONLY},
    "accounts:member_invite": {"GET": MANAGERS_WITH_TEAM, "POST": MANAGERS_WITH_TEAM},
    # Checked on the owner: their manager (or a superuser) manages them, another team's manager
    # does not see them, salespeople manage nobody.
    "accounts:member_role": {**POST_ONLY, "POST": MANAGERS_OF_TEAM},
    "accounts:member_deactivate": {**POST_ONLY, "POST": MANAGERS_OF_TEAM},
    "accounts:member_reactivate": {**POST_ONLY, "POST": MANAGERS_OF_TEAM},
    "accounts:welcome": {"GET": PUBLIC, "POST": PUBLIC},  # checked with a link that fails
    "exports:export": {"GET": MANAGERS_WITH_TEAM, **GET_ONLY},
    "exports:export_json": {"GET": MANAGERS_WITH_TEAM, **GET_ONLY},
    "exports:export_csv": {"GET": MANAGERS_WITH_TEAM, **GET_ONLY},
    "imports:index": {"GET": IMPORT_ANY, "POST": IMPORT_ANY},
    "imports:run": {"GET": IMPORT_READ, **GET_ONLY},
    "imports:status": {"GET": IMPORT_READ, **GET_ONLY},
    "imports:errors": {"GET": IMPORT_READ, **GET_ONLY},
    "imports:map": {**POST_ONLY, "POST": IMPORT_WRITE},
    "imports:confirm": {**POST_ONLY, "POST": IMPORT_WRITE},
    "joborders:list": {"GET": ANY_USER, **GET_ONLY},
    "joborders:create": {"GET": ANY_USER, "POST": ANY_USER},
    "joborders:contact_options": {"GET": ANY_USER, **GET_ONLY},
    "joborders:detail": {"GET": TEAM_READ, **GET_ONLY},
    "joborders:edit": {"GET": TEAM_WRITE, "POST": TEAM_WRITE},
    "joborders:status": {**POST_ONLY, "POST": TEAM_WRITE},
    "joborders:submittal_add": {**POST_ONLY, "POST": TEAM_WRITE},
    "joborders:submittal_stage": {**POST_ONLY, "POST": TEAM_WRITE},
    "submittals:detail": {"GET": TEAM_READ, **GET_ONLY},
    "submittals:rates": {**POST_ONLY, "POST": TEAM_WRITE},
    "submittals:loss": {**POST_ONLY, "POST": TEAM_WRITE},
    "submittals:round_add": {**POST_ONLY, "POST": TEAM_WRITE},
    "submittals:round_edit": {**POST_ONLY, "POST": TEAM_WRITE},
    "submittals:round_cancel": {**POST_ONLY, "POST": TEAM_WRITE},
    "submittals:loss_reasons": {"GET": OWN_TEAM_READ, **GET_ONLY},
    "submittals:lossreason_add": {**POST_ONLY, "POST": OWN_TEAM_MANAGE},
    "submittals:lossreasons_start": {**POST_ONLY, "POST": OWN_TEAM_MANAGE},
    "submittals:lossreason_edit": {**POST_ONLY, "POST": LOSS_REASON_MANAGE},
    "submittals:lossreason_retire": {**POST_ONLY, "POST": LOSS_REASON_MANAGE},
    "joborders:requirement_add": {**POST_ONLY, "POST": TEAM_WRITE},
    "joborders:requirement_update": {**POST_ONLY, "POST": TEAM_WRITE},
    "joborders:requirement_delete": {**POST_ONLY, "POST": TEAM_WRITE},
    "joborders:requirement_move": {**POST_ONLY, "POST": TEAM_WRITE},
    "candidates:list": {"GET": ANY_USER, **GET_ONLY},
    "candidates:create": {"GET": ANY_USER, "POST": ANY_USER},
    "candidates:detail": {"GET": ANY_USER, **GET_ONLY},
    "candidates:edit": {"GET": FIRM_WRITE, "POST": FIRM_WRITE},
    "candidates:skill_add": {**POST_ONLY, "POST": FIRM_WRITE},
    "candidates:skill_update": {**POST_ONLY, "POST": FIRM_WRITE},
    "candidates:skill_remove": {**POST_ONLY, "POST": FIRM_WRITE},
    "candidates:engagement_add": {**POST_ONLY, "POST": FIRM_WRITE},
    "candidates:engagement_detail": {"GET": ANY_USER, **GET_ONLY},
    "candidates:engagement_edit": {"GET": FIRM_WRITE, "POST": FIRM_WRITE},
    "candidates:engagement_delete": {"GET": FIRM_WRITE, "POST": FIRM_WRITE},
    "candidates:skill_suggest": {"GET": ANY_USER, **GET_ONLY},
    "references:list": {"GET": ANY_USER, **GET_ONLY},
    "references:reference_add": {"GET": ANY_USER, "POST": ANY_USER},
    "references:call_new": {"GET": TEAM_MEMBER_WRITE, "POST": TEAM_MEMBER_WRITE},
    "references:call_detail": {"GET": TEAM_READ, **GET_ONLY},
    "references:call_edit": {"GET": TEAM_WRITE, "POST": TEAM_WRITE},
    "references:questions": {"GET": ANY_USER, "POST": MANAGERS_WITH_TEAM},
    "references:question_remove": {
        **POST_ONLY,
        "POST": ("login", "403", "403", "ok", "404", "404", "ok", "403", "ok"),
    },
    "callplans:list": {"GET": ANY_USER, **GET_ONLY},
    "callplans:prepare": {**POST_ONLY, "POST": TEAM_WRITE},
    "callplans:detail": {"GET": TEAM_READ, **GET_ONLY},
    "callplans:update": {**POST_ONLY, "POST": TEAM_WRITE},
    "callplans:mark_ready": {**POST_ONLY, "POST": TEAM_WRITE},
    "callplans:pdf": {"GET": TEAM_READ, **GET_ONLY},
    "callplans:practice": {"GET": TEAM_READ, "POST": TEAM_WRITE},
    "callplans:practice_closing": {"GET": TEAM_READ, "POST": TEAM_WRITE},
    # Anyone of the team role-plays a reference call and keeps their own practice.
    "callplans:reference_roleplay": {"GET": TEAM_READ, "POST": TEAM_READ},
    "callplans:objection_add": {"GET": TEAM_WRITE, "POST": TEAM_WRITE},
    "callplans:objection_edit": {"GET": TEAM_WRITE, "POST": TEAM_WRITE},
    "callplans:objection_remove": {**POST_ONLY, "POST": TEAM_WRITE},
    "callplans:objection_accept": {**POST_ONLY, "POST": TEAM_WRITE},
    "callplans:objection_up": {**POST_ONLY, "POST": TEAM_WRITE},
    "callplans:objection_down": {**POST_ONLY, "POST": TEAM_WRITE},
    "callplans:objection_to_library": {**POST_ONLY, "POST": TEAM_WRITE},
    "callplans:evidence_link": {**POST_ONLY, "POST": TEAM_WRITE},
    "callplans:evidence_unlink": {**POST_ONLY, "POST": TEAM_WRITE},
    "callplans:feedback_new": {"GET": TEAM_WRITE, "POST": TEAM_WRITE},
    "callplans:feedback_row": {"GET": TEAM_WRITE, **GET_ONLY},
    "review:list": {"GET": REVIEWERS, **GET_ONLY},
    "review:review_create": {
        **POST_ONLY,
        "POST": ("login", "403", "403", "ok", "404", "404", "ok", "ok", "ok"),
    },
    "review:export_create": {**POST_ONLY, "POST": REVIEWERS},
    "review:export_status": {"GET": REVIEWERS_OF_TEAM, **GET_ONLY},
    "review:export_download": {"GET": REVIEWERS_OF_TEAM, **GET_ONLY},
    "metrics:index": {"GET": ANY_USER, **GET_ONLY},
    "history:list": {"GET": TEAM_READ, **GET_ONLY},  # checked on a job order's history
    "history:restore": {**POST_ONLY, "POST": TEAM_WRITE},
    "library:index": {"GET": ANY_USER, **GET_ONLY},
    **{
        f"library:{kind}_add": {**POST_ONLY, "POST": LIBRARY_ADD}
        for kind in ("template", "question")
    },
    **{
        f"library:{kind}_edit": {"GET": LIBRARY_MANAGE, "POST": LIBRARY_MANAGE}
        for kind in ("template", "question")
    },
    **{
        f"library:{kind}_{action}": {**POST_ONLY, "POST": LIBRARY_MANAGE}
        for kind in ("template", "question")
        for action in ("merge", "accept", "decline", "retire", "restore", "up", "down")
    },
    # Skills are firm-wide like candidates: everyone reads the list, any team's manager curates.
    "skills:list": {"GET": ANY_USER, **GET_ONLY},
    "search:index": {"GET": ANY_USER, **GET_ONLY},
    "search:suggest": {"GET": ANY_USER, **GET_ONLY},
    "skills:create": {**POST_ONLY, "POST": MANAGERS},
    "skills:edit": {"GET": MANAGERS, "POST": MANAGERS},
    "skills:alias_add": {**POST_ONLY, "POST": MANAGERS},
    "skills:alias_remove": {**POST_ONLY, "POST": MANAGERS},
    "skills:merge": {**POST_ONLY, "POST": MANAGERS},
    "skills:merge_undo": {**POST_ONLY, "POST": MANAGERS},
    "skills:family_create": {**POST_ONLY, "POST": MANAGERS},
    "skills:family_edit": {"GET": MANAGERS, "POST": MANAGERS},
    # The REST API: what the resolver lists (a path with GET and PATCH is one name per method).
    "api:api-root": {"GET": ("404",) * 9, "POST": ("404",) * 9},  # only names the prefix
    "api:openapi-json": {"GET": PUBLIC, "POST": PUBLIC},
    "api:openapi-view": {"GET": PUBLIC, "POST": PUBLIC},
    **{f"api:{name}": API_GET_POST for name in ("joborders", "joborder_create")},
    **{f"api:{name}": API_GET_POST for name in ("candidates", "candidate_create")},
    **{f"api:{name}": API_GET_POST for name in ("submittals", "submittal_create")},
    **{
        f"api:{name}": {"GET": API_TEAM_READ, "POST": API_NONE}
        for name in ("joborder", "joborder_update", "submittal", "submittal_update", "callplan")
    },
    **{f"api:{name}": API_GET for name in ("candidate", "candidate_update", "callplans")},
    "api:callplan_pdf": {"GET": API_TEAM_READ, "POST": API_NONE},
    **{
        f"api:{name}": {"GET": API_TEAM_READ, "POST": API_ANY}
        for name in ("interviews", "interview_create")
    },
    "api:interview_update": {"GET": API_NONE, "POST": API_NONE},
    **{
        f"api:{name}": API_POST
        for name in (
            "requirement_create",
            "candidate_skill_create",
            "engagement_create",
            "feedbackcall_create",
        )
    },
    **{
        f"api:{name}": {"GET": API_NONE, "POST": API_NONE}
        for name in ("requirement_update", "requirement_delete")
    },
    # Everyone manages their own tokens; another user's token is a 404.
    "api_tokens:list": {"GET": ANY_USER, "POST": ANY_USER},
    "api_tokens:revoke": {
        **POST_ONLY,
        "POST": ("login", "ok", "404", "404", "404", "404", "404", "404", "404"),
    },
    # Everyone's own notifications (checked on the owner's: anyone else's is a 404).
    "notifications:list": {"GET": ANY_USER, **GET_ONLY},
    "notifications:read": {
        **POST_ONLY,
        "POST": ("login", "ok", "404", "404", "404", "404", "404", "404", "404"),
    },
    "notifications:read_all": {**POST_ONLY, "POST": ANY_USER},
    "notifications:digest": {**POST_ONLY, "POST": ANY_USER},
    # Everyone's own calendar feed; the .ics of an interview as the submittal's page.
    "calendars:page": {"GET": ANY_USER, "POST": ANY_USER},
    "calendars:revoke": {**POST_ONLY, "POST": ANY_USER},
    "calendars:submittal_ics": {"GET": TEAM_READ, **GET_ONLY},
    # The one address without login: the secret is the key, so a wrong one is a 404 for anyone
    # (test_the_calendar_feed_opens_only_with_its_live_secret: revoked, another's, deactivated).
    "calendars:feed": {"GET": ("404",) * 9, "POST": ("405",) * 9},
    # A submittal's mutual action plan: read as the submittal, changed by who runs it.
    "actionplans:page": {"GET": TEAM_READ, **GET_ONLY},
    "actionplans:start": {**POST_ONLY, "POST": TEAM_WRITE},
    "actionplans:step_add": {**POST_ONLY, "POST": TEAM_WRITE},
    "actionplans:step_edit": {"GET": TEAM_WRITE, "POST": TEAM_WRITE},
    "actionplans:step_delete": {**POST_ONLY, "POST": TEAM_WRITE},
    "actionplans:step_move": {**POST_ONLY, "POST": TEAM_WRITE},
    "actionplans:share": {**POST_ONLY, "POST": TEAM_WRITE},
    "actionplans:link_revoke": {**POST_ONLY, "POST": TEAM_WRITE},
    # The team's template: every member reads it, its managers change it.
    "actionplans:template": {"GET": OWN_TEAM_READ, **GET_ONLY},
    "actionplans:template_customize": {**POST_ONLY, "POST": OWN_TEAM_MANAGE},
    "actionplans:template_add": {**POST_ONLY, "POST": OWN_TEAM_MANAGE},
    "actionplans:template_edit": {**POST_ONLY, "POST": LOSS_REASON_MANAGE},
    "actionplans:template_delete": {**POST_ONLY, "POST": LOSS_REASON_MANAGE},
    "actionplans:template_move": {**POST_ONLY, "POST": LOSS_REASON_MANAGE},
    # The client's page: no login, the secret is the key, so a wrong one is a 404 for anyone
    # (test_a_shared_action_plan_opens_only_with_its_live_secret: expired, revoked, another's).
    "sharedplans:page": {"GET": ("404",) * 9, "POST": ("405",) * 9},
    "sharedplans:done": {"GET": ("405",) * 9, "POST": ("404",) * 9},
    "sharedplans:comment": {"GET": ("405",) * 9, "POST": ("404",) * 9},
}
# The admin has its own login and permission checks (tested in test_admin.py); its many
# generated URLs are covered here by the admin index and one change list.
ADMIN_CHECKS = {
    "/admin/": ("login-admin",) * 6 + ("ok",) + ("login-admin",) * 2,
    "/admin/callplans/callplan/": ("login",)
    + ("login-admin",) * 5
    + ("ok",)
    + ("login-admin",) * 2,
}


def all_url_patterns(patterns=None, prefix="", namespace=None):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from all_url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield prefix + str(pattern.pattern), name


@pytest.fixture
def world(db, team, other_team):
    people = matrix_people(team, other_team)
    owner = people["owner"]
    job = JobOrderFactory(owner=owner)
    ClientContactFactory(client=job.client)
    requirement = RequirementFactory(job_order=job, description="Stabilise releases")
    skill = SkillFactory(name="Kubernetes")
    candidate = CandidateFactory(owner=owner)
    candidate_skill = CandidateSkillFactory(candidate=candidate, skill=skill)
    engagement = EngagementFactory(candidate=candidate)
    reference = ReferenceFactory(candidate=candidate)
    call = ReferenceCallFactory(reference=reference, called_by=owner, job_order=job)
    submittal = SubmittalFactory(job_order=job, candidate=candidate, submitted_by=owner)
    fresh_submittal = SubmittalFactory(job_order=job, submitted_by=owner)
    plan = CallPlanFactory(submittal=submittal, author=owner)
    objection = objection_add(plan=plan, category="other", text="Rate", rebuttal="Value")
    link = planevidence_link(plan=plan, requirement=requirement, engagement=engagement)
    question = referencequestion_create(team=team, text="Would you hire her again?")
    template = objectiontemplate_create(team=team, category="other", text="Rate", rebuttal="Value")
    closing = closingquestion_create(team=team, text="Shall I extend an offer?")
    family = skillfamily_create(name="Containers")
    merge = skill_merge(
        source=skill_create(name="Docker Swarm"), target=skill, by=people["manager"]
    )
    token = apitoken_create(user=owner, name="ATS sync", scope="write").token
    import_run = importrun_analyse(
        run_id=importrun_create(
            user=owner,
            kind="candidates",
            file=ContentFile(
                b"id,firstName,lastName,occupation,skillSet\n7,Ada,Quill,Dev,Kubernetes (3)\n",
                name="bullhorn.csv",
            ),
        ).pk
    )
    lossreasons_start(team=team)
    lossreasons_start(team=other_team)
    export = BulkExport.objects.create(
        team=team, requested_by=people["manager"], plan_ids=[plan.pk], total=1
    )
    Submittal.objects.filter(pk=submittal.pk).update(interview_at=timezone.now())
    InterviewFactory(submittal=submittal, starts_at=timezone.now())  # its round 1
    step = ActionStepFactory(submittal=submittal, side="client")
    templatesteps_customize(team=team)
    templatesteps_customize(team=other_team)
    shared = sharedlink_create(
        submittal=submittal, contact=job.client.contacts.first(), created_by=owner
    ).link
    notification = Notification.objects.create(
        recipient=owner,
        kind=Notification.Kind.FEEDBACK_DUE,
        key="matrix",
        title="Feedback call due",
        due_at=timezone.now(),
    )
    args = {
        "job": job.pk,
        "requirement": requirement.pk,
        "candidate": candidate.pk,
        "candidate_skill": candidate_skill.pk,
        "engagement": engagement.pk,
        "reference": reference.pk,
        "call": call.pk,
        "submittal": submittal.pk,
        "fresh_submittal": fresh_submittal.pk,
        "plan": plan.pk,
        "objection": objection.pk,
        "link": link.pk,
        "export": export.pk,
        "question": question.pk,
        "member": owner.pk,
        "template": template.pk,
        "closing": closing.pk,
        "skill": skill.pk,
        "family": family.pk,
        "merge": merge.pk,
        "token": token.pk,
        "import_run": import_run.pk,
        "notification": notification.pk,
        "loss_reason": team.loss_reasons.first().pk,
        "step": step.pk,
        "shared": shared.pk,
        "template_step": team.action_template.first().pk,
    }
    return people, args


def url_for(route: str, name: str | None, args: dict) -> str:
    """Fill a route's converters with the world's objects."""
    values = {
        "pk": _pk_for(name, args),
        "submittal_pk": args["fresh_submittal"]
        if name == "callplans:prepare"
        else args["submittal"],
        "requirement_pk": args["requirement"],
        "skill_pk": args["candidate_skill"],
        "engagement_pk": args["engagement"],
        "objection_pk": args["objection"],
        "link_pk": args["link"],
        "question_pk": args["question"],
        "closing_pk": args["closing"],
        "merge_pk": args["merge"],
        "family_pk": args["family"],
        "joborder_pk": args["job"],
        "candidate_pk": args["candidate"],
        "plan_pk": args["plan"],
        "reason_pk": args["loss_reason"],
        "number": 1,
        "round_number": 1,
        "step_pk": args["step"],
        "shared_pk": args["shared"],
        "template_pk": args["template_step"],
        "kind": "joborder" if (name or "").startswith("history:") else "challenge",
        "direction": "up",
        "table": "joborders",
        "uidb64": "MA",
        "token": "not-a-token",
    }
    for key, value in values.items():
        route = re.sub(rf"<(?:\w+:)?{key}>", str(value), route)
    query = {
        "references:reference_add": f"?candidate={args['candidate']}",
        "references:call_new": f"?reference={args['reference']}&joborder={args['job']}",
        "joborders:contact_options": "?client=",
    }.get(name, "")
    return "/" + route + query


def _pk_for(name: str | None, args: dict) -> int:
    prefix = (name or "").split(":")[0]
    if name in ("review:export_status", "review:export_download"):
        return args["export"]
    return {
        "joborders": args["job"],
        "submittals": args["submittal"],
        "history": args["job"],
        "candidates": args["candidate"],
        "references": args["call"],
        "callplans": args["plan"],
        "review": args["plan"],
        "accounts": args["member"],
        "coaching": args["member"],
        "library": args["template"],
        "skills": args["skill"],
        "api_tokens": args["token"],
        "imports": args["import_run"],
        "notifications": args["notification"],
        "calendars": args["submittal"],
        "actionplans": args["submittal"],
        "sharedplans": args["submittal"],
    }.get(prefix, 0)


def outcome(response) -> str:
    if response.status_code == 302 and response.url.startswith(reverse("login")):
        return "login"
    if response.status_code in (401, 403, 404, 405):
        return str(response.status_code)
    if response.status_code >= 500:
        return f"ERROR {response.status_code}"
    return "ok"


def app_urls():
    return [(route, name) for route, name in all_url_patterns() if not route.startswith("admin/")]


def test_every_url_is_in_the_table():
    missing = sorted({str(name) for _, name in app_urls()} - set(EXPECTED))
    assert missing == [], f"add these URL names to EXPECTED: {missing}"


def request_as(client, people, role, method, url):
    """One request in a savepoint that is rolled back, so each role meets the same world."""
    client.logout()
    if role != "anonymous":
        client.force_login(people[role])
    with transaction.atomic():
        response = getattr(client, method.lower())(url)
        transaction.set_rollback(True)
    return response


@pytest.mark.parametrize(("route", "name"), app_urls(), ids=lambda value: str(value))
def test_each_role_gets_the_declared_answer(client, world, route, name):
    people, args = world
    url = url_for(route, name, args)
    for method in ("GET", "POST"):
        responses = [request_as(client, people, r, method, url) for r in ROLES]
        got = tuple(outcome(response) for response in responses)
        assert got == EXPECTED[name][method], f"{method} {url}\n roles: {ROLES}"
        # Whatever a signed-in user is sent, no browser or proxy may keep it.
        for role, response in zip(ROLES[1:], responses[1:], strict=True):
            cache_control = response.get("Cache-Control", "")
            assert "no-store" in cache_control and "private" in cache_control, (method, url, role)


def test_the_admin_lets_only_staff_in(client, world):
    people, _ = world
    for url, expected in ADMIN_CHECKS.items():
        got = []
        for role in ROLES:
            response = request_as(client, people, role, "GET", url)
            admin_login = response.status_code == 302 and "/admin/login/" in response.url
            got.append("login-admin" if admin_login else outcome(response))
        assert tuple(got) == expected, url


def test_the_calendar_feed_opens_only_with_its_live_secret(client, world):
    """Anonymous (a calendar app) with the live secret: the calendar. With a revoked secret,
    a regenerated one's predecessor, a mangled one or a deactivated person's: a plain 404."""
    people, _ = world
    owner = people["owner"]
    first = calendarfeed_create(user=owner).secret
    second = calendarfeed_create(user=owner).secret  # regenerate: the first stops working
    url = lambda secret: reverse("calendars:feed", args=[secret])  # noqa: E731
    for role in ROLES:
        answers = {
            "live": request_as(client, people, role, "GET", url(second)),
            "regenerated away": request_as(client, people, role, "GET", url(first)),
            "mangled": request_as(client, people, role, "GET", url(second[:-1] + "x")),
        }
        assert answers["live"].status_code == 200, role
        assert answers["live"]["Content-Type"].startswith("text/calendar")
        assert "no-store" in answers["live"]["Cache-Control"]
        assert answers["regenerated away"].status_code == 404, role
        assert answers["mangled"].status_code == 404, role
    owner.is_active = False
    owner.save(update_fields=["is_active"])
    assert request_as(client, people, "anonymous", "GET", url(second)).status_code == 404


def test_a_shared_action_plan_opens_only_with_its_live_secret(client, world, settings):
    """Anyone (the client's contact, no login) with the live secret: the plan. With a wrong
    secret, an expired or revoked one, or the secret of another submittal's plan: a plain 404."""
    settings.ACTION_PLAN_GUESSES_PER_ADDRESS = 1000  # this test guesses on purpose
    people, args = world
    owner = people["owner"]
    submittal = Submittal.objects.get(pk=args["submittal"])
    other = Submittal.objects.get(pk=args["fresh_submittal"])
    contact = submittal.job_order.client.contacts.first()
    live = sharedlink_create(submittal=submittal, contact=contact, created_by=owner).secret
    elsewhere = sharedlink_create(submittal=other, contact=contact, created_by=owner).secret
    url = lambda pk, secret: reverse("sharedplans:page", args=[pk, secret])  # noqa: E731
    for role in ROLES:
        assert request_as(client, people, role, "GET", url(submittal.pk, live)).status_code == 200
        for pk, secret in (
            (submittal.pk, live[:-1] + ("A" if live[-1] != "A" else "B")),
            (submittal.pk, elsewhere),
            (other.pk, live),
        ):
            assert request_as(client, people, role, "GET", url(pk, secret)).status_code == 404
    link = submittal.shared_links.get(revoked_at__isnull=True)
    link.expires_at = timezone.now()
    link.save(update_fields=["expires_at"])
    assert (
        request_as(client, people, "anonymous", "GET", url(submittal.pk, live)).status_code == 404
    )
    link.expires_at = timezone.now() + datetime.timedelta(days=1)
    link.save(update_fields=["expires_at"])
    sharedlink_revoke(submittal=submittal, contact=contact)
    assert (
        request_as(client, people, "anonymous", "GET", url(submittal.pk, live)).status_code == 404
    )
