from django.urls import path

from reviews import views as review

app_name = "review"
urlpatterns = [
    path("", review.review_list, name="list"),
    path("<int:pk>/review/", review.review_create, name="review_create"),
    path("export/", review.export_create, name="export_create"),
    path("exports/<int:pk>/", review.export_status, name="export_status"),
    path("exports/<int:pk>/pdf/", review.export_download, name="export_download"),
]
