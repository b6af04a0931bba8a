from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import views as accounts_views
from api.v1 import urls as api_v1_urls
from core import views

# The auth views DialReady styles. Resetting a forgotten password by e-mail is open to anyone
# (Django marks these views login_not_required); the request for a link is rate-limited.
auth_patterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", accounts_views.PasswordChangeView.as_view(), name="password_change"),
    path("settings/", accounts_views.my_settings, name="my_settings"),
    path(
        "password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path("password/reset/", accounts_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        accounts_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", include("dashboard.urls")),
    path("board/", include("board.urls")),
    path("coaching/", include("coaching.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("search/", include("search.urls")),
    path("accounts/", include(auth_patterns)),
    path("team/plans/", include("reviews.urls")),
    path("team/export/", include("exports.urls")),
    path("import/", include("imports.urls")),
    path("team/", include("accounts.urls")),
    path("joborders/", include("joborders.urls")),
    path("submittals/", include("joborders.submittal_urls")),
    path("submittals/", include("actionplans.urls")),
    path("shared/action-plans/", include("actionplans.shared_urls")),
    path("candidates/", include("candidates.urls")),
    path("skills/", include("skills.urls")),
    path("references/", include("references.urls")),
    path("plans/", include("callplans.urls")),
    path("library/", include("library.urls")),
    path("metrics/", include("metrics.urls")),
    path("history/", include("history.urls")),
    path("api/v1/", api_v1_urls()),
    path("accounts/tokens/", include("api.urls")),
    path("notifications/", include("reminders.urls")),
    path("calendar/", include("reminders.calendar_urls")),
    path("admin/", admin.site.urls),
]
