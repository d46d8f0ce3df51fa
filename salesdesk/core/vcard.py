"""Contacts as vCard 4.0 (RFC 6350), and a contact read back from a vCard 3.0 or 4.0.

Written: FN (the name as typed), N (family; given; ; prefix; suffix by ``core.names``), ORG,
EMAIL, TEL (as typed: a text value, which RFC 6350 keeps as TEL's default for vCard 3
compatibility, so ``+49 30 1234`` stays as the rep wrote it) and an optional NOTE. Text is
UTF-8 and escaped (backslash, comma, semicolon, line breaks); lines end in CRLF and are folded
at 75 octets, never inside a character: the same rules as iCalendar, so ``core.ics`` does it.

Read: the first card of a file, whatever its version (3.0 or 4.0; 2.1 mostly works too):
lines unfolded, groups (``item1.EMAIL``) and parameters ignored, the preferred e-mail and
phone taken where a card marks one, a ``tel:`` URI turned back into the number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from salesdesk.core.call import Contact
from salesdesk.core.ics import escape_text, fold
from salesdesk.core.names import split_name

#: A contact card is a few hundred bytes; an address book export of thousands is a few MB.
MAX_VCARD_BYTES = 5 * 1024 * 1024
PRODID = "-//SalesDesk//SalesDesk//EN"


class VCardError(ValueError):
    """The text is not a vCard SalesDesk can read a contact from (the message says why)."""


def contact_vcard(contact: Contact, *, note: str = "") -> str:
    """One vCard 4.0 for ``contact``, as text with CRLF line ends."""
    name = " ".join(contact.name.split())
    parts = split_name(name)
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        f"PRODID:{PRODID}",
        f"FN:{escape_text(name)}",
        "N:" + ";".join(escape_text(v) for v in (parts.last, parts.first, "", parts.prefix, parts.suffix)),
    ]
    if contact.company.strip():
        lines.append(f"ORG:{escape_text(contact.company.strip())}")
    if contact.email.strip():
        lines.append(f"EMAIL;TYPE=work:{escape_text(contact.email.strip())}")
    if contact.phone.strip():
        lines.append(f"TEL;TYPE=work,voice:{escape_text(contact.phone.strip())}")
    if note.strip():
        lines.append(f"NOTE:{escape_text(note.strip())}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def contacts_vcards(contacts: Iterable[Contact]) -> str:
    """Several contacts in one .vcf file: one card after another."""
    return "".join(contact_vcard(contact) for contact in contacts)


# --------------------------------------------------------------------------- reading

_UNFOLD = re.compile(r"\r?\n[ \t]")
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def _unescape(value: str) -> str:
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _components(value: str) -> list[str]:
    """A structured value (N, ORG) split at unescaped semicolons, each part unescaped."""
    parts, current, index = [], [], 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            current.append(value[index : index + 2])
            index += 2
            continue
        if char == ";":
            parts.append(_unescape("".join(current)))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append(_unescape("".join(current)))
    return parts


def _split_line(line: str) -> tuple[str, str, str] | None:
    """(NAME, parameters, value) of a content line, or None for a line that is not one.
    The first colon outside a quoted parameter value ends the name and parameters."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            head, value = line[:index], line[index + 1 :]
            name, _, params = head.partition(";")
            return name.rpartition(".")[2].strip().upper(), params.upper(), value
    return None


def _preferred(values: list[tuple[str, str]]) -> str:
    """The value a card prefers (TYPE=pref in 3.0, PREF=1 in 4.0), else the first."""
    for params, value in values:
        if re.search(r"(?:^|[;,=])PREF(?:$|[;,])|PREF=1(?:$|[;,])", params):
            return value
    return values[0][1] if values else ""


def read_vcard(text: str) -> Contact:
    """The contact of the first card in ``text`` (vCard 3.0 or 4.0). Raises VCardError."""
    lines = _UNFOLD.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    try:
        start = next(i for i, line in enumerate(lines) if line.strip().upper() == "BEGIN:VCARD")
    except StopIteration:
        raise VCardError("not a vCard: there is no BEGIN:VCARD line") from None
    props: dict[str, list[tuple[str, str]]] = {}
    for line in lines[start + 1 :]:
        if line.strip().upper() == "END:VCARD":
            break
        split = _split_line(line)
        if split is not None:
            name, params, value = split
            props.setdefault(name, []).append((params, value))
    else:
        raise VCardError("the vCard is cut short: there is no END:VCARD line")
    name = " ".join(_unescape(_preferred(props.get("FN", []))).split())
    if not name and props.get("N"):
        family, given, additional, prefix, suffix = ([*_components(props["N"][0][1]), "", "", "", "", ""])[:5]
        name = " ".join(" ".join((prefix, given, additional, family, suffix)).split())
    if not name:
        raise VCardError("the vCard has no name (neither FN nor N)")
    company = _components(props["ORG"][0][1])[0].strip() if props.get("ORG") else ""
    email = _unescape(_preferred(props.get("EMAIL", []))).strip()
    phone = _unescape(_preferred(props.get("TEL", []))).strip()
    if phone.lower().startswith("tel:"):
        phone = phone[4:].split(";")[0]  # a tel: URI, without parameters such as ;ext=
    return Contact(name=name, company=company, email=email.removeprefix("mailto:"), phone=phone)


def read_vcard_file(path: str | Path) -> Contact:
    """``read_vcard`` of a .vcf file: a regular file of at most MAX_VCARD_BYTES, UTF-8."""
    path = Path(path)
    try:
        if not path.is_file():
            raise VCardError(f"{path.name} is not a file")
        size = path.stat().st_size
        if size > MAX_VCARD_BYTES:
            raise VCardError(f"{path.name} is {size:,} bytes: a vCard file may be at most {MAX_VCARD_BYTES:,}")
        data = path.read_bytes()
    except OSError as exc:
        raise VCardError(f"cannot read {path.name}: {exc.strerror or exc}") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise VCardError(f"{path.name} is not UTF-8 text (byte {exc.start + 1})") from None
    return read_vcard(text)
