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


# Issue 9, finding 1: the admin's sign-in says nothing about which factor failed, and is throttled.


def _admin_post(client, staff, *, password, token="", ip="192.0.2.10"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": staff.email, "password": password, "otp_token": token},
        REMOTE_ADDR=ip,
    )


def _visible(response) -> str:
    """The page without its CSRF token (the only part that differs between two answers)."""
    import re

    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_wrong_password_and_right_password_without_code_answer_the_same(client, staff):
    TOTPDevice.objects.create(user=staff, name="téléphone", confirmed=True)
    wrong = _admin_post(client, staff, password="pas le bon")
    right_no_code = _admin_post(client, staff, password="un mot de passe solide")
    wrong_with_code = _admin_post(client, staff, password="pas le bon", token="000000")
    right_bad_code = _admin_post(client, staff, password="un mot de passe solide", token="000000")
    assert {r.status_code for r in (wrong, right_no_code, wrong_with_code, right_bad_code)} == {200}
    assert _visible(wrong) == _visible(right_no_code)
    assert _visible(wrong_with_code) == _visible(right_bad_code)
    assert "Adresse, mot de passe ou code incorrect" in _visible(wrong)
    assert "un mot de passe solide" not in _visible(right_no_code)  # never rendered back
    assert client.get("/admin/").status_code == 302


def test_a_right_password_and_code_in_one_step_opens_the_admin(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="téléphone", confirmed=True)
    response = _admin_post(client, staff, password="un mot de passe solide", token=_token(device))
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_admin_password_attempts_are_throttled_per_ip(client, staff, settings):
    from django.core.cache import cache

    from transition.platform.accounts.models import SignInFailureCount

    cache.clear()
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "admin_login": {"ip": (3, 900)}}
    device = TOTPDevice.objects.create(user=staff, name="téléphone", confirmed=True)
    answers = [_admin_post(client, staff, password=f"essai {n}").content.decode() for n in range(4)]
    assert ["Trop de tentatives" in a for a in answers] == [False, False, False, True]
    blocked = _admin_post(client, staff, password="un mot de passe solide", token=_token(device))
    assert blocked.status_code == 200 and "Trop de tentatives" in blocked.content.decode()
    assert client.get("/admin/").status_code == 302
    device.refresh_from_db()
    device.throttle_reset()
    other_ip = _admin_post(client, staff, password="un mot de passe solide", token=_token(device), ip="192.0.2.11")
    assert other_ip.status_code == 302
    assert SignInFailureCount.objects.get(method="admin").count >= 3
    cache.clear()
