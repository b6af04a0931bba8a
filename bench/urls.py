"""The app's URLs plus the benchmark baseline: a signed-in page rendering base.html and nothing
else. Only the bench scripts use this URLconf; it is never served."""

from django.shortcuts import render
from django.urls import include, path


def baseline(request):
    return render(request, "base.html")


urlpatterns = [
    path("bench/baseline/", baseline, name="bench_baseline"),
    path("", include("config.urls")),
]
