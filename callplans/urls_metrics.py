from django.urls import path

from callplans.views import metrics

app_name = "metrics"
urlpatterns = [
    path("", metrics.metrics_index, name="index"),
]
