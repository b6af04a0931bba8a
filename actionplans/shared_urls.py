"""The client's page of a shared action plan: no login, the secret is the key (its path is
redacted from every log line: reminders/logredact.py)."""

from django.urls import path

from actionplans import views

app_name = "sharedplans"
urlpatterns = [
    path("<int:pk>/<str:token>/", views.shared_page, name="page"),
    path("<int:pk>/<str:token>/steps/<int:step_pk>/done/", views.shared_step_done, name="done"),
    path("<int:pk>/<str:token>/comment/", views.shared_comment, name="comment"),
]
