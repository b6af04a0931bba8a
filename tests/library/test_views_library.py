import pytest
from django.urls import reverse

from callplans.models import LibraryStatus, Objection, ObjectionTemplate
from callplans.services import (
    closingquestion_create,
    libraryentry_retire,
    objectiontemplate_create,
    objectiontemplate_update,
)
from tests.factories import (
    ClosingQuestionFactory,
    FeedbackCallFactory,
    ObjectionTemplateFactory,
)

pytestmark = pytest.mark.django_db
INDEX = reverse("library:index")


def add_url(kind="template"):
    return reverse(f"library:{kind}_add")


def entry_url(name, template):
    return reverse(f"library:template_{name}", args=[template.pk])


@pytest.fixture
def template(team):
    return objectiontemplate_create(
        team=team,
        category="skill_gap",
        text="No Terraform",
        rebuttal="Four years of CloudFormation",
    )


def test_a_salesperson_browses_and_proposes(client, owner, template):
    client.force_login(owner)
    body = client.get(INDEX).content.decode()
    assert "No Terraform" in body and "Four years of CloudFormation" in body
    assert entry_url("retire", template) not in body  # no manager buttons
    response = client.post(
        add_url(),
        {"t-category": "other", "t-text": "Rate is high", "t-rebuttal": "Saved a hire last time"},
        follow=True,
    )
    assert "a manager will accept or decline it" in response.content.decode()
    proposal = ObjectionTemplate.objects.get(text="Rate is high")
    assert (proposal.status, proposal.proposed_by) == (LibraryStatus.PROPOSED, owner)


def test_a_manager_accepts_a_proposal(client, owner, manager, team):
    proposal = objectiontemplate_create(
        team=team, category="other", text="Rate", rebuttal="Value", added_by=owner
    )
    client.force_login(manager)
    assert "Proposed by" in client.get(INDEX).content.decode()
    client.post(entry_url("accept", proposal))
    assert ObjectionTemplate.objects.get(pk=proposal.pk).status == LibraryStatus.ACTIVE


def test_a_salesperson_may_not_accept_and_an_outsider_does_not_see_it(
    client, owner, outside_manager, template
):
    client.force_login(owner)
    assert client.post(entry_url("retire", template)).status_code == 403
    assert client.get(entry_url("edit", template)).status_code == 403
    client.force_login(outside_manager)
    assert client.post(entry_url("retire", template)).status_code == 404
    assert "No Terraform" not in client.get(INDEX).content.decode()


def test_a_stale_edit_answers_409_and_keeps_the_typed_text(client, manager, template):
    objectiontemplate_update(
        template=template, version=1, category="skill_gap", text="No Terraform", rebuttal="Newer"
    )
    client.force_login(manager)
    response = client.post(
        entry_url("edit", template),
        {"version": 1, "category": "skill_gap", "text": "No Terraform", "rebuttal": "Mine, typed"},
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else saved this library entry" in body and "Mine, typed" in body
    assert ObjectionTemplate.objects.get(pk=template.pk).rebuttal == "Newer"


def test_a_yes_opening_a_not_solved_before_rebuttal_is_refused_beside_the_field(client, manager):
    client.force_login(manager)
    response = client.post(
        add_url(),
        {"t-category": "not_solved_before", "t-text": "Solved it?", "t-rebuttal": "Yes, at Acme"},
    )
    assert response.status_code == 422
    assert "do not open the rebuttal with “Yes”" in response.content.decode()
    assert not ObjectionTemplate.objects.exists()


def test_a_retired_entry_shows_under_retired_and_the_search_filters(client, owner, team, template):
    other = objectiontemplate_create(team=team, category="scope", text="Team too big", rebuttal="r")
    libraryentry_retire(entry=other)
    client.force_login(owner)
    body = client.get(INDEX).content.decode()
    retired = body[body.index('id="retired-h"') :]
    assert "Team too big" in retired and "1 retired entry" in retired
    searched = client.get(INDEX, {"q": "cloudformation"}).content.decode()
    assert "No Terraform" in searched and "Team too big" not in searched


def test_a_manager_merges_and_reorders(client, manager, team, template):
    twin = objectiontemplate_create(
        team=team, category="skill_gap", text="Terraform missing", rebuttal="Same practice"
    )
    client.force_login(manager)
    client.post(entry_url("up", twin))
    assert ObjectionTemplate.objects.filter(status="active").first() == twin
    client.post(entry_url("merge", twin), {"target": template.pk})
    twin.refresh_from_db()
    assert (twin.status, twin.merged_into) == (LibraryStatus.RETIRED, template)


def test_closing_questions_are_proposed_and_edited(client, owner, manager, team):
    client.force_login(owner)
    client.post(add_url("question"), {"c-text": "Offer by Friday?"})
    question = team.closing_questions.get()
    assert question.status == LibraryStatus.PROPOSED
    client.force_login(manager)
    client.post(reverse("library:question_accept", args=[question.pk]))
    edit = reverse("library:question_edit", args=[question.pk])
    client.post(edit, {"version": 2, "text": "Shall I ask for an offer by Friday?"})
    question.refresh_from_db()
    assert (question.status, question.text) == ("active", "Shall I ask for an offer by Friday?")


@pytest.mark.parametrize("size", [3, 30])
def test_the_library_page_runs_the_same_queries_for_3_or_30_entries(
    client, owner, team, plan, size, django_assert_num_queries
):
    for n in range(size):
        template = ObjectionTemplateFactory(team=team, text=f"Objection {n}")
        Objection.objects.create(plan=plan, category="skill_gap", text="o", template=template)
        closingquestion_create(team=team, text=f"Question {n}")
    libraryentry_retire(entry=template)
    client.force_login(owner)
    # session, user, the templates with their records, the closing questions with theirs, ...
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(6):
        response = client.get(INDEX, {"sort": "raised"})
    assert response.content.decode().count('data-testid="library-entry"') == size - 1


def test_edit_opens_the_form_inside_the_row_over_htmx(client, manager, template):
    client.force_login(manager)
    index = client.get(INDEX).content.decode()
    assert f'data-hx-get="{entry_url("edit", template)}"' in index
    body = client.get(entry_url("edit", template), HTTP_HX_REQUEST="true").content.decode()
    assert body.lstrip().startswith("<form") and "<html" not in body
    assert f'action="{entry_url("edit", template)}"' in body
    assert "Four years of CloudFormation" in body
    full = client.get(entry_url("edit", template)).content.decode()
    assert "<html" in full and 'data-testid="library-edit-form"' in full


def test_the_closing_questions_sort_by_their_figures_on_the_page(client, owner, team):
    ClosingQuestionFactory(team=team, text="Never asked")
    winner = ClosingQuestionFactory(team=team, text="Shall I extend the offer?")
    FeedbackCallFactory(closing_question_asked=winner)
    client.force_login(owner)
    page = client.get(reverse("library:index"), {"qsort": "offers"}).text
    assert page.index("Shall I extend the offer?") < page.index("Never asked")
    assert "1 ended in an offer (100%)" in page
    assert '<strong aria-current="true">Offers</strong>' in page
