"""The team's bank of reference questions: everyone in the team reads it, its managers keep it,
and what they add is on the next reference call page."""

import pytest
from django.urls import reverse

from references.models import ReferenceQuestion
from references.services import referencequestion_create
from tests.factories import CandidateFactory, ReferenceFactory

BANK = reverse("references:questions")


def remove_url(question):
    return reverse("references:question_remove", args=[question.pk])


def test_a_manager_adds_a_question_and_it_is_listed_under_its_topic(client, manager):
    client.force_login(manager)
    response = client.post(
        BANK,
        {"text": "What did she do in the first hour of the outage?", "category": "Pressure"},
        follow=True,
    )
    body = response.content.decode()
    assert "Question added to the team&#x27;s bank." in body
    assert '<h3 class="h6 mt-3">Pressure</h3>' in body
    assert "What did she do in the first hour of the outage?" in body
    assert ReferenceQuestion.objects.get().team == manager.team


def test_a_question_in_the_bank_appears_on_the_reference_call_page(client, manager, owner):
    referencequestion_create(team=manager.team, text="Would you hire him again, and why?")
    reference = ReferenceFactory(candidate=CandidateFactory())
    client.force_login(owner)
    url = reverse("references:call_new") + f"?reference={reference.pk}&joborder="
    body = client.get(url).content
    assert "Would you hire him again, and why?" in body.decode()


def test_a_salesperson_reads_the_bank_but_cannot_change_it(client, owner):
    question = referencequestion_create(team=owner.team, text="How did he handle scope creep?")
    client.force_login(owner)
    body = client.get(BANK).content.decode()
    assert "How did he handle scope creep?" in body
    assert "Add a question" not in body and "Remove" not in body
    assert client.post(BANK, {"text": "Sneaky"}).status_code == 403
    assert client.post(remove_url(question)).status_code == 403
    assert ReferenceQuestion.objects.count() == 1


def test_an_empty_or_repeated_question_is_refused_and_the_input_kept(client, manager):
    referencequestion_create(team=manager.team, text="Would you hire her again?")
    client.force_login(manager)
    empty = client.post(BANK, {"text": "   ", "category": "Depth"})
    assert empty.status_code == 422
    assert "This field is required." in empty.content.decode()
    assert 'value="Depth"' in empty.content.decode()
    repeated = client.post(BANK, {"text": "would you hire her AGAIN?"})
    assert repeated.status_code == 422
    assert "That question is already in the team&#x27;s bank." in repeated.content.decode()
    assert ReferenceQuestion.objects.count() == 1


def test_a_manager_removes_a_question(client, manager):
    question = referencequestion_create(team=manager.team, text="Was she ever late on a release?")
    client.force_login(manager)
    body = client.post(remove_url(question), follow=True).content.decode()
    assert "Removed “Was she ever late on a release?”." in body
    assert not ReferenceQuestion.objects.exists()


def test_another_teams_manager_cannot_remove_a_question_or_see_the_bank(
    client, manager, outside_manager
):
    question = referencequestion_create(team=manager.team, text="Our team's own question")
    client.force_login(outside_manager)
    assert "Our team&#x27;s own question" not in client.get(BANK).content.decode()
    assert client.post(remove_url(question)).status_code == 404
    assert ReferenceQuestion.objects.filter(pk=question.pk).exists()


@pytest.mark.parametrize("size", [2, 20])
def test_the_bank_runs_the_same_queries_for_few_or_many_questions(
    client, manager, size, django_assert_num_queries
):
    for n in range(size):
        referencequestion_create(team=manager.team, text=f"Question {n}", category=f"Topic {n % 3}")
    client.force_login(manager)
    # + the unread count in the navigation (reminders)
    with django_assert_num_queries(4):  # session, user with team, the questions
        response = client.get(BANK)
    assert response.content.decode().count('data-testid="question"') == size
