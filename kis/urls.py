"""URL configuration of the whole project."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from kis import document_views, twofactor
from kis.accounts import PasswordChangeView, keep_alive
from kis.preferences import set_display, set_language
from kis.views import AuditListView, healthz
from projects.urls import partner_patterns, project_patterns
from reports.home import HomeView

admin.site.site_header = admin.site.site_title = "KIS"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", PasswordChangeView.as_view(), name="password_change"),
    path("accounts/session/keep-alive/", keep_alive, name="keep_alive"),
    path("accounts/two-factor/", twofactor.verify, name="two_factor"),
    path("accounts/two-factor/setup/", twofactor.setup, name="two_factor_setup"),
    path("accounts/two-factor/recovery-codes/", twofactor.recovery_codes, name="recovery_codes"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("accounts/display/", login_not_required(set_display), name="set_display"),
    path("participants/", include("participants.urls")),
    path("programmes/", include("programmes.urls")),
    path("contracts/", include("contracts.urls")),
    path("projects/", include(project_patterns)),
    path("partners/", include(partner_patterns)),
    path("activities/participations/", include("participation.urls")),
    path("activities/", include("activities.urls")),
    path("useful-work/", include("usefulwork.urls")),
    path("reports/documents/<uuid:pk>/", document_views.progress, name="document"),
    path("reports/documents/<uuid:pk>/status/", document_views.status, name="document_status"),
    path("reports/documents/<uuid:pk>/download/", document_views.download, name="document_download"),
    path("reports/", include("reports.urls")),
    path("audit/", AuditListView.as_view(), name="audit"),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]
