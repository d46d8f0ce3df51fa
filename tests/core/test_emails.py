"""Follow-up e-mail templates: carried by playbooks, checked with lines, filled from a real call."""

from __future__ import annotations

import email
import email.policy
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from salesdesk.cli import main
from salesdesk.core.bidi import isolate
from salesdesk.core.call import CallState, Contact
from salesdesk.core.draft import PlaybookDraft
from salesdesk.core.emails import (
    MAILTO_LIMIT,
    EmailTemplate,
    mailto_url,
    render_email,
    spoken_date,
    templates_for,
)
from salesdesk.core.playbook import PlaybookError, builtin_playbook_paths
from salesdesk.core.playbook_check import load_playbook, parse_playbook
from salesdesk.core.playbook_toml import checked_dump
from tests.calls_data import ODD_TEXTS, add_rich_call


@pytest.fixture
def rich(store, playbook) -> CallState:
    """Dana Whitfield · Northwind Logistics, 2024-05-02, Meeting booked, next step "Send
    proposal" due 2024-05-09; pain points answered, the ideal solution not."""
    return add_rich_call(store, playbook)


def template(playbook, key: str) -> EmailTemplate:
    return next(t for t in playbook.emails if t.key == key)


def test_the_default_playbook_has_a_template_per_common_outcome(playbook):
    assert [t.key for t in playbook.emails] == ["meeting-booked", "proposal-sent", "not-now"]
    for outcome, key in [
        ("Meeting booked", "meeting-booked"),
        ("proposal SENT", "proposal-sent"),
        ("Not now", "not-now"),
    ]:
        assert templates_for(playbook, outcome)[0].key == key
    assert len(templates_for(playbook, "Won")) == 3  # none fits: all of them, to choose from


def test_a_draft_from_a_real_call(rich: CallState, playbook):
    draft = render_email(template(playbook, "meeting-booked"), rich, UTC)
    assert (draft.to_name, draft.to_address) == ("Dana Whitfield", "dana@northwind.example")
    assert draft.subject == "Our next conversation: Thursday, 9 May 2024"
    assert draft.text == (
        "Hi Dana,\n\n"
        "thank you for your time today. Here is what I took away, so we start the next conversation "
        "from the same page.\n\n"
        "What is getting in the way right now:\nRoutes planned in spreadsheets\nTwo people full-time\n\n"
        "What should be different once it is solved:\n[ideal solution]\n\n"
        "Next step: Send proposal, on Thursday, 9 May 2024. If anything I wrote above is off, or someone "
        "else at Northwind Logistics should join us, just reply to this e-mail.\n\n"
        "Best regards,\n[your name]\n"
    )
    assert draft.fill_ins == ("[ideal solution]",)
    assert draft.html.startswith('<p dir="auto">Hi Dana,</p>\n')
    assert "Routes planned in spreadsheets<br>\nTwo people full-time" in draft.html


def test_missing_values_are_visible_fill_ins_never_a_crash(playbook):
    bare = CallState(1, "u", Contact("Cher"), playbook, datetime(2024, 5, 2, 9, tzinfo=UTC), "prospecting")
    for t in playbook.emails:
        draft = render_email(t, bare, UTC)
        assert "{" not in draft.text + draft.subject
    draft = render_email(template(playbook, "proposal-sent"), bare, UTC)
    assert draft.subject == "Your proposal for [company]"
    assert set(draft.fill_ins) == {"[company]", "[pain points]", "[ideal solution]", "[next step]", "[next step date]"}
    assert "I built it around what you told me on Thursday, 2 May 2024:" in draft.text
    assert draft.to_address == "" and draft.mailto().startswith("mailto:?subject=")


def test_a_qualification_placeholder_without_words_gives_the_typed_fact(rich: CallState):
    """The rep's words for a field when there are some, else what was typed in the
    Qualify tab's fields: the budget amount, the decision date, the decision-maker."""
    asks = EmailTemplate(
        "q", "Q", "Budget", "{qualification:budget} / {qualification:timeline} / {qualification:authority}"
    )
    typed_only = replace(rich, qualification={"need": "", "budget": "", "timeline": "", "authority": ""})
    assert render_email(asks, typed_only, UTC).text == "€40,000–60,000 / Sunday, 30 June 2024 / Marc Ruiz (COO)\n"
    words = replace(rich, qualification={**typed_only.qualification, "budget": "Approved for Q3"})
    assert render_email(asks, words, UTC).text.startswith("Approved for Q3 / ")


def test_what_the_rep_typed_is_escaped_in_html_and_kept_in_text(rich: CallState, playbook):
    call = replace(
        rich,
        contact=replace(rich.contact, company=ODD_TEXTS["script"]),
        answers={**rich.answers, "ideal-solution": ODD_TEXTS["entity"] + "\n" + ODD_TEXTS["rtl"]},
    )
    draft = render_email(template(playbook, "meeting-booked"), call, UTC)
    assert ODD_TEXTS["script"] in draft.text and "<script>" not in draft.html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in draft.html
    assert "&amp;amp; &amp;lt;b&amp;gt; R&amp;D" in draft.html
    assert draft.fill_ins == ()


def test_braces_and_placeholders(rich: CallState):
    odd = EmailTemplate(
        "t",
        "T",
        "Re: {qualification:need} {{literal}}",
        "{ name } / {qualification:budget} / {answer:impact} / {outcome} / {email}",
    )
    draft = render_email(odd, rich, UTC)
    # A value with right-to-left text is isolated (core.bidi), so it cannot turn " {literal}" around.
    assert draft.subject == "Re: " + isolate("Route planning " + ODD_TEXTS["rtl"]) + " {literal}"
    assert draft.text == (
        f"Dana Whitfield / {ODD_TEXTS['formula']} / {ODD_TEXTS['markdown']} / Meeting booked / dana@northwind.example\n"
    )


def test_a_subject_stays_one_line_whatever_is_filled_in(rich: CallState):
    odd = EmailTemplate("t", "T", "About {answer:pain-points}", "x")
    draft = render_email(odd, rich, UTC)
    assert draft.subject == "About Routes planned in spreadsheets Two people full-time"
    message = email.message_from_bytes(draft.eml(), policy=email.policy.default)
    assert message["Subject"] == draft.subject


def test_dates_in_the_playbooks_language():
    assert spoken_date(date(2024, 5, 9)) == "Thursday, 9 May 2024"
    assert spoken_date(date(2024, 5, 9), "de-AT") == "Donnerstag, 9. Mai 2024"
    assert spoken_date(date(2024, 5, 9), "fr", weekday=False) == "2024-05-09"


def test_mailto_carries_subject_and_body_within_the_limit(rich: CallState, playbook):
    draft = render_email(template(playbook, "not-now"), rich, UTC)
    url = draft.mailto()
    assert url is not None and len(url) <= MAILTO_LIMIT
    parts = urlsplit(url)
    assert (parts.scheme, unquote(parts.path)) == ("mailto", "dana@northwind.example")
    query = parse_qs(parts.query)
    assert query["subject"] == [draft.subject]
    assert query["body"] == [draft.text.replace("\n", "\r\n")]
    assert " " not in url and "\n" not in url
    long_call = replace(rich, answers={**rich.answers, "pain-points": "Zoë 🎉 " * 400})
    assert render_email(template(playbook, "not-now"), long_call, UTC).mailto() is None  # write an .eml instead
    assert mailto_url("not an address, x@y", "S", "B") == "mailto:?subject=S&body=B"


def test_eml_is_an_rfc_5322_draft_mail_apps_open(rich: CallState, playbook):
    call = replace(rich, contact=replace(rich.contact, name="Zoë \u202eÅngström\u202c"))
    draft = render_email(template(playbook, "meeting-booked"), call, UTC)
    raw = draft.eml(datetime(2024, 5, 2, 15, 30, tzinfo=UTC))
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    raw.decode("ascii")  # headers encoded, bodies in a transfer encoding
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["X-Unsent"] == "1"
    assert message["Date"] == "Thu, 02 May 2024 15:30:00 +0000"
    assert message["To"].addresses[0].addr_spec == "dana@northwind.example"
    assert message["To"].addresses[0].display_name == isolate("Zoë \u202eÅngström\u202c")
    assert message["Subject"] == draft.subject
    assert message["From"] is None  # the mail app fills in the rep's account
    assert message.get_content_type() == "multipart/alternative"
    plain = message.get_body(("plain",))
    assert plain.get_content_charset() == "utf-8" and plain.get_content() == draft.text.replace("\n", "\r\n")
    html_part = message.get_body(("html",))
    assert draft.html.replace("\n", "\r\n") in html_part.get_content()


def test_eml_without_a_usable_address_has_no_to(rich: CallState, playbook):
    call = replace(rich, contact=replace(rich.contact, email="dana at northwind"))
    message = email.message_from_bytes(
        render_email(template(playbook, "not-now"), call, UTC).eml(), policy=email.policy.default
    )
    assert message["To"] is None and message["X-Unsent"] == "1"


BAD = '''name = "Mail"
version = "1"

[[stages]]
key = "discovery"
title = "Discovery"

[[stages.questions]]
key = "pains"
text = "What hurts?"

[[emails]]
key = "recap"
title = "Recap"
subject = "Hello {frist_name}"
body = """
Hi {first_name},

you said: {answer:pains}
and also {answer:pain-points}
{{this is fine}} but { this is not
Bye"""

[[emails]]
key = "recap"
title = "Again"
outcomes = ["Won"]
subject = "{qualification:champion}"
body = "fine"
'''


def test_validate_reports_a_bad_placeholder_with_its_line(capsys, tmp_path: Path, data_dir: Path):
    path = tmp_path / "mail.toml"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(PlaybookError) as caught:
        load_playbook(path)
    where = [(p.line, p.field) for p in caught.value.problems]
    assert where == [
        (15, "emails[0].subject"),
        (20, "emails[0].body"),
        (21, "emails[0].body"),
        (25, "emails[1].key"),
        (28, "emails[1].subject"),
    ]
    code = main(["playbook", "validate", str(path)])
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert err[0].startswith(f"{path}:15: emails[0].subject: unknown placeholder {{frist_name}}; use one of first_name")
    assert err[1] == (
        f"{path}:20: emails[0].body: placeholder {{answer:pain-points}}: no question has the key 'pain-points' "
        "(question keys: pains)"
    )
    assert err[2] == (
        f"{path}:21: emails[0].body: a lone '{{' at '{{ this is not': write {{{{ for a brace, or close the placeholder"
    )
    assert err[3] == f"{path}:25: emails[1].key: duplicate key 'recap' (also used at emails[0])"
    assert "'champion' is not a qualification field (need, budget, timeline, authority)" in err[4]


def test_unknown_fields_and_missing_parts_of_a_template():
    text = 'name = "M"\nversion = "1"\n[[stages]]\nkey = "s"\ntitle = "S"\n[[emails]]\nkey = "a"\nsubjct = "x"\n'
    with pytest.raises(PlaybookError) as caught:
        parse_playbook(text)
    assert [(p.line, p.field, p.message.split(";")[0]) for p in caught.value.problems] == [
        (6, "emails[0].title", "is missing"),
        (6, "emails[0].subject", "is missing"),
        (6, "emails[0].body", "is missing"),
        (8, "emails[0].subjct", "unknown field"),
    ]


@pytest.mark.parametrize("path", builtin_playbook_paths(), ids=lambda p: p.name)
def test_templates_survive_snapshots_the_editor_and_saving(path: Path):
    playbook = load_playbook(path)
    again = parse_playbook(checked_dump(playbook))  # what the editor's save writes
    assert again == playbook and again.emails == playbook.emails
    assert PlaybookDraft.from_playbook(playbook).to_playbook() == playbook
    from salesdesk.core.playbook_check import playbook_from_json

    assert playbook_from_json(playbook.to_json()) == playbook  # a call's stored snapshot
    # A playbook without templates writes no "emails": its digest (and its stored snapshots) stay.
    assert ("emails" in playbook.to_dict()) == bool(playbook.emails)
