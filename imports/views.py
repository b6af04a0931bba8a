"""/import/: upload → (map the columns) → preview → confirm → result, for a team's members."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from accounts.types import AuthedRequest
from core.csvexport import csv_response
from core.forms import add_service_errors
from imports import services
from imports.forms import MappingForm, UploadForm
from imports.layouts import FIELD_LABELS
from imports.models import ImportRun
from imports.selectors import get_importrun_for_user, importproblems_of, importruns_for
from imports.services import PROBLEMS_SHOWN, importrun_progress
from imports.tasks import analyse_import, execute_import

PAGE = "imports/run.html"


def _big(run: ImportRun) -> bool:
    return run.size > settings.IMPORT_INLINE_MAX_BYTES


def _analyse(run: ImportRun) -> None:
    if _big(run):
        analyse_import.enqueue(run.pk)
    else:
        services.importrun_analyse(run_id=run.pk)


@require_http_methods(["GET", "POST"])
def index(request: AuthedRequest):
    runs = importruns_for(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > settings.IMPORT_MAX_BYTES:
                    raise ValidationError(
                        {
                            "file": f"The file is {upload.size / 1_000_000:.1f} MB; DialReady "
                            f"imports files of up to {settings.IMPORT_MAX_BYTES // 1_000_000} MB. "
                            "Split it into smaller files."
                        }
                    )
                run = services.importrun_create(
                    user=request.user, kind=form.cleaned_data["kind"], file=upload
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if run.status == ImportRun.Status.ANALYSING:
                    _analyse(run)
                return redirect("imports:run", pk=run.pk)
        status = 422
    return render(request, "imports/index.html", {"form": form, "runs": runs}, status=status)


def _context(run: ImportRun, **extra) -> dict:
    problems = []
    if run.status in (ImportRun.Status.PREVIEWED, ImportRun.Status.DONE):
        problems = list(importproblems_of(run, limit=PROBLEMS_SHOWN))
    counts = run.preview.get("counts", {})
    fields = FIELD_LABELS[run.kind]
    shown = _shown(run.kind, [f for f in fields if f in set(run.mapping.values())])
    return {
        "run": run,
        "progress": importrun_progress(run),
        "problems": problems,
        "counts": counts,
        "result": run.result,
        "sample": _sample(run.preview.get("sample", []), shown),
        "sample_fields": [(f, fields[f]) for f in shown],
        "unknown_skills": run.preview.get("unknown_skills", []),
        "notes": run.preview.get("notes", []),
        "more_problems": counts.get("refused", 0) and len(problems) >= PROBLEMS_SHOWN,
        **extra,
    }


def _sample(rows: list[dict], shown: list[str]) -> list[tuple]:
    def display(value) -> str:
        if isinstance(value, list):  # skills: [name, years]
            return ", ".join(f"{n} ({y} y)" if y is not None else n for n, y in value)
        return "" if value is None else str(value)

    return [(r["line"], r["action"], [display(r.get(f)) for f in shown]) for r in rows]


def _shown(kind: str, mapped: list[str]) -> list[str]:
    """The stored fields the preview's table shows: what the file fills, named as stored."""
    stored = {
        "candidates": [
            "first_name",
            "last_name",
            "email",
            "phone",
            "headline",
            "location",
            "status",
            "skills",
        ],
        "job_orders": ["title", "client", "status", "openings", "received_on", "requirements"],
        "clients": ["name", "industry", "website"],
        "contacts": ["name", "client", "title", "email", "phone"],
    }[kind]
    wanted = set(mapped) | {"first_name", "last_name", "title", "name"}
    if "name" in mapped:
        wanted |= {"first_name", "last_name"}
    if "mobile" in mapped:
        wanted.add("phone")
    if {"city", "state"} & set(mapped):
        wanted.add("location")
    return [f for f in stored if f in wanted and f in FIELD_LABELS[kind]]


@require_GET
def run_detail(request: AuthedRequest, pk: int):
    run = get_importrun_for_user(request.user, pk)
    extra = {}
    if run.status == ImportRun.Status.MAPPING:
        extra["mapping_form"] = MappingForm(run=run)
    return render(request, PAGE, _context(run, **extra))


@require_GET
def run_status(request: AuthedRequest, pk: int):
    run = get_importrun_for_user(request.user, pk)
    if not run.working:
        if request.htmx:
            return HttpResponseClientRefresh()
        return redirect("imports:run", pk=run.pk)
    return render(request, f"{PAGE}#status", _context(run))


@require_POST
def run_map(request: AuthedRequest, pk: int):
    run = get_importrun_for_user(request.user, pk, write=True)
    form = MappingForm(request.POST, run=run)
    if form.is_valid():
        try:
            run = services.importrun_map(
                run=run,
                user=request.user,
                mapping=form.mapping(),
                save_as=form.cleaned_data["save_as"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _analyse(run)
            return redirect("imports:run", pk=run.pk)
    return render(request, PAGE, _context(run, mapping_form=form), status=422)


@require_POST
def run_confirm(request: AuthedRequest, pk: int):
    run = get_importrun_for_user(request.user, pk, write=True)
    unknown = run.preview.get("unknown_skills", [])
    choices = {
        entry["key"]: request.POST.get(f"skill{position}", "create")
        for position, entry in enumerate(unknown)
    }
    big = _big(run)
    try:
        services.importrun_confirm(
            run=run,
            user=request.user,
            skill_choices=choices,
            enqueue=execute_import.enqueue if big else (lambda run_id: None),
        )
    except ValidationError as error:
        return render(
            request, PAGE, _context(run, confirm_error=" ".join(error.messages)), status=409
        )
    if not big:
        services.importrun_execute(run_id=run.pk)
    return redirect(f"{reverse('imports:run', args=[run.pk])}#result-h")


@require_GET
def run_errors(request: AuthedRequest, pk: int):
    run = get_importrun_for_user(request.user, pk)
    rows = importproblems_of(run).values_list("line", "column", "value", "reason")
    name = f"import-{run.pk}-refused-rows.csv"
    return csv_response(name, ["line", "column", "value", "reason"], rows.iterator())
