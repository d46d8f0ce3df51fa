"""Qualification as typed facts: budget amount or range, decision date, decision-maker.

The four free-text fields (``QUALIFICATION_FIELDS``) stay as they are; these details sit
beside them so a rep (and later a report) can tell what is known and what is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from salesdesk.core.playbook import QUALIFICATION_FIELDS

#: Symbols a rep types in front of or after an amount, and the currency they mean.
CURRENCY_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "₹": "INR", "kr": "SEK", "chf": "CHF"}
#: Offered first in the currency picker; any three-letter ISO 4217 code is accepted.
COMMON_CURRENCIES = ("EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CAD", "AUD", "JPY", "INR")
_SYMBOL_FOR = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "INR": "₹"}
_MULTIPLIERS = {
    "": 1,
    "k": 1_000,
    "m": 1_000_000,
    "mm": 1_000_000,
    "mio": 1_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
}
#: Largest amount stored (fits a signed 64-bit column with room to spare).
MAX_AMOUNT = 10**15

BUDGET_HELP = "Write an amount (40000, 40k, €1.5m) or a range (40k–60k)."


@dataclass(slots=True)
class QualificationDetails:
    """The typed side of qualification. Empty values mean "not known yet"."""

    budget_min: int | None = None
    budget_max: int | None = None
    budget_currency: str = ""
    decision_date: date | None = None
    decision_maker: str = ""
    decision_maker_role: str = ""

    @property
    def has_budget(self) -> bool:
        return self.budget_min is not None or self.budget_max is not None


@dataclass(frozen=True, slots=True)
class Budget:
    low: int | None
    high: int | None
    currency: str = ""


class BudgetError(ValueError):
    """The text is not an amount or a range; the message says what to write."""


class _Patterns:
    """The budget parser's regular expressions, compiled on first use (not at start-up)."""

    @cached_property
    def number(self) -> re.Pattern:
        return re.compile(r"(?P<num>\d[\d\s.,'’\u00a0\u202f]*)\s*(?P<mult>k|mm|mio|m|bn|b)?(?![a-z])", re.IGNORECASE)

    @cached_property
    def code(self) -> re.Pattern:
        return re.compile(r"\b([A-Za-z]{3})\b")

    @cached_property
    def range_words(self) -> re.Pattern:
        return re.compile(r"\s*(?:–|—|-|\.\.|\bto\b|\bbis\b|\bà\b)\s*", re.IGNORECASE)

    @cached_property
    def up_to(self) -> re.Pattern:
        return re.compile(r"^\s*(?:up to|max(?:imum)?|under|below|less than|<|≤)\s*", re.IGNORECASE)

    @cached_property
    def at_least(self) -> re.Pattern:
        return re.compile(r"^\s*(?:at least|min(?:imum)?|over|above|more than|from|>|≥)\s*", re.IGNORECASE)

    @cached_property
    def plus(self) -> re.Pattern:
        return re.compile(r"\+\s*$")


_RE = _Patterns()


def _parse_number(digits: str) -> float:
    digits = re.sub(r"[\s'’\u00a0\u202f]", "", digits).rstrip(".,")
    separators = [i for i, ch in enumerate(digits) if ch in ".,"]
    if not separators:
        return float(digits)
    last = separators[-1]
    tail = digits[last + 1 :]
    if len(tail) == 3 and (len(separators) > 1 or digits[last] == "," or len(digits[:last]) <= 3):
        # 40,000 / 40.000 / 1.250.000: thousands separators only.
        return float(re.sub(r"[.,]", "", digits))
    whole = re.sub(r"[.,]", "", digits[:last])
    return float(f"{whole}.{tail}")


def _currency_in(text: str) -> tuple[str, str]:
    """(currency code found in ``text`` or "", the text without it)."""
    lowered = text.casefold()
    for symbol, code in CURRENCY_SYMBOLS.items():
        if symbol in ("kr", "chf"):
            match = re.search(rf"\b{symbol}\b", lowered)
            if match:
                return code, text[: match.start()] + text[match.end() :]
        elif symbol in text:
            return code, text.replace(symbol, " ")
    for match in _RE.code.finditer(text):
        word = match.group(1)
        if word.upper() in COMMON_CURRENCIES or (word.isupper() and word.lower() not in _MULTIPLIERS):
            return word.upper(), text[: match.start()] + text[match.end() :]
    return "", text


def parse_budget(text: str, default_currency: str = "") -> Budget | None:
    """Read "40k", "€40–60k", "40,000 to 60,000 EUR", "up to 50k", "50k+". Empty text -> None.

    Raises BudgetError (with a message for the rep) when the text is not an amount."""
    text = text.strip()
    if not text:
        return None
    currency, rest = _currency_in(text)
    rest = rest.strip()
    mode = "range"
    if _RE.up_to.match(rest):
        rest, mode = _RE.up_to.sub("", rest, count=1), "max"
    elif _RE.at_least.match(rest):
        rest, mode = _RE.at_least.sub("", rest, count=1), "min"
    elif _RE.plus.search(rest):
        rest, mode = _RE.plus.sub("", rest), "min"
    parts = [p for p in _RE.range_words.split(rest.strip()) if p.strip()]
    if not 1 <= len(parts) <= 2:
        raise BudgetError(BUDGET_HELP)
    values: list[tuple[float, str]] = []
    for part in parts:
        match = _RE.number.fullmatch(part.strip())
        if match is None:
            raise BudgetError(f"“{part.strip()}” is not an amount. {BUDGET_HELP}")
        try:
            number = _parse_number(match.group("num"))
        except ValueError as exc:
            raise BudgetError(f"“{part.strip()}” is not an amount. {BUDGET_HELP}") from exc
        values.append((number, (match.group("mult") or "").lower()))
    if len(values) == 2:
        (low, low_mult), (high, high_mult) = values
        if not low_mult and high_mult and low * _MULTIPLIERS[high_mult] <= high * _MULTIPLIERS[high_mult]:
            low_mult = high_mult  # "40–60k" means 40k–60k
        amounts = [round(low * _MULTIPLIERS[low_mult]), round(high * _MULTIPLIERS[high_mult])]
        if amounts[0] > amounts[1]:
            raise BudgetError("The range goes down: write the lower amount first (40k–60k).")
    else:
        number, mult = values[0]
        amounts = [round(number * _MULTIPLIERS[mult])] * 2
    if max(amounts) > MAX_AMOUNT:
        raise BudgetError("That amount is too large to be a budget.")
    low, high = amounts
    if mode == "max":
        return Budget(None, high, currency or default_currency)
    if mode == "min":
        return Budget(low, None, currency or default_currency)
    return Budget(low, high, currency or default_currency)


def _money(amount: int, currency: str) -> str:
    symbol = _SYMBOL_FOR.get(currency)
    number = f"{amount:,}"
    if symbol:
        return f"{symbol}{number}"
    return f"{number} {currency}" if currency else number


def format_budget(low: int | None, high: int | None, currency: str = "") -> str:
    """The budget as a rep would say it: "€40,000–60,000", "up to $50,000", "from 10,000 SEK"."""
    if low is None and high is None:
        return ""
    if low is None:
        return f"up to {_money(high, currency)}"
    if high is None:
        return f"from {_money(low, currency)}"
    if low == high:
        return _money(low, currency)
    symbol = _SYMBOL_FOR.get(currency)
    if symbol:
        return f"{symbol}{low:,}–{high:,}"
    return f"{low:,}–{high:,} {currency}".rstrip()


def budget_input_text(details: QualificationDetails) -> str:
    """What the amount field shows for stored details (re-parses to the same values)."""
    low, high = details.budget_min, details.budget_max
    if low is None and high is None:
        return ""
    if low is None:
        return f"up to {high}"
    if high is None:
        return f"{low}+"
    return str(low) if low == high else f"{low}–{high}"


def unknown_parts(text: dict[str, str], details: QualificationDetails) -> list[str]:
    """Qualification fields that are still unknown, in the playbook's order.

    Need is known once it is written down; budget, timeline and authority need their typed
    value (an amount, a decision date, the decision-maker's name)."""
    known = {
        "need": bool(text.get("need", "").strip()),
        "budget": details.has_budget,
        "timeline": details.decision_date is not None,
        "authority": bool(details.decision_maker.strip()),
    }
    return [name for name in QUALIFICATION_FIELDS if not known[name]]


def qualification_stage_index(stages) -> int:
    """Index of the playbook stage where qualification happens (its key or title says
    "qualif..."); 0 when no stage does. A stage change past it nudges if facts are missing."""
    for index, stage in enumerate(stages):
        if stage.key.casefold().startswith("qualif") or stage.title.casefold().startswith("qualif"):
            return index
    return 0
