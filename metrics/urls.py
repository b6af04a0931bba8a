from django.urls import path

from metrics import views as metrics

app_name = "metrics"
urlpatterns = [
    path("", metrics.metrics_index, name="index"),
]
