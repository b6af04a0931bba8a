from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import views as accounts_views
from core import views

# Only the auth views DialReady styles; password resets go through a manager or the admin.
auth_patterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", accounts_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
]

urlpatterns = [
    path("", include("dashboard.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include(auth_patterns)),
    path("team/plans/", include("reviews.urls")),
    path("team/export/", include("exports.urls")),
    path("team/", include("accounts.urls")),
    path("joborders/", include("joborders.urls")),
    path("candidates/", include("candidates.urls")),
    path("references/", include("references.urls")),
    path("plans/", include("callplans.urls")),
    path("metrics/", include("metrics.urls")),
    path("history/", include("history.urls")),
    path("admin/", admin.site.urls),
]
