from django.urls import path

from search import views

app_name = "search"
urlpatterns = [
    path("", views.search_page, name="index"),
    path("suggest/", views.search_suggest, name="suggest"),
]
