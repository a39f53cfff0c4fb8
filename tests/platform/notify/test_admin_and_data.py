import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from transition.platform.notify.models import EmailLog
from transition.platform.notify.personal_data import email_log_erase, email_log_export
from transition.platform.notify.services import email_send

pytestmark = pytest.mark.django_db
CONTEXT = {"name": "Anne", "number": 1}


@pytest.fixture
def staff_client(client):
    admin = get_user_model().objects.create_superuser("admin@example.fr", "mot-de-passe-solide-123")
    client.force_login(admin)
    # The admin asks for a second factor (django-otp): mark this session as verified.
    device = TOTPDevice.objects.create(user=admin, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def test_admin_lists_the_log_read_only(staff_client):
    log = email_send(to="anne@example.fr", template="notify_tests/hello", context=CONTEXT)
    changelist = staff_client.get(reverse("admin:notify_emaillog_changelist"))
    assert changelist.status_code == 200
    assert "anne@example.fr" in changelist.content.decode()
    assert staff_client.get(reverse("admin:notify_emaillog_add")).status_code == 403
    detail = staff_client.get(reverse("admin:notify_emaillog_change", args=[log.pk]))
    assert detail.status_code == 200
    assert 'name="subject"' not in detail.content.decode()  # shown, not editable
    staff_client.post(reverse("admin:notify_emaillog_delete", args=[log.pk]), {"post": "yes"})
    assert EmailLog.objects.filter(pk=log.pk).exists()


def test_personal_data_export_and_erasure():
    user = get_user_model().objects.create_user("Anne@Example.fr")
    email_send(to="anne@example.fr", template="notify_tests/hello", context=CONTEXT)
    email_send(to="bob@example.fr", template="notify_tests/hello", context=CONTEXT)
    exported = email_log_export(user)["courriels"]
    assert len(exported) == 1
    assert exported[0]["objet"].startswith("Bonjour Anne")
    assert exported[0]["état"] == "envoyé"
    email_log_erase(user)
    assert list(EmailLog.objects.values_list("to", flat=True)) == ["bob@example.fr"]
