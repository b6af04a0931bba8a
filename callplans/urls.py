from django.urls import path

from callplans import views

app_name = "callplans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("prepare/<int:submittal_pk>/", views.plan_prepare, name="prepare"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/edit/", views.plan_update, name="update"),
    path("<int:pk>/ready/", views.plan_mark_ready, name="mark_ready"),
    path("<int:pk>/pdf/", views.plan_pdf, name="pdf"),
    path("<int:pk>/practice/", views.plan_practice, name="practice"),
    path("<int:pk>/objections/add/", views.objection_create, name="objection_add"),
    path("<int:pk>/objections/<int:objection_pk>/", views.objection_edit, name="objection_edit"),
    *(
        path(
            f"<int:pk>/objections/<int:objection_pk>/{action}/",
            views.objection_action,
            {"action": action},
            name=f"objection_{action.replace('-', '_')}",
        )
        for action in ("remove", "up", "down", "to-library")
    ),
    path("<int:pk>/evidence/link/", views.evidence_link, name="evidence_link"),
    path("<int:pk>/evidence/<int:link_pk>/unlink/", views.evidence_unlink, name="evidence_unlink"),
]
