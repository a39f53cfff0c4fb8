from django import forms
from django.conf import settings
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm

from .ratelimit import RateLimited, rate_limit_check, rate_limit_exceeded
from .services import sign_in_failure_count


class EmailLinkForm(forms.Form):
    email = forms.EmailField(
        label="Adresse électronique",
        max_length=254,
        error_messages={
            "required": "Indiquez votre adresse électronique.",
            "invalid": "Indiquez une adresse électronique valide, par exemple nom@exemple.fr.",
        },
    )


class AccountDeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label="Je comprends que mon compte et mes données personnelles seront effacés définitivement.",
        error_messages={"required": "Cochez la case pour confirmer la suppression."},
    )


class ApiTokenForm(forms.Form):
    """`choices` are the (organisation, scope) pairs the person may issue, as "org_pk|scope"."""

    target = forms.ChoiceField(
        label="Organisation et usage",
        error_messages={
            "required": "Choisissez l’organisation et l’usage du jeton.",
            "invalid_choice": "Choix inconnu.",
        },
    )
    name = forms.CharField(
        label="Nom du jeton",
        help_text="Le logiciel qui l’utilisera, par exemple « Logiciel de suivi des demandes ».",
        max_length=100,
        error_messages={"required": "Donnez un nom au jeton."},
    )

    def __init__(self, *args, pairs, **kwargs):
        super().__init__(*args, **kwargs)
        self.pairs = {f"{o.pk}|{s.scope}": (o, s) for o, s in pairs}
        self.fields["target"].choices = [("", "Choisir")] + [
            (key, f"{o.name} — {s.label}") for key, (o, s) in self.pairs.items()
        ]

    def chosen(self):
        return self.pairs[self.cleaned_data["target"]]


ADMIN_LOGIN_REFUSED = (
    "Adresse, mot de passe ou code incorrect. Saisissez les trois : l’adresse et le mot de passe de votre compte "
    "d’équipe, et le code à six chiffres de votre application d’authentification."
)


class AdminLoginForm(OTPAdminAuthenticationForm):
    """The admin's sign-in in one step (address, password and code together), which never says
    which of them failed: a wrong password and a right one without its code get the same page
    (django-otp's two steps showed the device list, and the password typed back, only once the
    password was right). Failures are throttled per client IP (RATE_LIMITS["admin_login"]) and
    counted per day (SignInFailureCount), not audited one by one."""

    def clean(self):
        if self.request is not None and rate_limit_exceeded(scope="admin_login", request=self.request):
            raise forms.ValidationError(RateLimited(settings.RATE_LIMITS["admin_login"]["ip"][1]).message)
        try:
            return super().clean()
        except forms.ValidationError:
            self.user_cache = None  # the page must not change when the password was right
            sign_in_failure_count(method="admin", reason="adresse, mot de passe ou code refusé")
            if self.request is not None:
                try:
                    rate_limit_check(scope="admin_login", request=self.request)
                except RateLimited as exc:
                    raise forms.ValidationError(exc.message) from None
            raise forms.ValidationError(ADMIN_LOGIN_REFUSED, code="invalid_login") from None

    def _chosen_device(self, user):
        """The device chosen, else the person's first confirmed one (one step: nobody picks it)."""
        device = super()._chosen_device(user)
        if device is None:
            device = next(iter(devices_for_user(user, confirmed=True, for_verify=True)), None)
        return device

    def _update_form(self, user):
        """Nothing: django-otp fills the device list and types the password back here."""
