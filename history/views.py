from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.types import AuthedRequest
from core.dates import format_when
from history.kinds import kind_named
from history.selectors import history_timeline
from history.services import history_restore

PAGE_SIZE = 25


@require_GET
def history_page(request: AuthedRequest, kind: str, pk: int):
    record_kind = kind_named(kind)
    obj = record_kind.get_for_user(request.user, pk)
    page_obj = Paginator(history_timeline(record_kind, obj), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "kind": record_kind,
        "record": obj,
        "title": record_kind.title(obj),
        "record_url": record_kind.detail_url(obj),
        "page_obj": page_obj,
        "may_restore": record_kind.may_write(request.user, obj),
    }
    return render(request, "history/list.html", context)


@require_POST
def history_restore_view(request: AuthedRequest, kind: str, pk: int):
    record_kind = kind_named(kind)
    obj = record_kind.get_for_user(request.user, pk, write=True)
    try:
        result = history_restore(
            kind=record_kind, obj=obj, ref=request.POST.get("entry", ""), user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("history:list", kind=record_kind.slug, pk=obj.pk)
    when = format_when(result.at)
    text = f"Restored the {record_kind.noun} as it was on {when}. Its history keeps every version."
    if result.rows_skipped:
        text += (
            f" {result.rows_skipped} removed row(s) could not come back: what they pointed at"
            " is gone or is there again under a new row."
        )
    messages.success(request, text)
    return redirect("history:list", kind=record_kind.slug, pk=obj.pk)
