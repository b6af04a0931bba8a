from django.urls import path  # noqa: F401

from joborders import views  # noqa: F401

app_name = "joborders"
urlpatterns = []
