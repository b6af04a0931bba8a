from django.urls import path

from joborders import views

app_name = "submittals"
urlpatterns = [
    path("<int:pk>/", views.submittal_detail_page, name="detail"),
    path("<int:pk>/rates/", views.submittal_rates, name="rates"),
]
