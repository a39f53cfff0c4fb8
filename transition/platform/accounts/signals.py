"""Sign-ins and sign-outs that do not go through the services (staff through the admin, with
password and TOTP) are logged too."""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from transition.platform.audit.services import event_record


@receiver(user_logged_in, dispatch_uid="accounts_audit_logged_in")
def _logged_in(sender, request, user, **kwargs):
    if not getattr(user, "_sign_in_recorded", False):
        event_record(actor=user, action="accounts.sign_in", target=user, payload={"method": "mot de passe"})


@receiver(user_logged_out, dispatch_uid="accounts_audit_logged_out")
def _logged_out(sender, request, user, **kwargs):
    if user is not None and user.is_authenticated and not getattr(user, "_sign_out_recorded", False):
        event_record(actor=user, action="accounts.sign_out", target=user)
