"""The reference call page: /references/calls/new/ and /references/calls/<pk>/edit/.

A salesperson on the phone must never lose notes: every change autosaves, each valid field is
stored, invalid ones are reported next to the field, and nothing the user types is replaced."""

import html
import re
import uuid
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from joborders.models import JobOrder, Requirement
from references.models import ReferenceCall, ReferenceFinding
from tests.factories import (
    JobOrderFactory,
    ReferenceCallFactory,
    ReferenceFindingFactory,
    ReferenceQuestionFactory,
    RequirementFactory,
)
from tests.references.conftest import requirement_of

HTMX = {"HTTP_HX_REQUEST": "true"}


def new_url(reference, job=None) -> str:
    job_pk = "" if job is None else job.pk
    return f"{reverse('references:call_new')}?reference={reference.pk}&joborder={job_pk}"


def edit_url(call) -> str:
    return reverse("references:call_edit", args=[call.pk])


def hidden(body: str, name: str) -> str:
    match = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', body)
    assert match, f"no hidden {name} input"
    return html.unescape(match.group(1))


class FormValues(HTMLParser):
    """The values a browser would submit from the call form, as the page shows them."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "textarea":
            self.textarea = name
            self.values[name] = ""
        elif tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = attrs.get("type", "text")
            if kind in {"radio", "checkbox"}:
                if "checked" in attrs:
                    self.values[name] = attrs.get("value", "on")
            elif kind != "submit":
                self.values[name] = attrs.get("value") or ""

    def handle_data(self, data):
        if self.textarea:
            self.values[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea:
            self.values[self.textarea] = self.values[self.textarea].removeprefix("\n")
            self.textarea = None


def page_state(response) -> dict:
    """What the browser would post back untouched: every field of the call page as shown."""
    parser = FormValues()
    parser.feed(response.content.decode())
    assert {"draft_key", "version", "baseline"} <= set(parser.values)
    return parser.values


def start(client, user, reference, job=None) -> dict:
    client.force_login(user)
    response = client.get(new_url(reference, job))
    assert response.status_code == 200
    return page_state(response)


def autosave(client, url, state, **fields):
    return client.post(url, {**state, "autosave": "1", **fields}, **HTMX)


def finding(job, kind, part):
    return f"finding-{requirement_of(job, kind).pk}-{part}"


# --- the page -------------------------------------------------------------------------------


def test_the_new_call_page_shows_the_job_to_share_and_a_prompt_per_requirement(
    client, owner, job, reference
):
    ReferenceQuestionFactory(team=owner.team, text="What would you not hand to Alex?")
    client.force_login(owner)
    body = client.get(new_url(reference, job)).content.decode()
    assert "Share the job with the reference" in body
    assert job.project_goal in body
    assert (
        "Tell me about a time Alex solved a challenge like this: stabilise a flaky pipeline…"
        in body
    )
    assert "Tell me about a time Alex used Kubernetes. How deep did it go?" in body
    assert f'name="{finding(job, "challenge", "assessment")}"' in body
    assert f'name="{finding(job, "challenge", "quote")}"' in body
    assert "What would you not hand to Alex?" in body
    assert "Would they hire Alex again?" in body


def test_opening_the_new_call_page_saves_nothing(client, owner, job, reference):
    state = start(client, owner, reference, job)
    uuid.UUID(state["draft_key"])
    assert not ReferenceCall.objects.exists()


def test_each_visit_to_the_new_call_page_starts_a_fresh_draft(client, owner, job, reference):
    assert (
        start(client, owner, reference, job)["draft_key"]
        != start(client, owner, reference, job)["draft_key"]
    )


def test_a_call_without_a_job_has_general_notes_only(client, owner, reference):
    state = start(client, owner, reference)
    body = client.get(new_url(reference)).content.decode()
    assert "finding-" not in body
    assert "No job order for this call" in body
    response = client.post(new_url(reference), {**state, "summary": "Solid engineer."})
    call = ReferenceCall.objects.get()
    assert response.status_code == 302
    assert (call.job_order, call.summary) == (None, "Solid engineer.")


# --- autosave -------------------------------------------------------------------------------


def test_autosave_creates_the_draft_on_the_first_change_and_finds_it_on_the_next(
    client, owner, job, reference
):
    state = start(client, owner, reference, job)
    first = autosave(client, new_url(reference, job), state, summary="Calm under pressure.")
    second = autosave(client, new_url(reference, job), state, summary="Calm. Teaches others.")
    call = ReferenceCall.objects.get()
    assert (first.status_code, second.status_code) == (200, 200)
    assert str(call.draft_key) == state["draft_key"]
    assert (call.reference, call.job_order, call.called_by) == (reference, job, owner)
    assert (call.team, call.status) == (owner.team, ReferenceCall.Status.DRAFT)
    assert call.summary == "Calm. Teaches others."
    assert "Draft saved" in second.content.decode()


def test_after_the_first_save_the_address_becomes_the_calls_edit_page(
    client, owner, job, reference
):
    state = start(client, owner, reference, job)
    first = autosave(client, new_url(reference, job), state, summary="x")
    second = autosave(client, new_url(reference, job), state, summary="xy")
    call = ReferenceCall.objects.get()
    assert first["HX-Replace-Url"] == edit_url(call)
    assert "HX-Replace-Url" not in second


def test_autosave_keeps_the_quote_and_other_fields_when_the_rating_is_invalid(
    client, owner, job, reference
):
    state = start(client, owner, reference, job)
    quote = finding(job, "challenge", "quote")
    response = autosave(
        client,
        new_url(reference, job),
        state,
        rating="9",
        summary="Rebuilt our pipeline in a month.",
        strengths="Automates everything.",
        would_rehire="yes",
        **{quote: "She cut release time from two days to twenty minutes."},
    )
    body = response.content.decode()
    call = ReferenceCall.objects.get()
    saved = call.findings.get()
    assert response.status_code == 200  # the save happened; the rating is reported
    assert "The rating must be between 1 and 5." in body
    assert 'id="errors-rating"' in body and 'data-hx-swap-oob="true"' in body
    assert "<textarea" not in body and 'name="rating"' not in body  # typed inputs stay as they are
    assert call.rating is None
    assert (call.summary, call.strengths) == (
        "Rebuilt our pipeline in a month.",
        "Automates everything.",
    )
    assert call.would_rehire == "yes"
    assert saved.quote == "She cut release time from two days to twenty minutes."
    assert saved.assessment == ""  # not assessed yet, but kept


def test_fixing_the_rating_clears_its_error_next_to_the_field(client, owner, job, reference):
    state = start(client, owner, reference, job)
    autosave(client, new_url(reference, job), state, rating="9")
    response = autosave(client, new_url(reference, job), state, rating="4")
    body = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<div id="errors-rating"[^>]*data-hx-swap-oob="true">\s*</div>', body)
    assert ReferenceCall.objects.get().rating == 4


def test_an_assessment_and_a_quote_are_saved_per_requirement(client, owner, job, reference):
    state = start(client, owner, reference, job)
    autosave(
        client,
        new_url(reference, job),
        state,
        **{
            finding(job, "challenge", "assessment"): "strong",
            finding(job, "challenge", "quote"): "Best release engineer I had.",
            finding(job, "result", "assessment"): "concern",
        },
    )
    findings = {
        f.requirement.kind: (f.assessment, f.quote)
        for f in ReferenceFinding.objects.select_related("requirement")
    }
    assert findings == {
        "challenge": ("strong", "Best release engineer I had."),
        "result": ("concern", ""),
    }


def test_rows_left_empty_create_no_findings(client, owner, job, reference):
    state = start(client, owner, reference, job)
    autosave(client, new_url(reference, job), state, summary="General notes only.")
    assert not ReferenceFinding.objects.exists()


def test_emptying_a_row_forgets_what_was_noted(client, owner, job, reference):
    challenge = requirement_of(job, "challenge")
    call = ReferenceCallFactory(called_by=owner, reference=reference, job_order=job)
    ReferenceFindingFactory(call=call, requirement=challenge, assessment="strong", quote="Great.")
    client.force_login(owner)
    state = page_state(client.get(edit_url(call)))
    row = {f"finding-{challenge.pk}-assessment": "", f"finding-{challenge.pk}-quote": ""}
    autosave(client, edit_url(call), state, **row)
    assert not call.findings.exists()


def test_a_save_that_changes_nothing_writes_nothing(
    client, owner, job, reference, django_assert_num_queries
):
    call = ReferenceCallFactory(called_by=owner, reference=reference, job_order=job, summary="S")
    client.force_login(owner)
    state = page_state(client.get(edit_url(call)))
    before = ReferenceCall.objects.get().updated_at
    response = autosave(client, edit_url(call), state, summary="S", would_rehire="yes", rating="4")
    assert response.status_code == 200
    assert ReferenceCall.objects.get().updated_at == before


# --- explicit saves and finishing -----------------------------------------------------------


def test_save_draft_without_javascript_saves_and_reopens_the_edit_page(
    client, owner, job, reference
):
    state = start(client, owner, reference, job)
    response = client.post(
        new_url(reference, job), {**state, "action": "draft", "concerns": "Python is thin."}
    )
    call = ReferenceCall.objects.get()
    assert response.status_code == 302 and response["Location"] == edit_url(call)
    assert call.concerns == "Python is thin."
    page = client.get(edit_url(call)).content.decode()
    assert "Python is thin." in page and "Draft saved." in page


def test_without_javascript_an_error_rerenders_the_page_with_every_input_kept(
    client, owner, job, reference
):
    state = start(client, owner, reference, job)
    quote = finding(job, "challenge", "quote")
    response = client.post(
        new_url(reference, job),
        {**state, "action": "draft", "rating": "9", quote: "Fixed the flaky pipeline."},
    )
    body = response.content.decode()
    call = ReferenceCall.objects.get()
    assert response.status_code == 422
    assert "The rating must be between 1 and 5." in body
    assert 'value="9"' in body and "Fixed the flaky pipeline." in body
    assert 'aria-invalid="true"' in body
    assert f'action="{edit_url(call)}"' in body  # the next save finds the same draft
    assert call.findings.get().quote == "Fixed the flaky pipeline."


def test_finishing_the_call_marks_it_complete_and_opens_its_page(client, owner, job, reference):
    state = start(client, owner, reference, job)
    response = client.post(
        new_url(reference, job), {**state, "action": "finish", "rating": "5"}, **HTMX
    )
    call = ReferenceCall.objects.get()
    assert response["HX-Redirect"] == reverse("references:call_detail", args=[call.pk])
    assert (call.status, call.rating, call.version) == ("complete", 5, 2)


def test_finishing_without_javascript_redirects_to_the_call(client, owner, job, reference):
    state = start(client, owner, reference, job)
    response = client.post(new_url(reference, job), {**state, "action": "finish"})
    call = ReferenceCall.objects.get()
    assert response["Location"] == reverse("references:call_detail", args=[call.pk])
    assert call.status == "complete"


def test_an_invalid_field_blocks_finishing_but_the_rest_is_saved(client, owner, job, reference):
    state = start(client, owner, reference, job)
    response = client.post(
        new_url(reference, job),
        {**state, "action": "finish", "rating": "0", "summary": "Keep me."},
        **HTMX,
    )
    call = ReferenceCall.objects.get()
    assert response.status_code == 422
    assert "The call is not finished yet" in response.content.decode()
    assert (call.status, call.summary, call.version) == ("draft", "Keep me.", 1)


def test_an_autosave_fired_while_the_finish_button_has_focus_does_not_finish(
    client, owner, job, reference
):
    state = start(client, owner, reference, job)
    autosave(client, new_url(reference, job), state, action="finish", summary="Still talking.")
    assert ReferenceCall.objects.get().status == "draft"


def test_finishing_a_call_someone_else_finished_meanwhile_is_a_conflict(
    client, owner, manager, job, reference
):
    call = ReferenceCallFactory(called_by=owner, reference=reference, job_order=job)
    client.force_login(owner)
    mine = page_state(client.get(edit_url(call)))
    client.force_login(manager)
    theirs = page_state(client.get(edit_url(call)))
    client.post(edit_url(call), {**theirs, "action": "finish", "summary": "Manager's view."})

    client.force_login(owner)
    response = client.post(
        edit_url(call), {**mine, "action": "finish", "concerns": "Owner's note."}, **HTMX
    )
    call.refresh_from_db()
    assert response.status_code == 409
    assert "Someone else changed this call since you opened it" in response.content.decode()
    assert (call.summary, call.concerns, call.version) == ("Manager's view.", "Owner's note.", 2)


def test_without_javascript_a_conflict_rerenders_the_page_with_the_input_kept(
    client, owner, job, reference
):
    call = ReferenceCallFactory(called_by=owner, reference=reference, job_order=job)
    client.force_login(owner)
    state = page_state(client.get(edit_url(call)))
    ReferenceCall.objects.filter(pk=call.pk).update(version=7)
    response = client.post(edit_url(call), {**state, "action": "finish", "summary": "Mine."})
    assert response.status_code == 409
    assert "Mine." in response.content.decode()


# --- two people on one call: each keeps the fields they changed ----------------------------


def test_two_people_autosaving_one_call_each_keep_the_fields_they_changed(
    client, owner, manager, job, reference
):
    call = ReferenceCallFactory(
        called_by=owner, reference=reference, job_order=job, summary="Old", concerns="Old"
    )
    client.force_login(owner)
    mine = page_state(client.get(edit_url(call)))
    client.force_login(manager)
    theirs = page_state(client.get(edit_url(call)))

    client.force_login(owner)
    autosave(client, edit_url(call), mine, summary="Owner's summary", concerns="Old")
    client.force_login(manager)
    autosave(client, edit_url(call), theirs, summary="Old", concerns="Manager's concern")

    call.refresh_from_db()
    assert (call.summary, call.concerns) == ("Owner's summary", "Manager's concern")


def test_after_an_autosave_a_field_is_written_again_only_when_changed_again(
    client, owner, manager, job, reference
):
    call = ReferenceCallFactory(called_by=owner, reference=reference, job_order=job, summary="")
    client.force_login(owner)
    state = page_state(client.get(edit_url(call)))
    body = autosave(client, edit_url(call), state, summary="Mine").content.decode()
    state["baseline"] = hidden(body, "baseline")  # htmx swaps the new baseline in
    ReferenceCall.objects.filter(pk=call.pk).update(summary="Manager's later edit")

    autosave(client, edit_url(call), state, summary="Mine", concerns="New concern")
    call.refresh_from_db()
    assert (call.summary, call.concerns) == ("Manager's later edit", "New concern")


# --- access -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["owner", "manager", "superuser"])
def test_the_caller_the_managers_and_superusers_may_edit_a_call(
    request, client, owner, job, reference, role
):
    call = ReferenceCallFactory(called_by=owner, reference=reference, job_order=job)
    client.force_login(request.getfixturevalue(role))
    state = page_state(client.get(edit_url(call)))
    response = autosave(client, edit_url(call), state, summary=f"By {role}")
    call.refresh_from_db()
    assert response.status_code == 200
    assert call.summary == f"By {role}"


@pytest.mark.parametrize(("role", "status"), [("teammate", 403), ("outsider", 404)])
def test_teammates_may_not_change_a_call_and_outsiders_do_not_see_it(
    request, client, owner, job, reference, role, status
):
    call = ReferenceCallFactory(called_by=owner, reference=reference, job_order=job, summary="S")
    client.force_login(request.getfixturevalue(role))
    state = {"draft_key": str(call.draft_key), "version": "1", "baseline": ""}
    assert client.get(edit_url(call)).status_code == status
    assert autosave(client, edit_url(call), state, summary="Hijack").status_code == status
    assert autosave(client, new_url(reference), state, summary="Hijack").status_code == status
    call.refresh_from_db()
    assert call.summary == "S"


def test_a_call_cannot_be_started_on_another_teams_job(client, outsider, job, reference):
    client.force_login(outsider)
    assert client.get(new_url(reference, job)).status_code == 404
    state = {"draft_key": str(uuid.uuid4()), "version": "1", "baseline": ""}
    assert autosave(client, new_url(reference, job), state, summary="x").status_code == 404
    assert not ReferenceCall.objects.exists()


def test_a_user_without_a_team_cannot_start_a_call(client, superuser, reference):
    client.force_login(superuser)
    assert client.get(new_url(reference)).status_code == 403


def test_an_unknown_reference_is_a_404(client, owner):
    client.force_login(owner)
    assert client.get(reverse("references:call_new") + "?reference=999999").status_code == 404
    assert client.get(reverse("references:call_new") + "?reference=abc").status_code == 404
    assert client.get(reverse("references:call_new")).status_code == 404


def test_a_save_without_a_draft_key_is_refused_without_creating_anything(client, owner, reference):
    client.force_login(owner)
    response = client.post(new_url(reference), {"summary": "x"})
    assert response.status_code == 400
    assert not ReferenceCall.objects.exists()


# --- picking the job ----------------------------------------------------------------------


def test_without_a_job_the_page_offers_the_teams_open_jobs_submitted_ones_first(
    client, owner, outsider, job, reference, submittal
):
    other = JobOrderFactory(owner=owner, title="Data engineer")
    JobOrderFactory(owner=owner, title="Filled role", status=JobOrder.Status.FILLED)
    JobOrderFactory(owner=outsider, title="Other team's role")
    client.force_login(owner)
    body = client.get(f"{reverse('references:call_new')}?reference={reference.pk}").content.decode()
    assert body.index("Submitted to") < body.index(job.title) < body.index(other.title)
    assert "Filled role" not in body and "Other team&#x27;s role" not in body
    assert f'<option value="{job.pk}" selected>' in body
    assert "No job order: general notes only" in body


# --- queries ------------------------------------------------------------------------------


def job_with_requirements(owner, count):
    job = JobOrderFactory(owner=owner)
    RequirementFactory.create_batch(count, job_order=job, kind=Requirement.Kind.CHALLENGE)
    return job


@pytest.mark.parametrize("count", [3, 30])
def test_the_new_call_page_runs_the_same_queries_for_any_job_size(
    client, owner, reference, django_assert_num_queries, count
):
    job = job_with_requirements(owner, count)
    ReferenceQuestionFactory.create_batch(count, team=owner.team)
    client.force_login(owner)
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(7):
        client.get(new_url(reference, job))


@pytest.mark.parametrize("count", [3, 30])
def test_the_edit_page_runs_the_same_queries_for_any_number_of_findings(
    client, owner, reference, django_assert_num_queries, count
):
    job = job_with_requirements(owner, count)
    call = ReferenceCallFactory(called_by=owner, reference=reference, job_order=job)
    for requirement in job.requirements.all():
        ReferenceFindingFactory(call=call, requirement=requirement)
    client.force_login(owner)
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(7):
        client.get(edit_url(call))


@pytest.mark.parametrize("count", [3, 30])
def test_an_autosave_runs_the_same_queries_for_any_job_size(
    client, owner, reference, django_assert_num_queries, count
):
    job = job_with_requirements(owner, count)
    call = ReferenceCallFactory(called_by=owner, reference=reference, job_order=job)
    for requirement in job.requirements.all():
        ReferenceFindingFactory(call=call, requirement=requirement)
    first = job.requirements.first()
    client.force_login(owner)
    state = page_state(client.get(edit_url(call)))
    # the call is read again under a row lock so two saves compare against each other
    with django_assert_num_queries(20):
        response = autosave(
            client, edit_url(call), state, summary="New", **{f"finding-{first.pk}-quote": "Q"}
        )
    assert response.status_code == 200


# --- anything a browser (or an attacker) may post ---------------------------------------------

nasty_text = st.one_of(
    st.text(max_size=200),
    st.just("x" * 10_000),
    st.just("<script>alert(1)</script>"),
    st.just("'; DROP TABLE references_referencecall; --"),
    st.just("\x00nul"),
    st.just("ünïcødé ✓ 日本語 \u202e"),
    st.sampled_from(["-1", "0", "9", "3.5", "1e9", "99999999999999999999", ""]),
)
maybe = st.one_of(st.none(), nasty_text)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    fields=st.fixed_dictionaries(
        {},
        optional={
            "rating": maybe,
            "would_rehire": maybe,
            "summary": maybe,
            "strengths": maybe,
            "concerns": maybe,
            "job_details_shared": maybe,
            "version": maybe,
            "baseline": maybe,
            "draft_key": maybe,
            "action": st.sampled_from(["draft", "finish", "nonsense"]),
            "quote": maybe,
            "assessment": maybe,
        },
    ),
    htmx=st.booleans(),
)
def test_whatever_is_posted_the_call_page_never_fails(client, owner, job, reference, fields, htmx):
    client.force_login(owner)
    challenge = requirement_of(job, "challenge")
    data = {"draft_key": str(uuid.uuid4()), "version": "1"}
    for name, value in fields.items():
        key = {
            "quote": f"finding-{challenge.pk}-quote",
            "assessment": f"finding-{challenge.pk}-assessment",
        }
        if value is not None:
            data[key.get(name, name)] = value
    response = client.post(new_url(reference, job), data, **(HTMX if htmx else {}))
    assert response.status_code in {200, 302, 400, 409, 422}
    if response.status_code == 422:
        assert "text-danger-emphasis" in response.content.decode()
    if "\x00" in data.get("summary", ""):
        # an htmx autosave answers 200 with the refused fields listed; a full save refuses
        assert response.status_code in ({200, 400, 422} if htmx else {400, 422})
        assert all("\x00" not in call.summary for call in ReferenceCall.objects.all())
