from django.urls import path

from config.placeholder import not_built_yet

app_name = "references"
urlpatterns = [
    path("", not_built_yet, name="list"),
    path("add/", not_built_yet, name="reference_add"),
    path("calls/new/", not_built_yet, name="call_new"),
    path("calls/<int:pk>/", not_built_yet, name="call_detail"),
    path("calls/<int:pk>/edit/", not_built_yet, name="call_edit"),
]
