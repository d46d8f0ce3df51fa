"""The editable draft: keys made from titles, version numbers, and validator paths mapped back
to the item and field they are about."""

from __future__ import annotations

import pytest

from salesdesk.core.draft import Kind, PlaybookDraft
from salesdesk.core.playbook import next_version, slugify


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("Too expensive!", "too-expensive"),
        ("  Café: prix trop élevé ", "cafe-prix-trop-eleve"),
        ("“I'll get back to you”", "i-ll-get-back-to-you"),
        ("Привет", "item"),  # nothing left in ASCII: the fallback
        ("x" * 80, "x" * 64),
    ],
)
def test_keys_are_made_from_titles(title: str, key: str):
    assert slugify(title) == key


@pytest.mark.parametrize(
    ("version", "after"),
    [("1.0", "1.1"), ("2", "3"), ("1.9", "1.10"), ("2024-05", "2024-06"), ("v3 beta", "v4 beta"), ("beta", "beta.1")],
)
def test_next_version(version: str, after: str):
    assert next_version(version) == after


def test_a_draft_is_the_playbook_it_was_made_from(playbook):
    draft = PlaybookDraft.from_playbook(playbook)
    assert draft.to_playbook() == playbook
    assert draft.validate() == []


def test_new_items_get_unique_keys_that_follow_the_title(playbook):
    draft = PlaybookDraft.from_playbook(playbook)
    first = draft.new_node(Kind.ITEM, "Icp fit")
    assert first.key == "icp-fit-2"  # "icp-fit" is taken by another stage's item
    assert draft.keys_after_title_change(first, "Budget owner") == {"text": "Budget owner", "key": "budget-owner"}
    existing = draft.stages.children[0].group(Kind.CHECKLIST).children[0]
    assert draft.keys_after_title_change(existing, "Fits the profile") == {"text": "Fits the profile"}
    stage = draft.new_node(Kind.STAGE, "Discovery")
    assert stage.key == "discovery-2"
    assert [child.kind for child in stage.children] == [Kind.CHECKLIST, Kind.QUESTIONS]


def test_validator_paths_lead_back_to_the_item_and_field(playbook):
    draft = PlaybookDraft.from_playbook(playbook)
    item = draft.stages.children[2].group(Kind.CHECKLIST).children[1]
    assert draft.path(item) == "stages[2].checklist[1]"
    assert draft.locate("stages[2].checklist[1].text") == (item, "text")
    objection = draft.objections.children[3]
    assert draft.locate("objections[3].rebuttals[1]") == (objection, "rebuttals")
    assert draft.locate("qualification.need") == (draft.general, "qualification.need")
    assert draft.locate("name") == (draft.general, "name")
    assert draft.locate("stages") == (draft.stages, "")
    assert draft.locate("closes[99].title") == (draft.closes, "")  # out of range: the group


def test_problems_are_the_validators(playbook):
    draft = PlaybookDraft.from_playbook(playbook)
    stage = draft.stages.children[1]
    stage.values["title"] = "   "
    stage.group(Kind.QUESTIONS).children[0].values["key"] = "pain-points"
    draft.general.values["name"] = ""
    by_node = draft.problems_by_node(draft.validate())
    assert by_node[stage] == [("title", "must not be empty")]
    assert by_node[draft.general] == [("name", "must not be empty")]
    # As in a file, the duplicate is reported where it is met second: in discovery.
    original = draft.stages.children[3].group(Kind.QUESTIONS).children[0]
    assert by_node[original] == [("key", "duplicate key 'pain-points' (also used at stages[1].questions[0])")]


def test_a_blank_playbook_is_valid_from_the_start():
    draft = PlaybookDraft.blank("Demo call", "Opening")
    book = draft.to_playbook()
    assert (book.name, book.version, [s.key for s in book.stages]) == ("Demo call", "1", ["opening"])
