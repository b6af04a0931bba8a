from django.urls import path

from config.placeholder import not_built_yet

app_name = "joborders"
urlpatterns = [
    path("", not_built_yet, name="list"),
    path("new/", not_built_yet, name="create"),
    path("<int:pk>/", not_built_yet, name="detail"),
    path("<int:pk>/edit/", not_built_yet, name="edit"),
]
