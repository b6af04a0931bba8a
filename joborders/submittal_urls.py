from django.urls import path

from joborders import interview_views, loss_views, views

app_name = "submittals"
urlpatterns = [
    path("<int:pk>/", views.submittal_detail_page, name="detail"),
    path("<int:pk>/rates/", views.submittal_rates, name="rates"),
    path("<int:pk>/loss/", views.submittal_loss, name="loss"),
    path("<int:pk>/rounds/", interview_views.interview_add, name="round_add"),
    path("<int:pk>/rounds/<int:number>/", interview_views.interview_edit, name="round_edit"),
    path(
        "<int:pk>/rounds/<int:number>/cancel/",
        interview_views.interview_cancel_round,
        name="round_cancel",
    ),
    path("loss-reasons/", loss_views.loss_reasons_page, name="loss_reasons"),
    path("loss-reasons/add/", loss_views.lossreason_add, name="lossreason_add"),
    path("loss-reasons/start/", loss_views.lossreasons_start_list, name="lossreasons_start"),
    path("loss-reasons/<int:reason_pk>/", loss_views.lossreason_edit, name="lossreason_edit"),
    path(
        "loss-reasons/<int:reason_pk>/retire/",
        loss_views.lossreason_retire,
        name="lossreason_retire",
    ),
]
