from django.urls import path

from coaching import views

app_name = "coaching"
urlpatterns = [
    path("", views.coaching_index, name="index"),
    path("people/<int:pk>/", views.coaching_person, name="person"),
]
