"""vCard 4.0 out, a contact back in: checked with a real parser (vobject) and by round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salesdesk.core.call import Contact
from salesdesk.core.vcard import (
    MAX_VCARD_BYTES,
    VCardError,
    contact_vcard,
    contacts_vcards,
    read_vcard,
    read_vcard_file,
)
from tests.calls_data import ODD_TEXTS

vobject = pytest.importorskip("vobject")

ODD = [
    "Acme, Inc.; Sales\\Ops",
    "line one\nline two",
    "Zoë Ñúñez-Łukasiewicz",
    "山田太郎 · 株式会社",
    "مرحبا بالعالم",
    "Deal 🎉👍🏽 done 👩‍👩‍👧",
    "bidi \u202eevil\u202c \u2066isolated\u2069 \u200fmark",
    ODD_TEXTS["formula"],
    ODD_TEXTS["script"],
]


def parse(text: str):
    return vobject.readOne(text)


def test_a_contact_is_a_vcard_4_that_vobject_reads():
    contact = Contact("Dr. Jan van der Berg Jr.", "Northwind Logistics", "jan@northwind.example", "+49 30 1234-56")
    text = contact_vcard(contact, note="Last call 2024-05-02: Meeting booked")
    assert text.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n") and text.endswith("END:VCARD\r\n")
    card = parse(text)
    assert card.fn.value == "Dr. Jan van der Berg Jr."
    name = card.n.value
    assert (name.family, name.given, name.prefix, name.suffix) == ("van der Berg", "Jan", "Dr.", "Jr.")
    assert card.org.value == ["Northwind Logistics"]
    assert card.email.value == "jan@northwind.example"
    assert card.tel.value == "+49 30 1234-56"
    assert card.note.value == "Last call 2024-05-02: Meeting booked"
    assert read_vcard(text) == contact


@pytest.mark.parametrize("odd", ODD)
def test_odd_text_survives_vobject_and_the_reader(odd: str):
    contact = Contact(f"Ana {odd}", odd, "ana@example.com", "+1 555 0100")
    text = contact_vcard(contact, note=odd)
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n")), "folded at 75 octets"
    text.encode("utf-8").decode("utf-8")  # folding never splits a character
    card = parse(text)
    expected_name = " ".join(contact.name.split())
    assert card.fn.value == expected_name
    assert card.org.value == [odd]
    assert card.note.value == odd
    again = read_vcard(text)
    assert (again.name, again.company, again.email, again.phone) == (expected_name, odd, contact.email, contact.phone)


@settings(max_examples=150, deadline=None)
@given(
    name=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80).filter(str.strip),
    company=st.text(st.characters(blacklist_categories=("Cs",)), max_size=200),
)
def test_any_text_round_trips(name: str, company: str):
    contact = Contact(name, company)
    text = contact_vcard(contact)
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    again = read_vcard(text)
    assert again.name == " ".join(name.split())
    # Control characters (but tab) are not allowed in vCard text; line breaks become \n.
    expected = "".join(c for c in company.replace("\r\n", "\n").replace("\r", "\n") if c in "\t\n" or ord(c) >= 0x20)
    expected = expected.replace("\x7f", "").strip()
    assert again.company == expected


def test_several_contacts_make_one_file_vobject_reads_card_by_card():
    contacts = [Contact("Dana Whitfield", "Northwind"), Contact("Élodie Martin", "Acme", "e@acme.example")]
    cards = list(vobject.readComponents(contacts_vcards(contacts)))
    assert [c.fn.value for c in cards] == ["Dana Whitfield", "Élodie Martin"]


APPLE_30 = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Whitfield;Dana;;;\r\nFN:Dana Whitfield\r\n"
    "ORG:Northwind Logistics;Sales\r\n"
    "item1.EMAIL;type=INTERNET;type=WORK:dana.old@northwind.example\r\n"
    "item2.EMAIL;type=INTERNET;type=WORK;type=pref:dana@northwind.\r\n example\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:+1 555 0100\r\n"
    "NOTE:Met at the fair\\, booth 4\\nAsk about routes\r\nEND:VCARD\r\n"
)
GOOGLE_40 = (
    "BEGIN:VCARD\nVERSION:4.0\nN:García López;María José;;;\nEMAIL;PREF=1:mj@example.es\n"
    'TEL;VALUE=uri;TYPE="voice,work":tel:+34-91-123-4567;ext=12\nEND:VCARD\n'
)


def test_a_vcard_3_from_an_address_book_fills_a_contact():
    assert read_vcard(APPLE_30) == Contact(
        "Dana Whitfield", "Northwind Logistics", "dana@northwind.example", "+1 555 0100"
    )


def test_a_vcard_4_without_fn_and_with_a_tel_uri_fills_a_contact():
    assert read_vcard(GOOGLE_40) == Contact("María José García López", "", "mj@example.es", "+34-91-123-4567")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no BEGIN:VCARD"),
        ("Name,Email\nDana,d@x\n", "no BEGIN:VCARD"),
        ("BEGIN:VCARD\nVERSION:4.0\nFN:Dana\n", "no END:VCARD"),
        ("BEGIN:VCARD\nVERSION:4.0\nEMAIL:d@x\nEND:VCARD\n", "no name"),
    ],
)
def test_what_is_not_a_readable_vcard_says_why(text: str, message: str):
    with pytest.raises(VCardError, match=message):
        read_vcard(text)


def test_a_vcard_file_is_read_with_limits(tmp_path: Path):
    good = tmp_path / "dana.vcf"
    good.write_bytes(b"\xef\xbb\xbf" + APPLE_30.encode("utf-8"))
    assert read_vcard_file(good).name == "Dana Whitfield"
    latin = tmp_path / "latin.vcf"
    latin.write_bytes(APPLE_30.replace("Dana", "Zoë").encode("latin-1"))
    with pytest.raises(VCardError, match="not UTF-8"):
        read_vcard_file(latin)
    with pytest.raises(VCardError, match="not a file"):
        read_vcard_file(tmp_path)
    huge = tmp_path / "huge.vcf"
    huge.write_bytes(b" " * (MAX_VCARD_BYTES + 1))
    with pytest.raises(VCardError, match="at most"):
        read_vcard_file(huge)
