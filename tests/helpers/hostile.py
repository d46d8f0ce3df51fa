"""Hypothesis strategies for hostile text: any Unicode, markup, very long text."""

from __future__ import annotations

from hypothesis import strategies as st

#: Any Unicode a Python str can carry into SQLite and Qt: control characters, NUL, right-to-left
#: marks, emoji, combining characters; not lone surrogates (they cannot be encoded at all).
ANY_CHAR = st.characters(exclude_categories=("Cs",))
MARKUP = st.sampled_from(
    [
        "<b>bold</b>",
        "<script>alert('x')</script>",
        "<img src=x onerror=alert(1)>",
        "**not bold** _nor this_",
        "[a link](javascript:alert(1))",
        "&amp; &lt;tag&gt; &#x41;",
        '=HYPERLINK("http://x")',
        "\u202eevil\u202c",
        "'; DROP TABLE note; --",
        "%s %d {0} {name}",
        "\x00\x1b[31mred\x1b[0m",
    ]
)
TEXT = st.one_of(
    st.text(ANY_CHAR, max_size=200),
    MARKUP,
    st.tuples(st.text(ANY_CHAR, max_size=50), MARKUP, st.text(ANY_CHAR, max_size=50)).map("".join),
)
LONG_TEXT = st.integers(min_value=10_000, max_value=300_000).map(lambda n: ("Ünïcode 🙂 <b>x</b>\n" * n)[:n])
