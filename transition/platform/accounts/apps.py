from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "transition.platform.accounts"
    label = "accounts"
    verbose_name = "Comptes"

    def ready(self):
        from django.contrib import admin
        from django_otp.admin import OTPAdminSite

        # Staff reach the admin only after a second factor (TOTP, enrolled with
        # `manage.py otp_enrol <email>`): the default site becomes django-otp's, whose
        # has_permission() requires a verified device and whose login form asks for the code.
        admin.site.__class__ = OTPAdminSite
        # One step (address, password and code), one answer whatever failed, throttled per IP.
        from .forms import AdminLoginForm

        admin.site.login_form = AdminLoginForm

        from . import checks, signals, tasks  # noqa: F401  (deploy checks, audit receivers, the daily job)
