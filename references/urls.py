from django.urls import path

from references import views

app_name = "references"
urlpatterns = [
    path("", views.call_list, name="list"),
    path("add/", views.reference_add, name="reference_add"),
    path("calls/new/", views.call_new, name="call_new"),
    path("calls/<int:pk>/", views.call_detail, name="call_detail"),
    path("calls/<int:pk>/edit/", views.call_edit, name="call_edit"),
    path("questions/", views.question_bank, name="questions"),
    path("questions/<int:question_pk>/remove/", views.question_remove, name="question_remove"),
]
