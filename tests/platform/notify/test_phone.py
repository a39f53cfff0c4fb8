import pytest

from transition.platform.notify.phone import PhoneError, phone_parse


@pytest.mark.parametrize(
    ("text", "e164", "mobile"),
    [
        ("06 12 34 56 78", "+33612345678", True),
        ("06.12.34.56.78", "+33612345678", True),
        ("06-12-34-56-78", "+33612345678", True),
        ("0712345678", "+33712345678", True),
        ("+33 6 12 34 56 78", "+33612345678", True),
        ("+33 (0)6 12 34 56 78", "+33612345678", True),
        ("0033612345678", "+33612345678", True),
        ("05 65 12 34 56", "+33565123456", False),
        ("0898765433", "+33898765433", False),
        ("0692 12 34 56", "+262692123456", True),
        ("0262 12 34 56", "+262262123456", False),
        ("0696 12 34 56", "+596696123456", True),
        ("+262 692 12 34 56", "+262692123456", True),
        ("+32 470 12 34 56", "+32470123456", False),
    ],
)
def test_phone_parse(text, e164, mobile):
    phone = phone_parse(text)
    assert (phone.e164, phone.mobile) == (e164, mobile)


def test_national_form():
    assert phone_parse("+33612345678").national == "06 12 34 56 78"
    assert phone_parse("0692123456").national == "+262692123456"


@pytest.mark.parametrize(
    "text",
    ["", "   ", "12 34", "6 12 34 56 78", "00 12 34 56 78", "+33 0 12 34 56 78", "06 12 34 56 78 9", "06 12 AB 56 78"]
    + ["+330612345678", "+0123", "=HYPERLINK(1)", "tel:0612345678"],
)
def test_phone_parse_refuses(text):
    with pytest.raises(PhoneError):
        phone_parse(text)
