import time

import pytest
from django.core.management import call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from .factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    user = UserFactory(email="equipe@example.fr", is_staff=True, is_superuser=True)
    user.set_password("un mot de passe solide")
    user.save()
    return user


def _token(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def test_a_password_alone_does_not_open_the_admin(client, staff):
    client.force_login(staff)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_password_and_totp_open_the_admin(client, staff, capsys):
    call_command("otp_enrol", "equipe@example.fr")
    out = capsys.readouterr().out
    assert "otpauth://totp/" in out
    device = TOTPDevice.objects.get(user=staff)

    refused = client.post(
        "/admin/login/",
        {
            "username": staff.email,
            "password": "un mot de passe solide",
            "otp_device": device.persistent_id,
            "otp_token": "000000",
        },
    )
    assert refused.status_code == 200
    assert client.get("/admin/").status_code == 302
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down guessing after a wrong code

    response = client.post(
        "/admin/login/?next=/admin/",
        {
            "username": staff.email,
            "password": "un mot de passe solide",
            "otp_device": device.persistent_id,
            "otp_token": _token(device),
        },
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/audit/event/").status_code == 200
    from transition.platform.audit.models import Event

    assert Event.objects.get(action="accounts.sign_in").payload == {"method": "mot de passe"}
    client.post("/admin/logout/")
    assert Event.objects.filter(action="accounts.sign_out", actor=staff).count() == 1


def test_enrolment_is_for_staff_only():
    UserFactory(email="public@example.fr")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="ne fait pas partie de l’équipe"):
        call_command("otp_enrol", "public@example.fr")


@pytest.fixture
def verified_admin(client, staff):
    """A staff member signed in with password and TOTP (the session carries the verified device)."""
    device = TOTPDevice.objects.create(user=staff, name="test", confirmed=True)
    client.force_login(staff)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def test_admin_pages_for_accounts(verified_admin, staff):
    from transition.platform.accounts import roles
    from transition.platform.accounts.models import Membership, Organisation, User
    from transition.platform.audit.models import Event

    roles.register_roles("essai", {"lecteur": "Lecteur"})
    for path in (
        "/admin/",
        "/admin/accounts/user/",
        "/admin/accounts/user/add/",
        f"/admin/accounts/user/{staff.pk}/change/",
        "/admin/accounts/organisation/add/",
        "/admin/accounts/membership/add/",
        "/admin/audit/event/",
    ):
        assert verified_admin.get(path).status_code == 200, path

    response = verified_admin.post(
        "/admin/accounts/user/add/",
        {"email": "nouvelle@example.fr", "usable_password": "false", "password1": "", "password2": ""},
    )
    import re

    assert response.status_code == 302, re.findall(r"errorlist.{0,300}", response.content.decode(), re.S)
    person = User.objects.get(email="nouvelle@example.fr")
    assert not person.has_usable_password()

    response = verified_admin.post(
        "/admin/accounts/organisation/add/",
        {
            "name": "Mairie",
            "siret": "13002526500014",
            "siren": "",
            "kind": "collectivite",
            "created_at_0": "22/11/2026",
            "created_at_1": "10:00:00",
        },
    )
    assert "SIRET n’est pas valide" in response.content.decode()
    organisation = Organisation.objects.create(name="Mairie", siret="13002526500013")

    response = verified_admin.post(
        "/admin/accounts/membership/add/",
        {"user": person.pk, "organisation": organisation.pk, "product": "essai", "role": "lecteur"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get()
    grant = Event.objects.get(action="accounts.role_grant")
    assert grant.actor_id == staff.pk and grant.object_id == str(membership.pk)
    assert verified_admin.get(f"/admin/audit/event/{grant.pk}/change/").status_code == 200
