from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ops.sign_in import AdminSignInForm, SignInForm

admin.site.site_header = "VG2020 uppföljning – administration"
admin.site.site_title = "VG2020 administration"
admin.site.index_title = "Administrera portalen"
admin.site.login_form = AdminSignInForm

urlpatterns = [
    # Before the strategy's pages, whose patterns would otherwise catch the round's addresses.
    path("", include("reporting.urls")),
    path("", include("strategy.urls")),
    path("", include("followup.urls")),
    path("", include("publications.urls")),
    path("konto/logga-in/", auth_views.LoginView.as_view(authentication_form=SignInForm), name="login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    # Forgotten and changed passwords: Django's views, Swedish templates in templates/registration/.
    path("konto/losenord/glomt/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "konto/losenord/glomt/skickat/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "konto/losenord/nytt/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "konto/losenord/nytt/klart/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("konto/losenord/byt/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "konto/losenord/byt/klart/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path("admin/", admin.site.urls),
    # Operations: the health check.
    path("", include("ops.urls")),
]
