from django.urls import path

from callplans.views import feedback, objections, plan, practice

app_name = "callplans"
urlpatterns = [
    path("", plan.plan_list, name="list"),
    path("prepare/<int:submittal_pk>/", plan.plan_prepare, name="prepare"),
    path("<int:pk>/", plan.plan_detail, name="detail"),
    path("<int:pk>/edit/", plan.plan_update, name="update"),
    path("<int:pk>/ready/", plan.plan_mark_ready, name="mark_ready"),
    path("<int:pk>/pdf/", plan.plan_pdf, name="pdf"),
    path("<int:pk>/practice/", practice.plan_practice, name="practice"),
    path("<int:pk>/practice/closing/", practice.plan_practice_closing, name="practice_closing"),
    path(
        "roleplay/reference/<int:joborder_pk>/<int:candidate_pk>/",
        practice.reference_roleplay,
        name="reference_roleplay",
    ),
    path("<int:pk>/objections/add/", objections.objection_create, name="objection_add"),
    path(
        "<int:pk>/objections/<int:objection_pk>/", objections.objection_edit, name="objection_edit"
    ),
    *(
        path(
            f"<int:pk>/objections/<int:objection_pk>/{action}/",
            objections.objection_action,
            {"action": action},
            name=f"objection_{action.replace('-', '_')}",
        )
        for action in ("remove", "up", "down", "accept", "to-library")
    ),
    path("<int:pk>/evidence/link/", objections.evidence_link, name="evidence_link"),
    path(
        "<int:pk>/evidence/<int:link_pk>/unlink/",
        objections.evidence_unlink,
        name="evidence_unlink",
    ),
    path("<int:pk>/feedback/", feedback.feedback_new, name="feedback_new"),
    path("<int:pk>/feedback/row/", feedback.feedback_row, name="feedback_row"),
]
