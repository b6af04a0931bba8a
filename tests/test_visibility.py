"""Who may read and write what: owner, teammate, manager, outsider, superuser.

Team records (clients, job orders, submittals, reference calls, call plans) exist only inside
their team: outsiders get a 404. Teammates read; the owner and the team's managers write.
Candidates and references are firm-wide to read."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from callplans.selectors import callplans_visible_to, get_callplan_for_user
from candidates.selectors import candidates_visible_to, get_candidate_for_user
from joborders.selectors import (
    clients_visible_to,
    get_client_for_user,
    get_joborder_for_user,
    get_submittal_for_user,
    joborders_visible_to,
    submittals_visible_to,
)
from references.selectors import get_referencecall_for_user, referencecalls_visible_to
from tests.factories import (
    CallPlanFactory,
    CandidateFactory,
    ClientFactory,
    JobOrderFactory,
    ReferenceCallFactory,
    SubmittalFactory,
)

READ, WRITE, FORBIDDEN, MISSING = "read", "write", "403", "404"

# role -> what they get on a record owned by `owner`
TEAM_RECORD_RULES = {
    "owner": WRITE,
    "teammate": FORBIDDEN,  # reads, but a write is refused
    "manager": WRITE,
    "outsider": MISSING,
    "outside_manager": MISSING,
    "superuser": WRITE,
}


def make_client(owner):
    return ClientFactory(owner=owner)


def make_joborder(owner):
    return JobOrderFactory(owner=owner)


def make_submittal(owner):
    return SubmittalFactory(job_order=JobOrderFactory(owner=owner), submitted_by=owner)


def make_referencecall(owner):
    return ReferenceCallFactory(called_by=owner)


def make_callplan(owner):
    submittal = SubmittalFactory(job_order=JobOrderFactory(owner=owner), submitted_by=owner)
    return CallPlanFactory(submittal=submittal, author=owner)


TEAM_ENTITIES = {
    "client": (make_client, get_client_for_user, clients_visible_to),
    "job order": (make_joborder, get_joborder_for_user, joborders_visible_to),
    "submittal": (make_submittal, get_submittal_for_user, submittals_visible_to),
    "reference call": (make_referencecall, get_referencecall_for_user, referencecalls_visible_to),
    "call plan": (make_callplan, get_callplan_for_user, callplans_visible_to),
}


def outcome(getter, user, pk, *, write):
    try:
        getter(user, pk, write=write)
    except Http404:
        return MISSING
    except PermissionDenied:
        return FORBIDDEN
    return WRITE if write else READ


@pytest.mark.parametrize("entity", TEAM_ENTITIES)
@pytest.mark.parametrize("role", TEAM_RECORD_RULES)
def test_team_records_follow_the_visibility_rules(request, entity, role, owner):
    make, getter, visible_to = TEAM_ENTITIES[entity]
    record = make(owner)
    user = request.getfixturevalue(role)
    expected = TEAM_RECORD_RULES[role]

    assert outcome(getter, user, record.pk, write=True) == expected
    expected_read = MISSING if expected == MISSING else READ
    assert outcome(getter, user, record.pk, write=False) == expected_read
    assert (record in visible_to(user)) is (expected != MISSING)


def test_a_user_without_a_team_sees_no_team_records(owner, django_user_model):
    JobOrderFactory(owner=owner)
    loner = django_user_model.objects.create_user("loner", team=None)
    assert not joborders_visible_to(loner).exists()


@pytest.mark.parametrize(
    ("role", "expected_write"),
    [
        ("owner", WRITE),
        ("teammate", FORBIDDEN),
        ("manager", WRITE),
        ("outsider", FORBIDDEN),
        ("outside_manager", FORBIDDEN),
        ("superuser", WRITE),
    ],
)
def test_candidates_are_readable_by_everyone_and_writable_by_owner_and_managers(
    request, owner, role, expected_write
):
    candidate = CandidateFactory(owner=owner)
    user = request.getfixturevalue(role)
    assert candidate in candidates_visible_to(user)
    assert outcome(get_candidate_for_user, user, candidate.pk, write=False) == READ
    assert outcome(get_candidate_for_user, user, candidate.pk, write=True) == expected_write


def test_archived_candidates_leave_the_lists_but_keep_their_history(owner):
    candidate = CandidateFactory(owner=owner, archived=True)
    assert candidate not in candidates_visible_to(owner)
    assert get_candidate_for_user(owner, candidate.pk) == candidate
