"""What a job order is worth, as the qualification form takes it: contract or permanent,
expected hours, placement fee (the money board's value)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from joborders.models import JobOrder
from joborders.services import joborder_create
from tests.factories import ClientFactory, JobOrderFactory

CREATE = reverse("joborders:create")


def new_job(client_obj, **fields):
    return {
        "client": client_obj.pk,
        "title": "Platform engineer",
        "status": "open",
        "openings": "2",
        **fields,
    }


def test_a_contract_is_saved_with_its_rate_and_expected_hours(client, owner):
    contoso = ClientFactory(owner=owner)
    client.force_login(owner)
    response = client.post(
        CREATE,
        new_job(contoso, employment_type="contract", bill_rate="95.50", expected_hours="1040"),
    )
    assert response.status_code == 302
    job = JobOrder.objects.get()
    assert (job.employment_type, job.bill_rate, job.expected_hours, job.placement_fee) == (
        "contract",
        Decimal("95.50"),
        1040,
        None,
    )


def test_a_permanent_role_is_saved_with_its_placement_fee(client, owner):
    contoso = ClientFactory(owner=owner)
    client.force_login(owner)
    response = client.post(
        CREATE, new_job(contoso, employment_type="permanent", placement_fee="28500.00")
    )
    assert response.status_code == 302
    job = JobOrder.objects.get()
    assert (job.employment_type, job.placement_fee) == ("permanent", Decimal("28500.00"))


def test_a_form_without_the_type_saves_a_contract(client, owner):
    client.force_login(owner)
    assert client.post(CREATE, new_job(ClientFactory(owner=owner))).status_code == 302
    assert JobOrder.objects.get().employment_type == "contract"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("placement_fee", "-1"),
        ("placement_fee", "10.555"),
        ("expected_hours", "-5"),
        ("expected_hours", "0"),
        ("employment_type", "freelance"),
        ("bill_rate", "-0.01"),
    ],
)
def test_a_negative_or_impossible_amount_is_refused_on_the_form(client, owner, field, value):
    client.force_login(owner)
    response = client.post(CREATE, new_job(ClientFactory(owner=owner), **{field: value}))
    assert response.status_code == 422
    assert not JobOrder.objects.exists()


def test_the_form_says_which_currency(client, owner, settings):
    client.force_login(owner)
    body = client.get(CREATE).content.decode()
    assert "Placement fee (USD)" in body and "Bill rate (USD per hour)" in body
    settings.DIALREADY_CURRENCY = "EUR"
    body = client.get(CREATE).content.decode()
    assert "Placement fee (EUR)" in body and "Bill rate (EUR per hour)" in body


def test_the_edit_form_shows_and_keeps_the_value_fields(client, owner):
    job = JobOrderFactory(
        owner=owner, employment_type="permanent", placement_fee=Decimal("30000"), openings=1
    )
    client.force_login(owner)
    body = client.get(reverse("joborders:edit", args=[job.pk])).content.decode()
    assert 'value="30000.00"' in body
    assert '<option value="permanent" selected>' in body


def test_the_service_refuses_a_negative_placement_fee(owner):
    with pytest.raises(ValidationError):
        joborder_create(owner=owner, client=ClientFactory(owner=owner), title="x", placement_fee=-5)


def test_the_detail_page_shows_the_type_and_fee_in_the_firms_currency(client, owner):
    job = JobOrderFactory(
        owner=owner, employment_type="permanent", placement_fee=Decimal("30000"), bill_rate=95
    )
    client.force_login(owner)
    body = client.get(reverse("joborders:detail", args=[job.pk])).content.decode()
    assert "Permanent (direct hire)" in body and "$30,000" in body and "$95 per hour" in body
