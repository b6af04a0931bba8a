from django.urls import path

from candidates import views

app_name = "candidates"
urlpatterns = [
    path("", views.candidate_list, name="list"),
    path("new/", views.candidate_new, name="create"),
    path("<int:pk>/", views.candidate_detail, name="detail"),
    path("<int:pk>/edit/", views.candidate_edit, name="edit"),
    path("<int:pk>/skills/", views.skill_add, name="skill_add"),
    path("<int:pk>/skills/<int:skill_pk>/", views.skill_update, name="skill_update"),
    path("<int:pk>/skills/<int:skill_pk>/remove/", views.skill_remove, name="skill_remove"),
    path("<int:pk>/engagements/", views.engagement_add, name="engagement_add"),
    path(
        "<int:pk>/engagements/<int:engagement_pk>/",
        views.engagement_detail,
        name="engagement_detail",
    ),
    path(
        "<int:pk>/engagements/<int:engagement_pk>/edit/",
        views.engagement_edit,
        name="engagement_edit",
    ),
    path(
        "<int:pk>/engagements/<int:engagement_pk>/delete/",
        views.engagement_delete_view,
        name="engagement_delete",
    ),
    path("skills/suggest/", views.skill_suggest, name="skill_suggest"),
]
