from django.urls import path  # noqa: F401

from references import views  # noqa: F401

app_name = "references"
urlpatterns = []
