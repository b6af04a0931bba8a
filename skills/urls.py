from django.urls import path

from skills import views

app_name = "skills"
urlpatterns = [
    path("", views.skill_index, name="list"),
    path("new/", views.skill_new, name="create"),
    path("<int:pk>/edit/", views.skill_edit, name="edit"),
    path("<int:pk>/aliases/", views.alias_add, name="alias_add"),
    path("<int:pk>/aliases/remove/", views.alias_remove, name="alias_remove"),
    path("<int:pk>/merge/", views.skill_merge_view, name="merge"),
    path("merges/<int:merge_pk>/undo/", views.merge_undo, name="merge_undo"),
    path("families/", views.family_new, name="family_create"),
    path("families/<int:family_pk>/", views.family_edit, name="family_edit"),
]
