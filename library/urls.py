from django.urls import path

from library import views

ACTIONS = ("accept", "decline", "retire", "restore", "up", "down")

app_name = "library"
urlpatterns = [
    path("", views.library_index, name="index"),
    path("objections/add/", views.template_add, name="template_add"),
    path("objections/<int:pk>/edit/", views.template_edit, name="template_edit"),
    path("objections/<int:pk>/merge/", views.template_merge, name="template_merge"),
    *(
        path(
            f"objections/<int:pk>/{action}/",
            views.template_action,
            {"action": action},
            name=f"template_{action}",
        )
        for action in ACTIONS
    ),
    path("questions/add/", views.question_add, name="question_add"),
    path("questions/<int:closing_pk>/edit/", views.question_edit, name="question_edit"),
    path("questions/<int:closing_pk>/merge/", views.question_merge, name="question_merge"),
    *(
        path(
            f"questions/<int:closing_pk>/{action}/",
            views.question_action,
            {"action": action},
            name=f"question_{action}",
        )
        for action in ACTIONS
    ),
]
