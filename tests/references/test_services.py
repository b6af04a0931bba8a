import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.locking import fingerprint
from references.models import ReferenceCall, ReferenceFinding
from references.services import (
    EditConflict,
    finding_clear,
    finding_record,
    reference_create,
    referencecall_create,
    referencecall_finish,
    referencecall_save_draft,
    referencecall_start_draft,
)
from tests.factories import (
    CandidateFactory,
    EngagementFactory,
    JobOrderFactory,
    ReferenceCallFactory,
    ReferenceFactory,
    ReferenceFindingFactory,
    RequirementFactory,
)


@pytest.mark.parametrize("rating", [0, 6])
def test_a_rating_outside_one_to_five_is_refused_with_a_clear_message(owner, rating):
    reference = reference_create(candidate=CandidateFactory(), name="Lee Park")
    with pytest.raises(ValidationError, match="The rating must be between 1 and 5"):
        referencecall_create(reference=reference, called_by=owner, rating=rating)
    assert not ReferenceCall.objects.exists()


def test_the_database_refuses_a_rating_outside_one_to_five(owner):
    call = ReferenceCallFactory(called_by=owner)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReferenceCall.objects.filter(pk=call.pk).update(rating=9)


def test_a_reference_from_an_engagement_takes_the_employer_as_company(db):
    engagement = EngagementFactory(employer="Globex")
    reference = reference_create(
        candidate=engagement.candidate, engagement=engagement, name="Kim Lee"
    )
    assert reference.company == "Globex"


def test_a_reference_cannot_point_at_another_candidates_engagement(db):
    with pytest.raises(ValidationError, match="another candidate"):
        reference_create(candidate=CandidateFactory(), engagement=EngagementFactory(), name="X")


def test_a_call_cannot_be_filed_against_another_teams_job(owner, outsider):
    reference = reference_create(candidate=CandidateFactory(), name="Lee Park")
    with pytest.raises(ValidationError, match="another team"):
        referencecall_create(
            reference=reference, called_by=owner, job_order=JobOrderFactory(owner=outsider)
        )


def test_a_second_finding_on_a_requirement_replaces_the_first(owner):
    job = JobOrderFactory(owner=owner)
    requirement = RequirementFactory(job_order=job)
    call = ReferenceCallFactory(called_by=owner, job_order=job)
    finding_record(call=call, requirement=requirement, assessment="adequate", quote="Fine.")
    finding_record(call=call, requirement=requirement, assessment="strong", quote="Superb.")
    assert [(f.assessment, f.quote) for f in call.findings.all()] == [("strong", "Superb.")]


def test_a_finding_must_be_about_the_calls_job(owner):
    call = ReferenceCallFactory(called_by=owner, job_order=JobOrderFactory(owner=owner))
    other_requirement = RequirementFactory(job_order=JobOrderFactory(owner=owner))
    with pytest.raises(ValidationError, match="not part of the call's job"):
        finding_record(call=call, requirement=other_requirement, assessment="strong")
    assert not ReferenceFinding.objects.exists()


def test_starting_a_draft_twice_with_one_key_gives_one_call(owner):
    key, reference = uuid.uuid4(), ReferenceFactory()
    first = referencecall_start_draft(draft_key=key, reference=reference, called_by=owner)
    second = referencecall_start_draft(draft_key=key, reference=reference, called_by=owner)
    assert first == second
    assert ReferenceCall.objects.count() == 1
    assert (first.draft_key, first.team, first.status) == (key, owner.team, "draft")


def test_every_call_gets_its_own_draft_key(owner):
    calls = ReferenceCallFactory.create_batch(3, called_by=owner)
    assert len({c.draft_key for c in calls}) == 3


def test_a_draft_save_writes_only_the_fields_it_names(owner):
    call = ReferenceCallFactory(called_by=owner, summary="Theirs", concerns="Old")
    stale = ReferenceCall.objects.get(pk=call.pk)
    ReferenceCall.objects.filter(pk=call.pk).update(summary="Someone else's")
    referencecall_save_draft(call=stale, changes={"concerns": "Mine"})
    call.refresh_from_db()
    assert (call.summary, call.concerns, call.version) == ("Someone else's", "Mine", 1)


def test_a_draft_save_refuses_a_field_the_page_may_not_change(owner):
    call = ReferenceCallFactory(called_by=owner)
    with pytest.raises(ValueError, match="Not editable"):
        referencecall_save_draft(call=call, changes={"team_id": 99})


def test_a_draft_save_validates_what_it_writes(owner):
    call = ReferenceCallFactory(called_by=owner)
    with pytest.raises(ValidationError, match="between 1 and 5"):
        referencecall_save_draft(call=call, changes={"rating": 7})
    call.refresh_from_db()
    assert call.rating == 4


def test_a_quote_without_an_assessment_is_kept_as_not_assessed_yet(owner):
    job = JobOrderFactory(owner=owner)
    requirement = RequirementFactory(job_order=job)
    call = ReferenceCallFactory(called_by=owner, job_order=job)
    referencecall_save_draft(call=call, changes={}, findings={requirement: {"quote": "Great."}})
    finding = call.findings.get()
    assert (finding.assessment, finding.quote) == ("", "Great.")


def test_changing_half_a_finding_keeps_the_other_half(owner):
    job = JobOrderFactory(owner=owner)
    requirement = RequirementFactory(job_order=job)
    call = ReferenceCallFactory(called_by=owner, job_order=job)
    ReferenceFindingFactory(call=call, requirement=requirement, assessment="strong", quote="Q")
    referencecall_save_draft(
        call=call, changes={}, findings={requirement: {"assessment": "concern"}}
    )
    assert [(f.assessment, f.quote) for f in call.findings.all()] == [("concern", "Q")]


def test_an_emptied_finding_is_removed_and_an_empty_one_never_created(owner):
    job = JobOrderFactory(owner=owner)
    kept, emptied, untouched = RequirementFactory.create_batch(3, job_order=job)
    call = ReferenceCallFactory(called_by=owner, job_order=job)
    ReferenceFindingFactory(call=call, requirement=emptied, assessment="strong", quote="Q")
    referencecall_save_draft(
        call=call,
        changes={},
        findings={
            kept: {"assessment": "adequate"},
            emptied: {"assessment": "", "quote": ""},
            untouched: {"assessment": "", "quote": ""},
        },
    )
    assert [f.requirement for f in call.findings.all()] == [kept]


def test_finishing_completes_the_call_and_bumps_its_version(owner):
    call = ReferenceCallFactory(called_by=owner)
    referencecall_finish(call=call, version=1, changes={"summary": "Done."})
    call.refresh_from_db()
    assert (call.status, call.version, call.summary) == ("complete", 2, "Done.")


def test_finishing_from_a_stale_page_writes_nothing(owner):
    call = ReferenceCallFactory(called_by=owner, summary="Before")
    ReferenceCall.objects.filter(pk=call.pk).update(version=2)
    with pytest.raises(ValidationError, match="Someone else changed this call") as raised:
        referencecall_finish(call=call, version=1, changes={"summary": "Mine"})
    assert raised.value.code == "stale"
    call.refresh_from_db()
    assert (call.status, call.summary, call.version) == ("draft", "Before", 2)


def test_an_invalid_change_while_finishing_leaves_the_call_as_it_was(owner):
    call = ReferenceCallFactory(called_by=owner)
    with pytest.raises(ValidationError):
        referencecall_finish(call=call, version=1, changes={"rating": 0})
    call.refresh_from_db()
    assert (call.status, call.version) == ("draft", 1)


def test_clearing_a_finding_forgets_it(owner):
    finding = ReferenceFindingFactory(
        call=ReferenceCallFactory(called_by=owner), requirement=RequirementFactory()
    )
    finding_clear(call=finding.call, requirement=finding.requirement)
    assert not ReferenceFinding.objects.exists()


# --- two people on one field: field-wise conflicts ---------------------------------------------


def saw(**values) -> dict[str, str]:
    """What a page says it saw of each field."""
    return {name: fingerprint(value) for name, value in values.items()}


def test_two_people_changing_one_field_leaves_theirs_stored_and_hands_back_both_texts(
    owner, manager
):
    call = ReferenceCallFactory(called_by=owner, summary="Opened with this.")
    referencecall_save_draft(
        call=ReferenceCall.objects.get(pk=call.pk),
        changes={"summary": "Manager's summary."},
        seen=saw(summary="Opened with this."),
        editor=manager,
    )
    conflicts = referencecall_save_draft(
        call=call,
        changes={"summary": "Owner's summary."},
        seen=saw(summary="Opened with this."),
        editor=owner,
    )
    call.refresh_from_db()
    assert call.summary == "Manager's summary."
    [conflict] = conflicts
    assert (conflict.field, conflict.requirement) == ("summary", None)
    assert (conflict.theirs, conflict.mine) == ("Manager's summary.", "Owner's summary.")
    assert conflict.by == manager.get_full_name() and conflict.at is not None


def test_two_people_changing_different_fields_both_save(owner, manager):
    call = ReferenceCallFactory(called_by=owner, summary="Old", concerns="Old")
    theirs = ReferenceCall.objects.get(pk=call.pk)
    assert not referencecall_save_draft(
        call=theirs, changes={"concerns": "Manager's."}, seen=saw(concerns="Old"), editor=manager
    )
    assert not referencecall_save_draft(
        call=call, changes={"summary": "Owner's."}, seen=saw(summary="Old"), editor=owner
    )
    call.refresh_from_db()
    assert (call.summary, call.concerns) == ("Owner's.", "Manager's.")


def test_the_same_writer_saving_twice_from_what_they_first_saw_never_conflicts(owner):
    call = ReferenceCallFactory(called_by=owner, summary="Start")
    for text in ("Calm under pressure.", "Calm under pressure. Teaches others."):
        # the page did not hear back from the first save: it still says it saw "Start"
        conflicts = referencecall_save_draft(
            call=call, changes={"summary": text}, seen=saw(summary="Start"), editor=owner
        )
        assert conflicts == ()
    call.refresh_from_db()
    assert call.summary == "Calm under pressure. Teaches others."


def test_typing_what_someone_else_already_saved_is_no_conflict(owner, manager):
    call = ReferenceCallFactory(called_by=owner, rating=3)
    ReferenceCall.objects.filter(pk=call.pk).update(rating=5)
    assert not referencecall_save_draft(
        call=call, changes={"rating": 5}, seen=saw(rating=3), editor=manager
    )


def test_having_seen_their_text_the_editor_may_replace_it(owner, manager):
    call = ReferenceCallFactory(called_by=owner, summary="Old")
    referencecall_save_draft(
        call=call, changes={"summary": "Theirs."}, seen=saw(summary="Old"), editor=manager
    )
    assert not referencecall_save_draft(
        call=call, changes={"summary": "Mine."}, seen=saw(summary="Theirs."), editor=owner
    )
    call.refresh_from_db()
    assert call.summary == "Mine."
    assert "Theirs." in call.history.values_list("summary", flat=True)


def test_a_conflict_on_a_quote_still_saves_the_assessment_of_that_row(owner, manager):
    job = JobOrderFactory(owner=owner)
    requirement = RequirementFactory(job_order=job)
    call = ReferenceCallFactory(called_by=owner, job_order=job)
    ReferenceFindingFactory(call=call, requirement=requirement, assessment="", quote="Q")
    referencecall_save_draft(
        call=call,
        changes={},
        findings={requirement: {"quote": "Their quote."}},
        findings_seen={requirement: saw(quote="Q")},
        editor=manager,
    )
    [conflict] = referencecall_save_draft(
        call=call,
        changes={},
        findings={requirement: {"assessment": "strong", "quote": "My quote."}},
        findings_seen={requirement: saw(assessment="", quote="Q")},
        editor=owner,
    )
    assert (conflict.requirement, conflict.field) == (requirement, "quote")
    assert (conflict.theirs, conflict.mine, conflict.by) == (
        "Their quote.",
        "My quote.",
        manager.get_full_name(),
    )
    assert [(f.assessment, f.quote) for f in call.findings.all()] == [("strong", "Their quote.")]


def test_finishing_over_someone_elses_edit_of_the_same_field_writes_nothing(owner, manager):
    call = ReferenceCallFactory(called_by=owner, summary="Old", concerns="")
    referencecall_save_draft(
        call=ReferenceCall.objects.get(pk=call.pk),
        changes={"summary": "Theirs."},
        seen=saw(summary="Old"),
        editor=manager,
    )
    with pytest.raises(EditConflict) as raised:
        referencecall_finish(
            call=call,
            version=1,
            changes={"summary": "Mine.", "concerns": "New"},
            seen=saw(summary="Old", concerns=""),
            editor=owner,
        )
    assert [c.theirs for c in raised.value.conflicts] == ["Theirs."]
    call.refresh_from_db()
    assert (call.status, call.summary, call.concerns) == ("draft", "Theirs.", "")
