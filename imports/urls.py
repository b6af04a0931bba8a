from django.urls import path

from imports import views

app_name = "imports"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.run_detail, name="run"),
    path("<int:pk>/status/", views.run_status, name="status"),
    path("<int:pk>/map/", views.run_map, name="map"),
    path("<int:pk>/confirm/", views.run_confirm, name="confirm"),
    path("<int:pk>/errors.csv", views.run_errors, name="errors"),
]
