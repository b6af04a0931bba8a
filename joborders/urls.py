from django.urls import path

from joborders import views

app_name = "joborders"
urlpatterns = [
    path("", views.joborder_list_page, name="list"),
    path("new/", views.joborder_create_page, name="create"),
    path("contacts/", views.contact_options, name="contact_options"),
    path("<int:pk>/", views.joborder_detail_page, name="detail"),
    path("<int:pk>/edit/", views.joborder_edit_page, name="edit"),
    path("<int:pk>/status/", views.joborder_status, name="status"),
    path("<int:pk>/submittals/", views.submittal_add, name="submittal_add"),
    path(
        "<int:pk>/submittals/<int:submittal_pk>/stage/",
        views.submittal_stage,
        name="submittal_stage",
    ),
    path(
        "<int:pk>/requirements/<slug:kind>/add/",
        views.requirement_add_row,
        name="requirement_add",
    ),
    path(
        "<int:pk>/requirements/<int:requirement_pk>/",
        views.requirement_update_row,
        name="requirement_update",
    ),
    path(
        "<int:pk>/requirements/<int:requirement_pk>/delete/",
        views.requirement_delete_row,
        name="requirement_delete",
    ),
    path(
        "<int:pk>/requirements/<int:requirement_pk>/move/<slug:direction>/",
        views.requirement_move_row,
        name="requirement_move",
    ),
]
