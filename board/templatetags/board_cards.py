"""{% board_job row team_picker %}: one job order's card of the money board with its candidate
rows, the same markup the page's template wrote for it, written here because it is written
hundreds of times a render: at scale 20 a salesperson's board has 51 job orders and 166
candidate rows (a manager's team board 68 and 210), and the template engine's own cost for
them (about 40 lookups, branches and escapes per candidate) was two thirds of the page's
render time. The markup is the template's, piece by piece, in its order; every value is
escaped as `{{ }}` escapes it (the board's HTML was diffed against the template's, byte for
byte, on the scale-20 boards and on test fixtures covering every branch)."""

import html

from django import template
from django.utils.safestring import SafeString, mark_safe

from board.selectors import CandidateRow, JobRow
from core.dates import format_when
from core.money import format_money
from core.templatetags.html_values import iso
from core.templatetags.row_urls import row_url

register = template.Library()

_REBUTTAL = {
    True: '<span class="text-success-emphasis" aria-hidden="true">✓</span> '
    '<span class="visually-hidden">Rebuttal ready:</span>',
    False: '<span class="text-danger-emphasis" aria-hidden="true">✗</span> '
    '<span class="visually-hidden">No rebuttal yet:</span>',
}
_REHEARSED = {
    True: '<span data-testid="rehearsed">rehearsed</span>',
    False: '<span data-testid="not-rehearsed">not rehearsed</span>',
}


def esc(value) -> str:
    """`{{ value }}` of a value that is not already safe HTML (the board's values are model
    fields and rule texts): Django's escape without its lazy-string wrapper."""
    return html.escape(str(value))


def _readiness_class(readiness: int | None) -> str:
    if readiness == 100:
        return "success"
    return "warning" if readiness is not None and readiness >= 50 else "danger"


@register.simple_tag(takes_context=True)
def board_job(context, row: JobRow, team_picker: bool) -> SafeString:
    job = row.job_order
    detail = row_url(context, "joborders:detail", job.pk)
    team = f'<span data-testid="board-team">{esc(job.team)}</span> · ' if team_picker else ""
    openings = f" · {esc(job.openings)} openings" if job.openings and job.openings > 1 else ""
    value = "Value unknown" if row.value is None else esc(format_money(row.value))
    if row.covered:
        badge = '<span class="badge text-bg-success">Every candidate has a ready plan</span>'
    elif row.candidates:
        badge = '<span class="badge text-bg-warning">Plans to finish</span>'
    else:
        badge = ""
    out = [
        f'\n  <section class="card board-job mb-3" aria-labelledby="job-{job.pk}" '
        'data-testid="board-job">\n'
        '    <div class="card-header d-flex flex-wrap justify-content-between gap-2">\n'
        "      <div>\n"
        f'        <h2 class="h5 mb-0" id="job-{job.pk}"><a href="{detail}">{esc(job.title)}</a></h2>\n'
        f'        <div class="small text-body-secondary">{team}{esc(job.client.name)} · '
        f"{esc(job.owner)} · {esc(job.get_employment_type_display())}{openings}</div>\n"
        "      </div>\n"
        '      <div class="text-md-end">\n'
        f'        <div class="fw-semibold" data-testid="job-value">{value}</div>\n'
        f"        {badge}\n"
        "      </div>\n"
        "    </div>\n    "
    ]
    if row.candidates:
        out.append('\n    <ul class="list-group list-group-flush">\n      ')
        out += (f"\n      {board_candidate(context, c)}\n      " for c in row.candidates)
        out.append("\n    </ul>\n    ")
    else:
        out.append(
            '\n    <div class="card-body small text-body-secondary">No active candidate: '
            f'submit one from the <a href="{detail}">job order</a>.</div>\n    '
        )
    out.append("\n  </section>\n  ")
    return mark_safe("".join(out))


def board_candidate(context, c: CandidateRow) -> str:
    s = c.submittal
    plan = c.plan
    name = esc(s.candidate)
    for_name = f'<span class="visually-hidden"> for {name}</span>'
    out = [
        '<li class="list-group-item board-candidate" data-testid="board-candidate">\n'
        '        <div class="row g-2">\n'
        '          <div class="col-12 col-md-4">\n'
        f'            <h3 class="h6 mb-1"><a href="{row_url(context, "candidates:detail", s.candidate_id)}">'
        f"{name}</a></h3>\n"
        f'            <span class="badge stage-{esc(c.stage)}" data-testid="stage">'
        f"{esc(c.stage_label)}</span>\n            "
    ]
    if s.interview_at:
        done = "interview" if c.stage == "interview" else "interviewed"
        out.append(
            f'<span class="small">{done} <time datetime="{esc(iso(s.interview_at))}">'
            f"{esc(format_when(s.interview_at))}</time></span>"
        )
    out.append(
        f'\n            <div class="small text-body-secondary">by {esc(s.submitted_by)}</div>\n'
        "            "
    )
    out += (
        f'<div class="small text-danger-emphasis fw-semibold" data-testid="stall-{esc(stall.key)}">'
        f"⚠ {esc(stall.text)}</div>"
        for stall in c.stalls
    )
    out.append('\n          </div>\n          <div class="col-12 col-md-5">\n            ')
    if plan:
        out.append(
            '\n            <div class="small mb-1">Plan <span class="badge '
            f'text-bg-{_readiness_class(c.readiness)}" data-testid="readiness">'
            f"{esc(c.readiness)}%</span>"
        )
        if c.ready:
            out.append(
                f' <span class="badge text-bg-success">{esc(plan.get_status_display())}</span>'
            )
        elif plan.status == "needs_work":
            out.append(' <span class="badge text-bg-warning">Needs work</span>')
        out.append(f"\n              · {_REHEARSED[c.rehearsed]}</div>\n            ")
        if c.objections:
            out.append(
                '\n            <ul class="board-objections small mb-1" '
                'aria-label="Most likely objections">\n              '
            )
            out += (
                f'<li data-testid="objection">{_REBUTTAL[o.has_rebuttal]} {esc(o.text)}</li>'
                for o in c.objections
            )
            out.append("\n            </ul>\n            ")
        else:
            out.append(
                '<p class="small text-body-secondary mb-1">No objections anticipated yet.</p>'
            )
        out.append("\n            ")
    else:
        out.append('<p class="small text-body-secondary mb-1">No plan yet.</p>')
    out.append(
        '\n          </div>\n          <div class="col-12 col-md-3">\n'
        '            <div class="small mb-1"><span class="text-body-secondary">Next:</span> '
        f'<span data-testid="next-action">{esc(c.next_action)}</span></div>\n            '
    )
    if plan:
        out.append(
            "\n            "
            f'<a class="btn btn-sm btn-outline-primary" href="{row_url(context, "callplans:detail", plan.pk)}">'
            f"Open plan{for_name}</a>\n            "
        )
    elif c.may_write:
        out.append(
            "\n            "
            f'<form method="post" action="{row_url(context, "callplans:prepare", s.pk)}" class="m-0">\n'
            f"              {_csrf_input(context)}\n"
            '              <button type="submit" class="btn btn-sm btn-success">'
            f"Prepare the plan{for_name}</button>\n"
            "            </form>\n            "
        )
    roleplay = row_url(context, "callplans:reference_roleplay", s.job_order_id, s.candidate_id)
    out.append(
        f'\n            <a class="small d-inline-block mt-1" href="{roleplay}">'
        f"Role-play the reference call{for_name}</a>\n"
        "          </div>\n        </div>\n      </li>"
    )
    return "".join(out)


def _csrf_input(context) -> str:
    """What `{% csrf_token %}` writes: the render's one masked token."""
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{esc(token)}">'
