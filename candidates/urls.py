from django.urls import path

from candidates import views
from config.placeholder import not_built_yet

app_name = "candidates"
urlpatterns = [
    path("", not_built_yet, name="list"),
    path("new/", not_built_yet, name="create"),
    path("<int:pk>/", not_built_yet, name="detail"),
    path("<int:pk>/edit/", not_built_yet, name="edit"),
    path("skills/suggest/", views.skill_suggest, name="skill_suggest"),
]
