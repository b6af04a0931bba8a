"""Two people on one reference call, on the same field: the second is told, both texts are on
their page, and nothing either typed is lost.

An htmx autosave that meets someone else's edit answers 409 with the autosave fragment (the
status line's alert and, beside the field, their version, yours and the two choices), having
saved every other field. Without JavaScript the page itself answers 409 with the input kept."""

import pytest

from references.models import ReferenceCall
from tests.factories import ReferenceCallFactory, ReferenceFindingFactory
from tests.references.test_views_call_form import (
    HTMX,
    autosave,
    edit_url,
    hidden,
    job_with_requirements,
    page_state,
)


def two_pages(client, owner, manager, call) -> tuple[dict, dict]:
    client.force_login(owner)
    mine = page_state(client.get(edit_url(call)))
    client.force_login(manager)
    theirs = page_state(client.get(edit_url(call)))
    return mine, theirs


@pytest.fixture
def call(owner, reference, job):
    return ReferenceCallFactory(
        called_by=owner, reference=reference, job_order=job, summary="Old", concerns="Old"
    )


def conflict_after_manager_saved(client, owner, manager, call, **mine_fields):
    """The manager autosaves the summary; then the owner's page, opened before, does too."""
    mine, theirs = two_pages(client, owner, manager, call)
    autosave(client, edit_url(call), theirs, summary="Manager's summary.")
    client.force_login(owner)
    return mine, autosave(client, edit_url(call), mine, **mine_fields)


def test_an_autosave_over_someone_elses_edit_of_the_field_answers_409_with_both_texts(
    client, owner, manager, call
):
    _, response = conflict_after_manager_saved(
        client, owner, manager, call, summary="Owner's summary.", concerns="Owner's concern."
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert 'role="alert"' in body and "Someone else changed what you were editing" in body
    assert 'id="conflict-summary"' in body and "Manager&#x27;s summary." in body
    assert "Owner&#x27;s summary." in body
    assert "Keep mine" in body and "Use theirs" in body
    assert hidden(body, "theirs-summary") == "Manager's summary."
    call.refresh_from_db()
    assert (call.summary, call.concerns) == ("Manager's summary.", "Owner's concern.")


def test_the_new_baseline_keeps_the_conflicting_field_where_the_page_saw_it(
    client, owner, manager, call
):
    mine, response = conflict_after_manager_saved(
        client, owner, manager, call, summary="Owner's summary."
    )
    # typing on without choosing keeps asking: the field is never silently overwritten
    state = {**mine, "baseline": hidden(response.content.decode(), "baseline")}
    again = autosave(client, edit_url(call), state, summary="Owner's summary, longer.")
    assert again.status_code == 409
    call.refresh_from_db()
    assert call.summary == "Manager's summary."


def test_keep_mine_saves_mine_over_theirs_and_theirs_stays_in_the_history(
    client, owner, manager, call
):
    mine, response = conflict_after_manager_saved(
        client, owner, manager, call, summary="Owner's summary."
    )
    body = response.content.decode()
    state = {
        **mine,
        "baseline": hidden(body, "baseline"),
        "theirs-summary": hidden(body, "theirs-summary"),
        "seen-summary": hidden(body, "seen-summary"),
    }
    kept = client.post(
        edit_url(call),
        {**state, "summary": "Owner's summary, merged.", "resolve": "mine:summary"},
        **HTMX,
    )
    assert kept.status_code == 200
    assert 'data-testid="conflict-summary"' not in kept.content.decode()
    call.refresh_from_db()
    assert call.summary == "Owner's summary, merged."
    assert "Manager's summary." in call.history.values_list("summary", flat=True)


def test_keep_mine_after_they_changed_it_again_asks_again(client, owner, manager, call):
    mine, response = conflict_after_manager_saved(
        client, owner, manager, call, summary="Owner's summary."
    )
    body = response.content.decode()
    ReferenceCall.objects.filter(pk=call.pk).update(summary="Manager's second thought.")
    again = client.post(
        edit_url(call),
        {
            **mine,
            "summary": "Owner's summary.",
            "resolve": "mine:summary",
            "theirs-summary": hidden(body, "theirs-summary"),
            "seen-summary": hidden(body, "seen-summary"),
        },
        **HTMX,
    )
    assert again.status_code == 409
    assert "Manager&#x27;s second thought." in again.content.decode()


def test_the_same_person_autosaving_twice_never_meets_themselves(client, owner, call):
    client.force_login(owner)
    state = page_state(client.get(edit_url(call)))
    first = autosave(client, edit_url(call), state, summary="Calm.")
    state["baseline"] = hidden(first.content.decode(), "baseline")
    second = autosave(client, edit_url(call), state, summary="Calm. Teaches others.")
    # the second answer never arrived: the page still holds the baseline of the first
    lost = autosave(client, edit_url(call), state, summary="Calm. Teaches.")
    assert (first.status_code, second.status_code, lost.status_code) == (200, 200, 200)
    call.refresh_from_db()
    assert call.summary == "Calm. Teaches."


def test_a_conflicting_quote_keeps_the_rest_of_its_row_and_shows_both(
    client, owner, manager, call, job
):
    requirement = job.requirements.first()
    quote = f"finding-{requirement.pk}-quote"
    mine, theirs = two_pages(client, owner, manager, call)
    autosave(client, edit_url(call), theirs, **{quote: "They said so."})
    client.force_login(owner)
    response = autosave(
        client,
        edit_url(call),
        mine,
        **{quote: "I heard otherwise.", f"finding-{requirement.pk}-assessment": "concern"},
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert f'data-testid="conflict-{quote}"' in body
    assert "They said so." in body and "I heard otherwise." in body
    assert [(f.assessment, f.quote) for f in call.findings.all()] == [("concern", "They said so.")]


def test_finishing_over_someone_elses_edit_does_not_finish_and_shows_both(
    client, owner, manager, call
):
    _, response = conflict_after_manager_saved(
        client, owner, manager, call, summary="Owner's summary.", action="finish", autosave=""
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert "The call is not finished yet." in body and "Manager&#x27;s summary." in body
    call.refresh_from_db()
    assert (call.status, call.summary) == ("draft", "Manager's summary.")


# --- without JavaScript -----------------------------------------------------------------------


def test_without_javascript_a_save_over_their_edit_answers_409_with_the_input_kept(
    client, owner, manager, call
):
    mine, theirs = two_pages(client, owner, manager, call)
    autosave(client, edit_url(call), theirs, summary="Manager's summary.")
    client.force_login(owner)
    response = client.post(
        edit_url(call),
        {**mine, "action": "draft", "summary": "Owner's summary.", "concerns": "Owner's."},
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert "Owner&#x27;s summary.</textarea>" in body  # what was typed stays in the box
    assert 'data-testid="theirs-summary">Manager&#x27;s summary.</div>' in body
    assert '<button type="submit" name="resolve" value="mine:summary"' in body
    call.refresh_from_db()
    assert (call.summary, call.concerns) == ("Manager's summary.", "Owner's.")


def test_without_javascript_use_theirs_keeps_theirs_and_saves_the_rest(
    client, owner, manager, call
):
    mine, theirs = two_pages(client, owner, manager, call)
    autosave(client, edit_url(call), theirs, summary="Manager's summary.")
    client.force_login(owner)
    body = client.post(
        edit_url(call), {**mine, "action": "draft", "summary": "Owner's summary."}
    ).content.decode()
    response = client.post(
        edit_url(call),
        {
            **mine,
            "baseline": hidden(body, "baseline"),
            "summary": "Owner's summary.",
            "strengths": "Owner's strengths.",
            "theirs-summary": hidden(body, "theirs-summary"),
            "seen-summary": hidden(body, "seen-summary"),
            "resolve": "theirs:summary",
        },
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert (call.summary, call.strengths) == ("Manager's summary.", "Owner's strengths.")


def test_without_javascript_keep_mine_saves_mine(client, owner, manager, call):
    mine, theirs = two_pages(client, owner, manager, call)
    autosave(client, edit_url(call), theirs, summary="Manager's summary.")
    client.force_login(owner)
    body = client.post(
        edit_url(call), {**mine, "action": "draft", "summary": "Owner's summary."}
    ).content.decode()
    response = client.post(
        edit_url(call),
        {
            **mine,
            "baseline": hidden(body, "baseline"),
            "summary": "Owner's summary.",
            "theirs-summary": hidden(body, "theirs-summary"),
            "seen-summary": hidden(body, "seen-summary"),
            "resolve": "mine:summary",
        },
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.summary == "Owner's summary."


# --- queries ------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [3, 30])
def test_an_autosave_that_meets_conflicts_runs_the_same_queries_for_any_job_size(
    client, owner, manager, reference, django_assert_num_queries, count
):
    job = job_with_requirements(owner, count)
    call = ReferenceCallFactory(called_by=owner, reference=reference, job_order=job)
    for requirement in job.requirements.all():
        ReferenceFindingFactory(call=call, requirement=requirement, quote="Q")
    quotes = [f"finding-{r.pk}-quote" for r in job.requirements.all()[:3]]
    mine, theirs = two_pages(client, owner, manager, call)
    autosave(client, edit_url(call), theirs, summary="Theirs", **dict.fromkeys(quotes, "Theirs"))
    client.force_login(owner)
    with django_assert_num_queries(10):
        response = autosave(
            client, edit_url(call), mine, summary="Mine", **dict.fromkeys(quotes, "Mine")
        )
    assert response.status_code == 409
    assert response.content.decode().count('class="call-conflict alert') == 4
