import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from pypdf import PdfReader

from callplans import pdf
from callplans.pdf import APP_ORIGIN, StaticOnlyFetcher, callplan_pdf
from callplans.services import objection_add
from candidates.services import candidate_update
from joborders.models import JobOrder
from references.models import ReferenceFinding
from references.services import finding_record
from tests.factories import ReferenceCallFactory, RequirementFactory

NASTY = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<img src=file:///etc/passwd>",
    "{{ 7*7 }}",
]


def pdf_text(document: bytes) -> str:
    reader = PdfReader(io.BytesIO(document))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def test_the_pdf_carries_client_candidate_objections_and_rebuttals(client, owner, plan):
    objection_add(
        plan=plan, category="skill_gap", text="Light on Kubernetes", rebuttal="Five years on EKS"
    )
    objection_add(plan=plan, category="scope", text="Our team is bigger", rebuttal="Led ten people")
    client.force_login(owner)
    response = client.get(reverse("callplans:pdf", args=[plan.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in [
        str(plan.submittal.job_order.client),
        "Alex Morgan",
        "Light on Kubernetes",
        "Five years on EKS",
        "Our team is bigger",
        "Led ten people",
        "+1 512 555 0147",
        "Confidential",
        "Page 1 of",
    ]:
        assert expected in text


@pytest.mark.parametrize(("paper", "width_pt"), [("a4", 595), ("letter", 612)])
def test_the_paper_size_is_the_users_choice(client, owner, plan, paper, width_pt):
    client.force_login(owner)
    response = client.get(reverse("callplans:pdf", args=[plan.pk]), {"paper": paper})
    width = PdfReader(io.BytesIO(response.content)).pages[0].mediabox.width
    assert round(width) == width_pt


def test_hostile_text_is_printed_literally_and_long_fields_still_render(owner, plan):
    for nasty in NASTY:
        objection_add(plan=plan, category="other", text=nasty, rebuttal=nasty + " " + "x" * 3900)
    text = pdf_text(callplan_pdf(plan=plan, paper="letter"))
    assert "<script>alert(1)</script>" in text
    assert "<img src=file:///etc/passwd>" in text
    assert "{{ 7*7 }}" in text
    assert "root:x:0:0" not in text


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:8000/healthz",
        "https://example.com/x.css",
        f"{APP_ORIGIN}static/../../config/settings.py",
        f"{APP_ORIGIN}media/secret.pdf",
    ],
)
def test_the_pdf_fetcher_refuses_anything_but_the_apps_static_files(url):
    with pytest.raises(ValueError):
        StaticOnlyFetcher().fetch(url)


def test_the_pdf_fetcher_serves_the_apps_own_stylesheet():
    response = StaticOnlyFetcher().fetch(f"{APP_ORIGIN}static/css/plan_pdf.css")
    assert b"@page" in response.read()


@pytest.fixture
def renders(monkeypatch):
    """How many times WeasyPrint actually ran (the PDF was not served from the cache)."""
    calls = []
    real = pdf._pdf_of

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pdf, "_pdf_of", counting)
    return calls


def test_an_unchanged_plan_is_served_from_the_cache_and_an_edit_renders_anew(owner, plan, renders):
    first = callplan_pdf(plan=plan, paper="letter")
    assert callplan_pdf(plan=plan, paper="letter") == first
    assert len(renders) == 1
    objection_add(plan=plan, category="other", text="A new objection", rebuttal="Answered")
    second = callplan_pdf(plan=plan, paper="letter")
    assert len(renders) == 2
    assert "A new objection" in pdf_text(second)
    assert "A new objection" not in pdf_text(first)


def test_a_change_outside_the_plan_itself_renders_the_pdf_anew(client, owner, plan, renders):
    url = reverse("callplans:pdf", args=[plan.pk])
    client.force_login(owner)
    client.get(url)
    candidate = plan.submittal.candidate
    candidate_update(
        candidate=candidate, version=candidate.version, first_name="Alexandra", last_name="Morgan"
    )
    response = client.get(url)
    assert "Alexandra Morgan" in pdf_text(response.content)
    assert 'filename="call-plan-alexandra-morgan-' in response["Content-Disposition"]
    assert len(renders) == 2


def test_an_outsider_cannot_download_the_pdf(client, outsider, plan):
    client.force_login(outsider)
    assert client.get(reverse("callplans:pdf", args=[plan.pk])).status_code == 404


def test_the_pdf_follows_the_job_order_title_and_a_reference_quote(owner, plan, renders):
    """The cache is keyed by the exact print HTML: whatever the PDF shows, changed, renders anew."""
    job_order = plan.submittal.job_order
    requirement = RequirementFactory(job_order=job_order, description="Tame the release train")
    call = ReferenceCallFactory(
        reference__candidate=plan.submittal.candidate, called_by=owner, job_order=job_order
    )
    finding = finding_record(
        call=call, requirement=requirement, assessment="strong", quote="Shipped weekly by June."
    )
    first = pdf_text(callplan_pdf(plan=plan, paper="letter"))
    assert "Shipped weekly by June." in first

    JobOrder.objects.filter(pk=job_order.pk).update(title="Principal Platform Engineer")
    assert "Principal Platform Engineer" in pdf_text(callplan_pdf(plan=plan, paper="letter"))

    ReferenceFinding.objects.filter(pk=finding.pk).update(quote="Shipped daily by July.")
    third = pdf_text(callplan_pdf(plan=plan, paper="letter"))
    assert "Shipped daily by July." in third
    assert "Shipped weekly by June." not in third
    assert len(renders) == 3


def test_nothing_changed_means_the_cached_pdf_without_weasyprint(client, owner, plan, renders):
    client.force_login(owner)
    url = reverse("callplans:pdf", args=[plan.pk])
    first = client.get(url)
    for _ in range(3):
        again = client.get(url)
        assert again.content == first.content
        assert again["Content-Disposition"] == first["Content-Disposition"]
    assert len(renders) == 1
    client.get(url, {"paper": "a4"})  # another paper is another document
    assert len(renders) == 2
