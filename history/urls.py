"""Mounted at /history/ by config/urls.py: `path("history/", include("history.urls"))`."""

from django.urls import path

from history import views

app_name = "history"
urlpatterns = [
    path("<slug:kind>/<int:pk>/", views.history_page, name="list"),
    path("<slug:kind>/<int:pk>/restore/", views.history_restore_view, name="restore"),
]
