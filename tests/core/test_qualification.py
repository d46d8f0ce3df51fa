"""Typed qualification: budgets as a rep types them, and what is still unknown."""

from __future__ import annotations

from datetime import date

import pytest

from salesdesk.core.qualification import (
    Budget,
    BudgetError,
    QualificationDetails,
    budget_input_text,
    format_budget,
    parse_budget,
    unknown_parts,
)


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        ("40000", Budget(40_000, 40_000, "")),
        ("40k", Budget(40_000, 40_000, "")),
        ("€40–60k", Budget(40_000, 60_000, "EUR")),
        ("40,000 to 60,000 EUR", Budget(40_000, 60_000, "EUR")),
        ("$1.5m", Budget(1_500_000, 1_500_000, "USD")),
        ("1,5m", Budget(1_500_000, 1_500_000, "")),
        ("40 000 SEK", Budget(40_000, 40_000, "SEK")),
        ("1.250.000", Budget(1_250_000, 1_250_000, "")),
        ("up to 50k", Budget(None, 50_000, "")),
        ("50k+", Budget(50_000, None, "")),
        ("  ", None),
    ],
)
def test_budgets_are_read_as_typed(text, budget):
    assert parse_budget(text) == budget


@pytest.mark.parametrize(("text", "message"), [("abc", "not an amount"), ("60k-40k", "lower amount first")])
def test_bad_budgets_say_what_to_write(text, message):
    with pytest.raises(BudgetError, match=message):
        parse_budget(text)


def test_default_currency_and_formatting_round_trip():
    budget = parse_budget("40-60k", default_currency="GBP")
    assert budget == Budget(40_000, 60_000, "GBP")
    assert format_budget(budget.low, budget.high, budget.currency) == "£40,000–60,000"
    assert format_budget(None, 5000, "SEK") == "up to 5,000 SEK"
    for low, high in ((40_000, 60_000), (None, 9), (9, None), (7, 7)):
        details = QualificationDetails(budget_min=low, budget_max=high)
        again = parse_budget(budget_input_text(details))
        assert (again.low, again.high) == (low, high)


def test_unknown_parts_follow_the_typed_values():
    details = QualificationDetails()
    assert unknown_parts({"need": ""}, details) == ["need", "budget", "timeline", "authority"]
    details = QualificationDetails(budget_max=10, decision_date=date(2030, 1, 1), decision_maker="Ana")
    assert unknown_parts({"need": "Faster routes"}, details) == []
    assert unknown_parts({"need": "  "}, QualificationDetails(decision_maker=" ")) == [
        "need",
        "budget",
        "timeline",
        "authority",
    ]
