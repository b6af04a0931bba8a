"""Every URL pattern, fed input it cannot store: NUL, control characters, broken UTF-8, overlong
text and huge numbers, in each GET parameter its view reads, in its path parameters and in each
field of the forms that post to it. Nothing may answer 500.

The URLs come from the resolver and are filled with real objects as in
test_authorization_matrix.py, requested by the owning team's manager; a pattern missing from
GET_PARAMS fails `test_every_url_declares_the_parameters_it_reads`. Unreadable characters in the
address are answered by core/input_guard.py with a 400 and its explanation; a NUL in a posted
text field is a form error. The POST walk posts each form as its page renders it (found by its
action, formaction or data-hx-post), one field at a time replaced; a URL that no page shows a
form for must declare its fields in POST_FIELDS."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.utils.html import escape

from core.input_guard import MESSAGE
from tests import test_authorization_matrix as matrix
from tests.test_authorization_matrix import EXPECTED, ROLES, app_urls, url_for

world = matrix.world  # the matrix's objects: every URL resolves to a real page

NUL_ERROR = "Null characters are not allowed."
MANAGER = ROLES.index("manager")
# Answered at the door with a 400: the parameter's name does not matter.
UNREADABLE = {"NUL": "%00", "control character": "%01", "broken UTF-8": "%ff%fe"}
# Readable but absurd: each view must judge them (a 200 that ignores them is fine, a 500 is not).
HUGE = "99999999999999999999999"
ABSURD = {
    "overlong": "x" * 10_000,
    "huge integer": HUGE,
    "huge float": "1e400",
    "impossible date": "2024-02-30",
}
# Sent to every URL besides its own parameters: the names views most often read.
COMMON = (
    *("q", "page", "next", "sort", "status", "team", "owner", "client", "candidate"),
    *("from", "to", "start", "end", "month", "paper", "version", "format", "export"),
)

# The GET parameters each view reads: its filter form's fields and what it reads itself.
GET_PARAMS: dict[str, tuple[str, ...]] = {
    "dashboard": (),
    "board:index": ("scope", "team", "client", "stage", "sort"),
    "coaching:index": ("start", "end", "team"),
    "coaching:person": (),
    "healthz": (),
    "login": ("next", "username"),
    "logout": (),
    "password_change": (),
    "password_change_done": (),
    "my_settings": (),
    "accounts:team": ("team",),
    "password_reset": (),
    "password_reset_done": (),
    "password_reset_confirm": (),
    "password_reset_complete": (),
    "accounts:member_invite": ("team",),
    "accounts:member_role": (),
    "accounts:member_deactivate": (),
    "accounts:member_reactivate": (),
    "accounts:welcome": (),
    "exports:export": (),
    "exports:export_json": (),
    "exports:export_csv": (),
    "joborders:list": ("q", "status", "owner", "client", "sort", "page"),
    "joborders:create": (),
    "joborders:contact_options": ("client", "contact"),
    "joborders:detail": ("candidate_q",),
    "joborders:edit": (),
    "joborders:status": (),
    "joborders:submittal_add": (),
    "joborders:submittal_stage": (),
    "submittals:detail": ("edit_round",),
    "submittals:rates": (),
    "submittals:round_add": (),
    "submittals:round_edit": (),
    "submittals:round_cancel": (),
    "submittals:loss": (),
    "submittals:loss_reasons": (),
    "submittals:lossreason_add": (),
    "submittals:lossreasons_start": (),
    "submittals:lossreason_edit": (),
    "submittals:lossreason_retire": (),
    "joborders:requirement_add": (),
    "joborders:requirement_update": (),
    "joborders:requirement_delete": (),
    "joborders:requirement_move": (),
    "candidates:list": ("q", "status", "page"),
    "candidates:create": (),
    "candidates:detail": (),
    "candidates:edit": (),
    "candidates:skill_add": (),
    "candidates:skill_update": (),
    "candidates:skill_remove": (),
    "candidates:engagement_add": (),
    "candidates:engagement_detail": (),
    "candidates:engagement_edit": (),
    "candidates:engagement_delete": (),
    "candidates:skill_suggest": ("q", "skill"),
    "references:list": ("q", "status", "joborder", "mine", "page"),
    "references:reference_add": ("candidate", "joborder"),
    "references:call_new": ("reference", "joborder", "candidate"),
    "references:call_detail": (),
    "references:call_edit": (),
    "references:questions": (),
    "references:question_remove": (),
    "callplans:list": ("status", "who", "page"),
    "callplans:prepare": (),
    "callplans:detail": (),
    "callplans:update": (),
    "callplans:mark_ready": (),
    "callplans:pdf": ("paper",),
    "callplans:practice": ("library",),
    "callplans:practice_closing": (),
    "callplans:reference_roleplay": (),
    "callplans:objection_add": ("cancel", "version"),
    "callplans:objection_edit": ("cancel", "version"),
    "callplans:objection_remove": (),
    "callplans:objection_accept": (),
    "callplans:objection_up": (),
    "callplans:objection_down": (),
    "callplans:objection_to_library": (),
    "callplans:evidence_link": (),
    "callplans:evidence_unlink": (),
    "callplans:feedback_new": (),
    "callplans:feedback_row": ("new_rows",),
    "review:list": (
        "salesperson",
        "status",
        "readiness",
        "interview_from",
        "interview_to",
        "client",
        "team",
        "sort",
        "per_page",
        "page",
        "export",
    ),
    "review:review_create": (),
    "review:export_create": (),
    "review:export_status": (),
    "review:export_download": (),
    "metrics:index": ("scope", "team", "person", "start", "end", "format", "table"),
    "history:list": ("page",),
    "skills:list": ("q", "family", "page"),
    "search:index": ("q",),
    "search:suggest": ("q",),
    "skills:create": (),
    "skills:edit": (),
    "skills:alias_add": (),
    "skills:alias_remove": (),
    "skills:merge": (),
    "skills:merge_undo": (),
    "skills:family_create": (),
    "skills:family_edit": (),
    "library:index": ("q", "sort", "qsort"),
    "library:template_add": (),
    "library:template_edit": (),
    "library:template_merge": (),
    "library:template_accept": (),
    "library:template_decline": (),
    "library:template_retire": (),
    "library:template_restore": (),
    "library:template_up": (),
    "library:template_down": (),
    "library:question_add": (),
    "library:question_edit": (),
    "library:question_merge": (),
    "library:question_accept": (),
    "library:question_decline": (),
    "library:question_retire": (),
    "library:question_restore": (),
    "library:question_up": (),
    "library:question_down": (),
    "history:restore": (),
    "api:api-root": (),
    "api:openapi-json": (),
    "api:openapi-view": (),
    **{
        f"api:{name}": ("status", "client_id", "updated_since", "cursor", "limit")
        for name in ("joborders", "joborder_create")
    },
    **{
        f"api:{name}": ("status", "updated_since", "cursor", "limit")
        for name in ("candidates", "candidate_create")
    },
    **{
        f"api:{name}": (
            *("job_order_id", "candidate_id", "status", "interview_from", "interview_to"),
            *("cursor", "limit"),
        )
        for name in ("submittals", "submittal_create")
    },
    "api:callplans": ("status", "submittal_id", "updated_since", "cursor", "limit"),
    "api:callplan_pdf": ("paper",),
    **{
        f"api:{name}": ()
        for name in (
            *("joborder", "joborder_update", "requirement_create", "requirement_update"),
            *("requirement_delete", "candidate", "candidate_update", "candidate_skill_create"),
            *("engagement_create", "submittal", "submittal_update", "callplan"),
            "feedbackcall_create",
            *("interviews", "interview_create", "interview_update"),
        )
    },
    "api_tokens:list": (),
    "api_tokens:revoke": (),
    **{f"imports:{name}": () for name in ("index", "run", "status", "errors", "map", "confirm")},
    "notifications:list": (),
    "notifications:read": (),
    "notifications:read_all": (),
    "notifications:digest": (),
    "calendars:page": (),
    "calendars:revoke": (),
    "calendars:feed": (),
    "calendars:submittal_ics": (),
    "actionplans:page": (),
    "actionplans:start": (),
    "actionplans:step_add": (),
    "actionplans:step_edit": (),
    "actionplans:step_delete": (),
    "actionplans:step_move": (),
    "actionplans:share": (),
    "actionplans:link_revoke": (),
    "actionplans:template": (),
    "actionplans:template_customize": (),
    "actionplans:template_add": (),
    "actionplans:template_edit": (),
    "actionplans:template_delete": (),
    "actionplans:template_move": (),
    "sharedplans:page": ("sent",),
    "sharedplans:done": (),
    "sharedplans:comment": (),
}

# Where the forms that post to a URL are shown, besides the URL's own page.
FORM_PAGES = {
    "skills": ("skills:list", "skills:edit"),
    "library": ("library:index",),
    "accounts": ("accounts:team",),
    "joborders": ("joborders:detail", "joborders:edit"),
    "submittals": ("submittals:detail", "submittals:loss_reasons"),
    "candidates": ("candidates:detail",),
    "references": ("references:questions", "references:call_edit"),
    "callplans": (
        *("callplans:detail", "callplans:practice", "callplans:practice_closing"),
        "callplans:reference_roleplay",
        "callplans:feedback_new",
    ),
    "review": ("review:list", "callplans:detail"),
    "history": ("history:list",),
    "api_tokens": ("api_tokens:list",),
    "imports": ("imports:index", "imports:run"),
    "notifications": ("notifications:list",),
    "calendars": ("calendars:page",),
    "actionplans": ("actionplans:page", "actionplans:template"),
}
# URLs whose form no page shows until asked (a row's edit form comes by htmx): the fields posted.
# Values name the world's objects as "{candidate}", filled in by `declared_fields`.
POST_FIELDS = {
    "login": {"username": "manager", "password": "secret"},  # a signed-in user is sent on
    "logout": {},
    "joborders:submittal_add": {"candidate": "{candidate}", "candidate_q": "Ada"},  # on search
    "joborders:requirement_move": {},  # buttons of a row's edit form
    "callplans:prepare": {},  # the world's plan is prepared already
    "callplans:evidence_link": {  # a suggestion, shown while the link is not made
        "version": "1",
        "requirement": "{requirement}",
        "engagement": "{engagement}",
        "similarity_note": "Same release train",
    },
    "history:restore": {"entry": "main-{job}"},
    # A round's form comes by htmx when its Change is clicked.
    "submittals:round_edit": {
        "round-1-kind": "video",
        "round-1-starts_at": "2026-11-20T10:00",
        "round-1-location": "HQ",
        "round-1-meeting_url": "https://meet.example.com/a",
        "round-1-notes": "Ask for Kim",
    },
    # Shown once the submittal is rejected or withdrawn (the world's is submitted).
    "submittals:loss": {
        "loss_reason": "{loss_reason}",
        "loss_note": "Took another offer",
    },  # shown once a record has an older version
    "callplans:objection_edit": {  # the row's form comes when Edit is clicked
        "o{objection}-version": "1",
        "o{objection}-text": "Rate is high",
        "o{objection}-rebuttal": "Value",
        "o{objection}-category": "other",
        "o{objection}-likelihood": "high",
    },
    "accounts:member_reactivate": {},  # shown for a deactivated member only
    "callplans:objection_accept": {"version": "1"},  # shown for a drafted rebuttal only
    # Shown for proposed or retired entries, or when there is a second entry to merge into.
    "library:template_merge": {"target": "1", "version": "1"},
    "library:template_accept": {},
    "library:template_decline": {},
    "library:template_restore": {},
    "library:question_merge": {"target": "1", "version": "1"},
    "library:question_accept": {},
    "library:question_decline": {},
    "library:question_restore": {},
    # The world's links are not valid, so these pages show no form: post one anyway.
    "password_reset_confirm": {
        "new_password1": "a-long-new-pass",
        "new_password2": "a-long-new-pass",
    },
    "accounts:welcome": {"new_password1": "a-long-new-pass", "new_password2": "a-long-new-pass"},
    # The API takes JSON (tests/api/test_bad_input_api.py sends it bad JSON); posted as a form,
    # its body is judged unreadable, never a 500.
    "api_tokens:revoke": {},  # the manager has no token of their own in the world
    # The world's import is previewed already: its mapping form shows only before that.
    "imports:map": {"col0": "external_id", "col1": "first_name", "save_as": "Sheet"},
    # Shown for unread notifications and a live feed, which the manager has none of.
    "notifications:read": {},
    "notifications:read_all": {},
    "calendars:revoke": {},
    # The template button shows on an empty plan only (the world's has a step).
    "actionplans:start": {},
    "actionplans:template_customize": {},  # shown until the team has its own steps
    # The client's page opens with its secret only (the world's URLs have a wrong one; the
    # client's forms with a live secret: tests/actionplans/test_shared_page.py).
    "sharedplans:done": {},
    "sharedplans:comment": {"comment": "We can do Thursday."},
    "api:openapi-json": {},
    "api:openapi-view": {},
    "api:api-root": {},
    "api:joborder_create": {"title": "Platform engineer", "client_id": "{job}"},
    "api:joborders": {"title": "Platform engineer", "client_id": "{job}"},
    "api:candidate_create": {"first_name": "Ada", "last_name": "Lovegood"},
    "api:candidates": {"first_name": "Ada", "last_name": "Lovegood"},
    "api:submittal_create": {"job_order_id": "{job}", "candidate_id": "{candidate}"},
    "api:submittals": {"job_order_id": "{job}", "candidate_id": "{candidate}"},
    "api:requirement_create": {"kind": "challenge", "description": "Releases fail"},
    "api:candidate_skill_create": {"skill": "Kubernetes", "years": "4"},
    "api:engagement_create": {"employer": "Northwind", "start_date": "2021-03-01"},
    "api:feedbackcall_create": {"called_at": "2026-01-05T10:00:00Z", "outcome": "offer"},
    "api:interviews": {"starts_at": "2026-01-05T10:00:00Z", "kind": "video"},
    "api:interview_create": {"starts_at": "2026-01-05T10:00:00Z", "kind": "video"},
    "api:interview_update": {"location": "HQ"},
}


def declared_fields(name: str, args: dict) -> dict[str, str]:
    fields = POST_FIELDS.get(name, {}).items()
    return {field.format(**args): value.format(**args) for field, value in fields}


def manager_client(people) -> Client:
    # The view's exception becomes the 500 response, so a failure names its URL and value.
    client = Client(raise_request_exception=False)
    client.force_login(people["manager"])
    return client


def send(client, method: str, url: str, data=None):
    with transaction.atomic():
        response = getattr(client, method.lower())(url, data)
        transaction.set_rollback(True)
    return response


def with_param(url: str, name: str, raw_value: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{name}={raw_value}"


def failure(method: str, url: str, what: str, response) -> str:
    exc = response.exc_info[1] if getattr(response, "exc_info", None) else None
    shown = url if len(url) < 200 else url[:200] + "…"
    return f"{method} {shown} ({what}): {response.status_code} {exc!r}"


def methods_for(name: str) -> tuple[str, ...]:
    """The methods the manager may use on the URL."""
    return tuple(m for m in ("GET", "POST") if EXPECTED[name][m][MANAGER] not in ("405", "login"))


def test_every_url_declares_the_parameters_it_reads():
    missing = sorted({str(name) for _, name in app_urls()} - set(GET_PARAMS))
    assert missing == [], f"add these URL names to GET_PARAMS: {missing}"


@pytest.mark.parametrize(("route", "name"), app_urls(), ids=lambda value: str(value))
def test_no_query_parameter_makes_a_url_fail(world, route, name):
    people, args = world
    client = manager_client(people)
    url = url_for(route, name, args)
    problems = []
    # The view's own parameters one at a time, the common names all at once (fewer pages).
    tries = {param: (param,) for param in GET_PARAMS[name]} | {"common names": COMMON}
    for number, method in enumerate(methods_for(name) or ("GET",)):
        # The guard answers before any view: one method is enough for unreadable values.
        values = {**UNREADABLE, **ABSURD} if number == 0 else ABSURD
        for label, params in tries.items():
            for what, raw in values.items():
                bad_url = url
                for param in params:
                    bad_url = with_param(bad_url, param, raw)
                response = send(client, method, bad_url)
                if response.status_code >= 500 or (
                    what in UNREADABLE
                    and (response.status_code != 400 or escape(MESSAGE) not in response.text)
                ):
                    problems.append(failure(method, url, f"{label}={what}", response))
        for what, raw in UNREADABLE.items():  # in a parameter's name
            response = send(client, method, with_param(url, raw, "1"))
            if response.status_code != 400:
                problems.append(failure(method, url, f"name {what}", response))
    assert problems == [], "\n".join(problems)


PATH_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


@pytest.mark.parametrize(
    ("route", "name"),
    [(route, name) for route, name in app_urls() if PATH_PARAM.search(route)],
    ids=lambda value: str(value),
)
def test_no_path_parameter_makes_a_url_fail(world, route, name):
    people, args = world
    client = manager_client(people)
    problems = []
    for match in PATH_PARAM.finditer(route):
        for what, raw in {**UNREADABLE, **ABSURD, "bigint + 1": str(2**63)}.items():
            bad_route = route[: match.start()] + raw + route[match.end() :]
            url = url_for(bad_route, name, args)
            for method in methods_for(name):
                response = send(client, method, url)
                unreadable = what in UNREADABLE
                if response.status_code >= 500 or (unreadable and response.status_code != 400):
                    problems.append(failure(method, url, f"<{match[2]}> {what}", response))
    assert problems == [], "\n".join(problems)


# ---- Posted forms ----------------------------------------------------------------------------


class FormFields(HTMLParser):
    """Each form of a page: the URLs it posts to and its fields as the browser would send
    them (checked boxes, selected options, textareas' text; `form=` attributes honoured)."""

    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[dict] = []
        self._by_id: dict[str, dict] = {}
        self._open: dict | None = None
        self._text: tuple[dict, str] | None = None
        self._select: list | None = None  # form, name, first option, whether one is selected

    def handle_starttag(self, tag, attrs):
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._open = {"targets": set(), "fields": [], "unsent": set()}
            self._add_targets(self._open, a, default=self.page_url)
            self.forms.append(self._open)
            if a.get("id"):
                self._by_id[a["id"]] = self._open
            return
        form = self._by_id.get(a.get("form", ""), self._open)
        if form is None:
            return
        if tag == "button":
            self._add_targets(form, a)
        name = a.get("name")
        if not name or name == "csrfmiddlewaretoken":
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                form["unsent"].add(name)
                return
            if kind not in ("submit", "button", "file", "image", "reset"):
                form["fields"].append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea":
            self._text = (form, name)
            form["fields"].append((name, ""))
        elif tag == "select":
            self._select = [form, name, None, False]
        elif tag == "option" and self._select:
            if self._select[2] is None:
                self._select[2] = a.get("value", "")
            if "selected" in a:
                self._select[0]["fields"].append((self._select[1], a.get("value", "")))
                self._select[3] = True

    def handle_data(self, data):
        if self._text:
            form, name = self._text
            form["fields"][-1] = (name, form["fields"][-1][1] + data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None
        elif tag == "textarea":
            self._text = None
        elif tag == "select" and self._select:
            form, name, first, selected = self._select
            if not selected and first is not None:  # the browser sends the first option
                form["fields"].append((name, first))
            self._select = None

    def _add_targets(self, form: dict, a: dict, default: str = ""):
        for key in ("action", "formaction", "data-hx-post"):
            if a.get(key):
                form["targets"].add(urlsplit(a[key]).path)
        if default and not form["targets"]:
            form["targets"].add(urlsplit(default).path)


def forms_posting_to(client, url: str, pages: list[str]) -> list[tuple[dict[str, str], set[str]]]:
    """Every form on `pages` that posts to `url` (compared without its query): the fields it
    sends, and the names of its unchecked boxes and radios."""
    found = []
    for page in pages:
        response = client.get(page)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = FormFields(page)
        parser.feed(response.text)
        for form in parser.forms:
            if urlsplit(url).path in form["targets"]:
                found.append((dict(form["fields"]), form["unsent"]))
    return found


def post_urls():
    return [(route, name) for route, name in app_urls() if "POST" in methods_for(str(name))]


def _form_pages(route: str, name: str, args: dict) -> list[str]:
    own = [url_for(route, name, args)] if "GET" in methods_for(name) else []
    others = FORM_PAGES.get(name.split(":")[0], ("dashboard",))
    routes = {str(n): r for r, n in app_urls()}
    return own + [url_for(routes[other], other, args) for other in others]


@pytest.mark.parametrize(("route", "name"), post_urls(), ids=lambda value: str(value))
def test_no_posted_field_makes_a_url_fail(world, route, name):
    people, args = world
    client = manager_client(people)
    url = url_for(route, name, args)
    forms = forms_posting_to(client, url, _form_pages(route, name, args))
    if not forms:
        assert name in POST_FIELDS, f"no page shows a form posting to {url}: add it to POST_FIELDS"
        forms = [(declared_fields(name, args), set())]
    problems = []
    for fields, unsent in forms:
        for field in [*fields, *sorted(unsent - set(fields))]:
            response = send(client, "POST", url, {**fields, field: "a\x00b"})
            if response.status_code >= 500:
                problems.append(failure("POST", url, f"{field}=NUL", response))
        for what, value in ABSURD.items():  # every field at once
            response = send(client, "POST", url, dict.fromkeys(fields, value))
            if response.status_code >= 500:
                problems.append(failure("POST", url, f"all fields {what}", response))
    assert problems == [], "\n".join(problems)


# A NUL typed into a text field of a real form: the form says so and keeps the rest of the input.
# (url name, page showing the form, the field with the NUL, other typed values)
TYPED_NUL = [
    (
        "joborders:create",
        "joborders:create",
        "title",
        {"new_client_name": "Acme Rail", "project_goal": "Ship the fare engine by June"},
    ),
    (
        "joborders:edit",
        "joborders:edit",
        "project_scope",
        {"title": "Platform lead for fares", "project_goal": "Ship the fare engine by June"},
    ),
    (
        "candidates:create",
        "candidates:create",
        "summary",
        {"first_name": "Adaline", "last_name": "Lovegood", "headline": "Staff SRE, payments"},
    ),
    (
        "candidates:engagement_add",
        "candidates:detail",
        "results",
        {"employer": "Northwind Rail", "role": "Release lead", "start_date": "2021-03-01"},
    ),
    (
        "references:call_edit",
        "references:call_edit",
        "summary",
        {"strengths": "Calm under release pressure", "concerns": "Wants remote work"},
    ),
    (
        "callplans:objection_add",
        "callplans:objection_add",  # "Write an objection of your own" opens the form
        "new-text",
        {"new-rebuttal": "Her last release train shipped weekly without rollbacks"},
    ),
]


@pytest.mark.parametrize(
    ("name", "page", "field", "typed"), TYPED_NUL, ids=[row[0] for row in TYPED_NUL]
)
def test_a_nul_in_a_text_field_is_a_form_error_that_keeps_the_input(
    world, name, page, field, typed
):
    people, args = world
    client = manager_client(people)
    routes = {str(n): r for r, n in app_urls()}
    url = url_for(routes[name], name, args)
    found = forms_posting_to(client, url, [url_for(routes[page], page, args)])
    assert found, f"no form posting to {url} on {page}"
    fields, _ = found[0]
    assert field in fields and set(typed) <= set(fields)
    response = send(client, "POST", url, {**fields, **typed, field: "Typed\x00 text"})
    assert response.status_code in (200, 422), failure("POST", url, f"{field}=NUL", response)
    body = response.text
    assert NUL_ERROR in body
    for value in typed.values():
        assert escape(value) in body, f"{value!r} was not kept"


def test_the_admin_change_list_takes_bad_search_and_paging_input(world):
    # The admin is outside the walk (its login is its own); its search box reads `q` itself.
    people, _ = world
    client = Client(raise_request_exception=False)
    client.force_login(people["superuser"])
    url = "/admin/callplans/callplan/"
    problems = []
    for param in ("q", "p", "o", "id", "submittal__job_order__team__id__exact"):
        for what, raw in UNREADABLE.items():
            response = send(client, "GET", with_param(url, param, raw))
            if response.status_code != 400:
                problems.append(failure("GET", url, f"{param}={what}", response))
        for what, raw in ABSURD.items():
            response = send(client, "GET", with_param(url, param, raw))
            if response.status_code >= 500:
                problems.append(failure("GET", url, f"{param}={what}", response))
    assert problems == [], "\n".join(problems)
