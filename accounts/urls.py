from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.team, name="team"),
    path("export/", views.team_export, name="export"),
    path("export/team.json", views.team_export_json_file, name="export_json"),
    path("export/<slug:table>.csv", views.team_export_csv_file, name="export_csv"),
]
