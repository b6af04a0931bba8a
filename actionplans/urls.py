from django.urls import path

from actionplans import views

app_name = "actionplans"
urlpatterns = [
    path("<int:pk>/action-plan/", views.plan_page, name="page"),
    path("<int:pk>/action-plan/start/", views.plan_start, name="start"),
    path("<int:pk>/action-plan/steps/add/", views.step_add, name="step_add"),
    path("<int:pk>/action-plan/steps/<int:step_pk>/", views.step_edit, name="step_edit"),
    path(
        "<int:pk>/action-plan/steps/<int:step_pk>/delete/",
        views.step_delete,
        name="step_delete",
    ),
    path(
        "<int:pk>/action-plan/steps/<int:step_pk>/move/<slug:direction>/",
        views.step_move,
        name="step_move",
    ),
    path("<int:pk>/action-plan/share/", views.link_share, name="share"),
    path(
        "<int:pk>/action-plan/links/<int:shared_pk>/revoke/",
        views.link_revoke,
        name="link_revoke",
    ),
]
