from django.urls import path

from reminders import views

app_name = "calendars"
urlpatterns = [
    path("", views.calendar_page, name="page"),
    path("revoke/", views.calendar_revoke, name="revoke"),
    # The one address without login: calendar apps cannot log in, the secret is the key.
    path("feed/<str:token>.ics", views.calendar_feed, name="feed"),
    path("submittals/<int:pk>.ics", views.submittal_ics, name="submittal_ics"),
]
