"""{{ field|plain_field }} writes the HTML crispy's {{ field|as_crispy_field }} writes."""

import datetime

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from django.test.html import parse_html

from accounts.models import User
from core.templatetags.plain_fields import plain_field
from joborders.forms import JobOrderFilterForm
from reviews.forms import ReviewFilterForm
from tests.factories import ClientFactory, UserFactory


class Sample(forms.Form):
    q = forms.CharField(
        max_length=10, required=False, label="Search <title>", help_text="A <b>hint</b>"
    )
    needed = forms.CharField(label="Needed")
    count = forms.IntegerField(required=False, min_value=0)
    email = forms.EmailField(required=False)
    status = forms.ChoiceField(choices=[("", "Any"), ("a", "A & co"), ("b", "B")], required=False)
    grouped = forms.ChoiceField(
        choices=[("", "Any"), ("Group", [("x", "X"), ("y", "Y")])], required=False
    )
    picked = forms.ChoiceField(choices=[("a", "A")])
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    classed = forms.CharField(required=False, widget=forms.TextInput(attrs={"class": "wide"}))
    per_page = forms.TypedChoiceField(
        choices=[(25, "25"), (50, "50")], coerce=int, required=False, empty_value=25
    )


def assert_same_html(make_form):
    """Each field of two fresh forms (crispy changes the widget's classes as it renders)."""
    plain_form, crispy_form = make_form(), make_form()
    for name in plain_form.fields:
        plain = plain_field(plain_form[name])
        crispy = as_crispy_field(crispy_form[name])
        assert parse_html(plain) == parse_html(crispy), name


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"q": "x" * 20, "needed": "", "count": "-3", "email": "no", "status": "b", "day": "bad"},
        {"q": '"><script>', "status": "zzz", "grouped": "y", "picked": "a", "day": "2026-12-07"},
        {"per_page": "50", "count": "4", "classed": "v"},
    ],
)
def test_plain_fields_write_what_crispy_writes(data):
    assert_same_html(lambda: Sample(data, initial={"day": datetime.date(2026, 1, 2)}))


def test_a_field_the_plain_way_does_not_know_is_rendered_by_crispy():
    class Other(forms.Form):
        flag = forms.BooleanField(required=False, label="Flag")
        hidden = forms.CharField(widget=forms.HiddenInput, required=False)
        text = forms.CharField(widget=forms.Textarea, required=False)

    assert_same_html(lambda: Other({"flag": "on"}))


@pytest.mark.django_db
@pytest.mark.parametrize("data", [{}, {"owner": "999999", "client": "x", "status": "nope"}])
def test_the_job_order_filters_write_what_crispy_writes(owner, data):
    ClientFactory(team=owner.team, name="Acme <b>")
    UserFactory(team=owner.team, first_name="Zoë")
    user = User.objects.get(pk=owner.pk)
    assert_same_html(lambda: _valid(JobOrderFilterForm(data, user=user)))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [{}, {"salesperson": "x", "interview_from": "2026-12-09", "interview_to": "2026-12-01"}],
)
def test_the_review_filters_write_what_crispy_writes(manager, owner, data):
    ClientFactory(team=manager.team, name="Acme")
    user = User.objects.get(pk=manager.pk)
    assert_same_html(lambda: _valid(ReviewFilterForm(data, user=user)))


def _valid(form):
    form.is_valid()
    return form


def test_a_model_choice_field_reads_its_options_in_one_query(django_assert_num_queries, owner, db):
    ClientFactory(team=owner.team, name="Acme")
    form = _valid(JobOrderFilterForm({}, user=User.objects.get(pk=owner.pk)))
    with django_assert_num_queries(1):
        html = plain_field(form["client"])
    assert ">Any client</option>" in html and ">Acme</option>" in html
