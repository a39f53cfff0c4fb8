import segno
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from transition.platform.accounts.models import User


class Command(BaseCommand):
    help = (
        "Crée un appareil TOTP (second facteur de l’administration) pour un membre de l’équipe et "
        "affiche son URI otpauth:// et un QR code à scanner avec une application d’authentification."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="application d’authentification")
        parser.add_argument("--replace", action="store_true", help="supprime d’abord les appareils TOTP existants")
        parser.add_argument("--no-qr", action="store_true", help="n’affiche que l’URI")

    def handle(self, email, name, replace, no_qr, **options):
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"Aucun compte pour {email}.")
        if not user.is_staff:
            raise CommandError(f"{email} ne fait pas partie de l’équipe (is_staff) : l’administration lui est fermée.")
        if replace:
            TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
        self.stdout.write(f"Appareil TOTP n°{device.pk} créé pour {user.email}.")
        self.stdout.write(device.config_url)
        if not no_qr:
            segno.make(device.config_url, error="m").terminal(out=self.stdout, compact=True)
