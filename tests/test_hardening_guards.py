"""Issue 9: guards over the whole project, so that a fixed weakness does not come back elsewhere
(the platform and every product)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "transition"
SOURCES = [p for p in ROOT.rglob("*.py") if "migrations" not in p.parts]
TEMPLATES = list(ROOT.rglob("*.html")) + list(ROOT.rglob("*.txt"))


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


# Finding 1: staff powers need the second factor, everywhere.

# Where `is_staff` may be read: the account model and its admin, the second factor's enrolment, the
# anonymisation of an account, and the one rule every product asks (has_staff_power).
STAFF_FLAG_ALLOWED = {
    "platform/accounts/models.py",
    "platform/accounts/admin.py",
    "platform/accounts/services.py",
    "platform/accounts/permissions.py",
    "platform/accounts/management/commands/otp_enrol.py",
}
STAFF_FLAG = re.compile(r"\bis_staff\b|\bis_superuser\b|\.has_perm\(|\.has_perms\(|staff_member_required")


@pytest.mark.parametrize("path", SOURCES + TEMPLATES, ids=_relative)
def test_staff_powers_go_through_has_staff_power(path):
    if _relative(path) in STAFF_FLAG_ALLOWED:
        return
    text = path.read_text(encoding="utf-8")
    found = STAFF_FLAG.findall(text)
    assert not found, (
        f"{_relative(path)} lit {found[0]} : un membre de l’équipe connecté sans second facteur aurait ses "
        "pouvoirs. Utilisez transition.platform.accounts.permissions.has_staff_power."
    )


# Finding 2: every spreadsheet through the platform's writer.

SPREADSHEET_WRITERS_ALLOWED = {
    "platform/core/spreadsheets.py",  # the writer
    "platform/core/imports.py",  # the reader (openpyxl in read-only mode)
    "platform/geo/ban.py",  # a CSV sent to the national geocoder's batch endpoint, not handed to anyone
}
SPREADSHEET_WRITE = re.compile(
    r"\bcsv\.(writer|DictWriter)\(|\bimport openpyxl|\bfrom openpyxl\b|\bxlsxwriter\b|\bodf\."
)


@pytest.mark.parametrize("path", SOURCES, ids=_relative)
def test_every_spreadsheet_goes_through_the_platform_writer(path):
    if _relative(path) in SPREADSHEET_WRITERS_ALLOWED:
        return
    found = SPREADSHEET_WRITE.search(path.read_text(encoding="utf-8"))
    assert not found, (
        f"{_relative(path)} écrit un tableur lui-même ({found.group(0)}) : passez par "
        "transition.platform.core.spreadsheets (caractères de contrôle retirés, aucune formule)."
    )


# Finding 3: no user text is ever turned into a link in an email.


@pytest.mark.parametrize("path", [p for p in TEMPLATES if "emails" in p.parts or "email" in p.name], ids=_relative)
def test_no_email_template_turns_text_into_links(path):
    text = path.read_text(encoding="utf-8")
    assert "urlize" not in text, f"{_relative(path)} : urlize ferait un lien de n’importe quel texte"
