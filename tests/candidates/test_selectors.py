import datetime
from decimal import Decimal

import pytest
from django.core.paginator import Paginator

from candidates.models import Candidate
from candidates.selectors import candidate_profile_for, candidate_search, skill_resolve
from candidates.services import skill_create
from tests.factories import (
    CandidateFactory,
    CandidateSkillFactory,
    EngagementFactory,
    JobOrderFactory,
    ReferenceCallFactory,
    ReferenceFactory,
    SkillFactory,
    SubmittalFactory,
)


@pytest.fixture
def kubernetes(db):
    return skill_create(name="Kubernetes", aliases="k8s, kube")


@pytest.mark.parametrize(
    "typed", ["Kubernetes", "kubernetes", "  KUBERNETES ", "k8s", "K8S", "kube"]
)
def test_it_resolves_a_skill_by_name_or_alias_in_any_case(kubernetes, typed):
    assert skill_resolve(typed) == kubernetes


def test_it_collapses_inner_spaces(db):
    node = skill_create(name="Node JS", aliases="nodejs")
    assert skill_resolve("node    js") == node
    assert skill_resolve("NodeJS") == node


@pytest.mark.parametrize("typed", ["", "   ", "kuber", "k8", "|k8s|", "kubernetes|k8s"])
def test_it_resolves_nothing_for_unknown_or_partial_names(kubernetes, typed):
    assert skill_resolve(typed) is None


def test_it_does_not_confuse_a_skill_whose_name_contains_another(db):
    java = skill_create(name="Java")
    javascript = skill_create(name="JavaScript", aliases="JS")
    assert skill_resolve("java") == java
    assert skill_resolve("js") == javascript


# ---- Candidate search -------------------------------------------------------------------------


def _names(search):
    return sorted(c.full_name for c in search.candidates)


@pytest.fixture
def people(owner, kubernetes):
    ana = CandidateFactory(owner=owner, first_name="Ana", last_name="Silva", headline="SRE")
    ben = CandidateFactory(
        owner=owner, first_name="Ben", last_name="Kube", headline="Java developer"
    )
    cleo = CandidateFactory(
        owner=owner, first_name="Cleo", last_name="Ng", headline="Platform engineer"
    )
    CandidateSkillFactory(candidate=ana, skill=kubernetes, years=Decimal("4.5"))
    return ana, ben, cleo


def test_searching_an_alias_finds_candidates_with_the_skill(owner, people, kubernetes):
    search = candidate_search(owner, q="K8S")
    assert search.skill == kubernetes
    assert _names(search) == ["Ana Silva"]
    assert search.candidates.get().matched_years == Decimal("4.5")


def test_searching_a_skill_name_also_finds_matching_names(owner, people):
    # "kube" is an alias of Kubernetes and part of Ben's last name
    assert _names(candidate_search(owner, q="kube")) == ["Ana Silva", "Ben Kube"]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("ana", ["Ana Silva"]),
        ("SILVA", ["Ana Silva"]),
        ("ana silva", ["Ana Silva"]),
        ("  ana   silva ", ["Ana Silva"]),
        ("platform", ["Cleo Ng"]),
        ("java dev", ["Ben Kube"]),
        ("nobody", []),
        ("", ["Ana Silva", "Ben Kube", "Cleo Ng"]),
    ],
)
def test_searching_matches_first_last_and_full_name_and_headline(owner, people, q, expected):
    assert _names(candidate_search(owner, q=q)) == expected


def test_the_status_filter_narrows_the_search(owner, people):
    ana, *_ = people
    ana.status = Candidate.Status.PLACED
    ana.save()
    assert _names(candidate_search(owner, status="placed")) == ["Ana Silva"]
    assert _names(candidate_search(owner, q="k8s", status="available")) == []


def test_archived_candidates_are_not_found(owner, people):
    ana, *_ = people
    ana.archived = True
    ana.save()
    assert _names(candidate_search(owner, q="k8s")) == []


def test_each_result_carries_its_top_skills_best_first(owner):
    candidate = CandidateFactory(owner=owner)
    for years, name in [(1, "Go"), (9, "Python"), (5, "AWS"), (3, "Bash"), (2, "C"), (7, "Docker")]:
        CandidateSkillFactory(candidate=candidate, skill=SkillFactory(name=name), years=years)
    [found] = candidate_search(owner).candidates
    assert [row.skill.name for row in found.top_skills] == ["Python", "Docker", "AWS", "Bash", "C"]


def _first_page(search):
    return list(Paginator(search.candidates, 25).page(1))


@pytest.mark.parametrize("many", [False, True])
def test_a_search_page_is_a_fixed_number_of_queries(
    owner, kubernetes, many, django_assert_num_queries
):
    for i in range(40 if many else 3):
        candidate = CandidateFactory(owner=owner, headline=f"Engineer {i}")
        CandidateSkillFactory(candidate=candidate, skill=kubernetes)
        for _ in range(4 if many else 1):
            CandidateSkillFactory(candidate=candidate)
    # resolve the skill + count + the page + its skills, whether or not q names a skill
    with django_assert_num_queries(4):
        assert _first_page(candidate_search(owner, q="k8s"))
    with django_assert_num_queries(4):
        assert _first_page(candidate_search(owner, q="engineer", status="available"))
    with django_assert_num_queries(3):
        assert _first_page(candidate_search(owner, status="available"))


# ---- The profile ------------------------------------------------------------------------------


def test_the_profile_shows_only_the_viewers_team_submittals_and_reference_calls(owner, outsider):
    candidate = CandidateFactory(owner=owner)
    ours = SubmittalFactory(candidate=candidate, job_order=JobOrderFactory(owner=owner))
    theirs = SubmittalFactory(candidate=candidate, job_order=JobOrderFactory(owner=outsider))
    reference = ReferenceFactory(candidate=candidate)
    our_call = ReferenceCallFactory(reference=reference, called_by=owner)
    their_call = ReferenceCallFactory(reference=reference, called_by=outsider)

    for viewer, submittal, call in [(owner, ours, our_call), (outsider, theirs, their_call)]:
        profile = candidate_profile_for(viewer, candidate.pk)
        assert profile.team_submittals == [submittal]
        [listed] = profile.references.all()
        assert listed.team_calls == [call]


def test_a_superuser_sees_every_team_submittal(owner, outsider, superuser):
    candidate = CandidateFactory(owner=owner)
    SubmittalFactory(candidate=candidate, job_order=JobOrderFactory(owner=owner))
    SubmittalFactory(candidate=candidate, job_order=JobOrderFactory(owner=outsider))
    assert len(candidate_profile_for(superuser, candidate.pk).team_submittals) == 2


def test_engagements_come_most_recent_first(owner):
    candidate = CandidateFactory(owner=owner)
    old = EngagementFactory(candidate=candidate, start_date=datetime.date(2015, 1, 1))
    current = EngagementFactory(
        candidate=candidate, start_date=datetime.date(2022, 1, 1), end_date=None
    )
    finished = EngagementFactory(
        candidate=candidate,
        start_date=datetime.date(2022, 1, 1),
        end_date=datetime.date(2023, 1, 1),
    )
    profile = candidate_profile_for(owner, candidate.pk)
    assert list(profile.engagements.all()) == [current, finished, old]


def _fill_profile(candidate, owner, n):
    for _ in range(n):
        skill = SkillFactory()
        CandidateSkillFactory(candidate=candidate, skill=skill)
        engagement = EngagementFactory(candidate=candidate, skills=[skill, SkillFactory()])
        reference = ReferenceFactory(candidate=candidate, engagement=engagement)
        ReferenceCallFactory(reference=reference, called_by=owner)
        SubmittalFactory(candidate=candidate, job_order=JobOrderFactory(owner=owner))


@pytest.mark.parametrize("n", [2, 20])
def test_the_profile_loads_in_a_fixed_number_of_queries(owner, n, django_assert_num_queries):
    candidate = CandidateFactory(owner=owner)
    _fill_profile(candidate, owner, n)
    # candidate, skills, engagements, their skills, references, their calls, submittals
    with django_assert_num_queries(7):
        profile = candidate_profile_for(owner, candidate.pk)
        for engagement in profile.engagements.all():
            assert len(engagement.skills.all()) == 2
        for reference in profile.references.all():
            assert reference.engagement.employer
            assert [call.called_by.username for call in reference.team_calls] == ["owner"]
        assert [s.job_order.client.name for s in profile.team_submittals]
        assert [row.skill.name for row in profile.skills.all()]
