from django.urls import path

from actionplans import template_views, views

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
    path("action-plan-template/", template_views.template_page, name="template"),
    path(
        "action-plan-template/customize/",
        template_views.template_customize,
        name="template_customize",
    ),
    path("action-plan-template/add/", template_views.template_add, name="template_add"),
    path(
        "action-plan-template/<int:template_pk>/",
        template_views.template_edit,
        name="template_edit",
    ),
    path(
        "action-plan-template/<int:template_pk>/delete/",
        template_views.template_delete,
        name="template_delete",
    ),
    path(
        "action-plan-template/<int:template_pk>/move/<slug:direction>/",
        template_views.template_move,
        name="template_move",
    ),
]
