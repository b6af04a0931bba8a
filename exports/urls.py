from django.urls import path

from exports import views

app_name = "exports"
urlpatterns = [
    path("", views.team_export, name="export"),
    path("team.json", views.team_export_json_file, name="export_json"),
    path("<slug:table>.csv", views.team_export_csv_file, name="export_csv"),
]
