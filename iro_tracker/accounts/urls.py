from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import security_views, views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="accounts/login.html"),
        name="login",
    ),
    path("login/code/", security_views.verify, name="two_factor_verify"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", security_views.profile, name="profile"),
    path("account/two-factor/", security_views.setup, name="two_factor_setup"),
    path("account/backup-codes/", security_views.backup_codes, name="backup_codes"),
    path(
        "account/password/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("accounts:profile"),
        ),
        name="password_change",
    ),
]
