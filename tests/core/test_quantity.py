"""The Kubernetes quantity parser: exact values, canonical formatting, suggestions, messages."""

import contextlib
import time
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.core.quantity import (
    MAX_DIGITS,
    MAX_EXPONENT,
    Quantity,
    QuantityError,
    QuantityFormat,
    format_quantity,
    is_quantity,
    parse_quantity,
    quantity_error_message,
    suffix_meaning,
    suggest_quantity,
    unambiguous_fix,
)

BINARY = QuantityFormat.BINARY_SI
DECIMAL = QuantityFormat.DECIMAL_SI
EXPONENT = QuantityFormat.DECIMAL_EXPONENT


def value(text: str) -> Fraction:
    return parse_quantity(text).value


# --- values -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Kubernetes docs, "Resource units": roughly the same memory, written five ways.
        ("128974848", 128974848),
        ("129e6", 129000000),
        ("129M", 129000000),
        ("128974848000m", 128974848),
        ("123Mi", 128974848),
        # Kubernetes docs: cpu 0.1 is 100m; 400m of memory is 0.4 bytes.
        ("0.1", Fraction(1, 10)),
        ("100m", Fraction(1, 10)),
        ("1.5", Fraction(3, 2)),
        ("500m", Fraction(1, 2)),
        ("400m", Fraction(2, 5)),
    ],
)
def test_kubernetes_documentation_examples(text: str, expected: Fraction) -> None:
    assert value(text) == expected
    assert isinstance(value(text), Fraction)


@pytest.mark.parametrize(
    ("suffix", "multiplier", "fmt"),
    [
        ("Ki", 2**10, BINARY),
        ("Mi", 2**20, BINARY),
        ("Gi", 2**30, BINARY),
        ("Ti", 2**40, BINARY),
        ("Pi", 2**50, BINARY),
        ("Ei", 2**60, BINARY),
        ("n", Fraction(1, 10**9), DECIMAL),
        ("u", Fraction(1, 10**6), DECIMAL),
        ("m", Fraction(1, 10**3), DECIMAL),
        ("", 1, DECIMAL),
        ("k", 10**3, DECIMAL),
        ("M", 10**6, DECIMAL),
        ("G", 10**9, DECIMAL),
        ("T", 10**12, DECIMAL),
        ("P", 10**15, DECIMAL),
        ("E", 10**18, DECIMAL),
        ("e3", 10**3, EXPONENT),
        ("E3", 10**3, EXPONENT),
        ("e+3", 10**3, EXPONENT),
        ("e-3", Fraction(1, 10**3), EXPONENT),
        ("E-3", Fraction(1, 10**3), EXPONENT),
        ("e0", 1, EXPONENT),
        ("e003", 10**3, EXPONENT),
    ],
)
def test_every_suffix(suffix: str, multiplier: Fraction, fmt: QuantityFormat) -> None:
    for number, amount in [("3", 3), ("2.5", Fraction(5, 2)), (".5", Fraction(1, 2))]:
        quantity = parse_quantity(number + suffix)
        assert quantity == Quantity(amount * multiplier, fmt, number + suffix)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (".5", Fraction(1, 2)),
        ("5.", 5),
        ("5.0", 5),
        ("1.G", 10**9),
        ("+1", 1),
        ("-1", -1),
        ("-1Gi", -(2**30)),
        ("+1Gi", 2**30),
        ("-.5m", Fraction(-1, 2000)),
        ("-1e-3", Fraction(-1, 1000)),
        ("+1E+3", 1000),
        ("0", 0),
        ("-0", 0),
        ("+0.000", 0),
        ("0Gi", 0),
        ("000123", 123),
        ("1e3", 1000),
        ("1E-3", Fraction(1, 1000)),
        ("100u", Fraction(1, 10**4)),
        ("5n", Fraction(5, 10**9)),
        ("1E", 10**18),
        ("0.000000001", Fraction(1, 10**9)),
        ("0.1n", Fraction(1, 10**10)),  # finer than Kubernetes keeps: we keep what was written
    ],
)
def test_number_forms_and_signs(text: str, expected: Fraction) -> None:
    assert value(text) == expected


def test_values_are_exact() -> None:
    assert value("1Gi") == value("1024Mi") == value("1048576Ki") == 1073741824
    assert value("1500m") == Fraction(3, 2) == value("1.5")
    assert value("0.1") + value("0.2") == value("300m")  # 0.30000000000000004 with floats
    assert value("1Ki") == value("1024") and value("1k") == value("1000")
    assert value("1M") < value("1Mi") and value("1E") < value("1Ei")
    assert value("999999999999999999999999999999") + 1 == 10**30
    assert value("1.000000000000000000000000000001") > 1


def test_quantity_keeps_text_and_format_and_is_frozen() -> None:
    quantity = parse_quantity("1024Mi")
    assert (quantity.text, quantity.format) == ("1024Mi", BINARY)
    assert parse_quantity("1e3").format is EXPONENT
    assert parse_quantity("7").format is DECIMAL
    with pytest.raises(AttributeError):
        quantity.value = Fraction(0)  # type: ignore[misc]


# --- invalid text -------------------------------------------------------------------------

INVALID = [
    "1K", "1gi", "1MB", "500mi", "1 Gi", "2GB", "two", "", "1.5 Gi", " 1", "1 ", "2Gi\n",
    "1e", "1E1.5", "1e+", "1e-", "1e3Gi", "1Gie3", "+", "-", ".", ".Gi", "+.", "1..", "1.5.2",
    "--1", "+-1", "1e+-3", "Gi", "m", "e3", "1Ki ", "1ki", "1KI", "1KiB", "1gib", "1mi", "1_000",
    "0x10", "1,5", "inf", "NaN", "\uff11", "1\u0663", "1\u00a0Gi", "1 000",
    "1Gi1", "1i", "1iK", "1µ",
]  # fmt: skip


@pytest.mark.parametrize("text", INVALID)
def test_invalid_text_raises_quantity_error(text: str) -> None:
    with pytest.raises(QuantityError) as raised:
        parse_quantity(text)
    error = raised.value
    assert isinstance(error, ValueError)
    assert error.text == text
    assert error.message == str(error) == quantity_error_message(text)
    assert "\n" not in error.message
    assert error.suggestions == suggest_quantity(text)
    assert not is_quantity(text)


def test_quantity_error_message_refuses_a_valid_quantity() -> None:
    with pytest.raises(ValueError, match="is a valid quantity"):
        quantity_error_message("1Gi")


# --- range guards -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"1e{MAX_EXPONENT}", 10**MAX_EXPONENT),
        (f"1e-{MAX_EXPONENT}", Fraction(1, 10**MAX_EXPONENT)),
        (f"1e+000{MAX_EXPONENT}", 10**MAX_EXPONENT),
        ("9" * MAX_DIGITS, 10**MAX_DIGITS - 1),
        ("0" * 100_000 + "1", 1),  # leading zeros are free
        ("1." + "0" * 100_000, 1),  # and so are trailing zeros of the fraction
        ("1" + "0" * (MAX_DIGITS - 1) + "Ei", 10 ** (MAX_DIGITS - 1) * 2**60),
    ],
)
def test_within_bounds(text: str, expected: Fraction) -> None:
    assert value(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        f"1e{MAX_EXPONENT + 1}",
        f"1e-{MAX_EXPONENT + 1}",
        "1e999999999",
        "-1E-999999999999999999999999",
        "1e" + "9" * 100_000,
        "1e" + "0" * 100_000 + "1001",
        "1" * (MAX_DIGITS + 1),
        "1" * 100_000 + "Gi",
        "0." + "0" * MAX_DIGITS + "1",
        "." + "5" * 100_000,
    ],
)
def test_out_of_range_is_rejected_quickly(text: str) -> None:
    start = time.perf_counter()
    with pytest.raises(QuantityError, match="is out of range: ") as raised:
        parse_quantity(text)
    assert raised.value.suggestions == ()
    assert suggest_quantity(text) == () and unambiguous_fix(text) is None
    assert time.perf_counter() - start < 0.5
    assert len(raised.value.message) < 120


def test_out_of_range_messages() -> None:
    assert quantity_error_message("1e999999999") == (
        '"1e999999999" is out of range: the exponent must be between -1000 and 1000'
    )
    assert quantity_error_message("1" * 2000) == (
        f'"{"1" * 39}…" is out of range: more than 1000 digits'
    )


def test_hostile_invalid_text_is_fast() -> None:
    for text in ["1" * 100_000 + "GB", "1 " * 50_000, "x" * 100_000, "1e" * 50_000]:
        start = time.perf_counter()
        with pytest.raises(QuantityError):
            parse_quantity(text)
        unambiguous_fix(text)
        assert time.perf_counter() - start < 0.5


# --- formatting ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "fmt", "expected"),
    [
        (1073741824, BINARY, "1Gi"),
        (128974848, BINARY, "123Mi"),
        (1536, BINARY, "1536"),
        (1024, BINARY, "1Ki"),
        (-1024, BINARY, "-1Ki"),
        (1023, BINARY, "1023"),
        (512, BINARY, "512"),
        (Fraction(1, 2), BINARY, "500m"),  # below 1024: decimal, as Kubernetes does
        (Fraction(2049, 2), BINARY, "1024500m"),  # a fraction: decimal, never rounded
        (2**70, BINARY, "1024Ei"),
        (0, BINARY, "0"),
        (Fraction(3, 2), DECIMAL, "1500m"),
        (Fraction(1, 10), DECIMAL, "100m"),
        (Fraction(1, 2), DECIMAL, "500m"),
        (1, DECIMAL, "1"),
        (1000, DECIMAL, "1k"),
        (1500, DECIMAL, "1500"),
        (129000000, DECIMAL, "129M"),
        (128974848, DECIMAL, "128974848"),
        (1073741824, DECIMAL, "1073741824"),
        (10**18, DECIMAL, "1E"),
        (10**21, DECIMAL, "1000E"),
        (Fraction(1, 10**4), DECIMAL, "100u"),
        (Fraction(5, 10**9), DECIMAL, "5n"),
        (Fraction(1, 10**12), DECIMAL, "1e-12"),
        (Fraction(-3, 2), DECIMAL, "-1500m"),
        (0, DECIMAL, "0"),
        (1000, EXPONENT, "1e3"),
        (129000000, EXPONENT, "129e6"),
        (Fraction(3, 2), EXPONENT, "1500e-3"),
        (1500, EXPONENT, "1500"),
        (0, EXPONENT, "0"),
    ],
)
def test_format_quantity(amount: Fraction, fmt: QuantityFormat, expected: str) -> None:
    assert format_quantity(Fraction(amount), fmt) == expected
    assert value(expected) == amount


def test_format_quantity_defaults_to_decimal_si() -> None:
    assert format_quantity(Fraction(1073741824)) == "1073741824"


def test_format_quantity_refuses_values_without_a_finite_decimal_form() -> None:
    with pytest.raises(ValueError, match="no finite decimal form"):
        format_quantity(Fraction(1, 3))


def test_suffix_meaning() -> None:
    assert [suffix_meaning(s) for s in ("Ki", "Gi", "Ei", "n", "k", "G", "E")] == [
        "2^10", "2^30", "2^60", "10^-9", "10^3", "10^9", "10^18",
    ]  # fmt: skip


# --- suggestions and fixes ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "suggestions", "fix"),
    [
        ("2GB", ("2G", "2Gi"), None),
        ("2Gb", ("2G", "2Gi"), None),
        ("1g", ("1G", "1Gi"), None),
        ("500mi", ("500Mi",), "500Mi"),
        ("1gi", ("1Gi",), "1Gi"),
        ("1GI", ("1Gi",), "1Gi"),
        ("1GiB", ("1Gi",), "1Gi"),
        ("1 Gi", ("1Gi",), "1Gi"),
        ("1.5 Gi", ("1.5Gi",), "1.5Gi"),
        (" 2Gi ", ("2Gi",), "2Gi"),
        (" 1", ("1",), "1"),
        ("1\tGi\n", ("1Gi",), "1Gi"),
        ("1\u00a0Gi", ("1Gi",), "1Gi"),
        ("1K", ("1k", "1Ki"), None),
        ("1KB", ("1k", "1Ki"), None),
        ("1 KB", ("1k", "1Ki"), None),
        ("1kb", ("1k", "1Ki"), None),
        ("1ki", ("1Ki",), "1Ki"),
        ("512MB", ("512M", "512Mi"), None),
        ("1TB", ("1T", "1Ti"), None),
        ("1PB", ("1P", "1Pi"), None),
        ("1EB", ("1E", "1Ei"), None),
        ("1ei", ("1Ei",), "1Ei"),
        ("-2GB", ("-2G", "-2Gi"), None),
        ("1.5GB", ("1.5G", "1.5Gi"), None),
        ("100B", ("100",), "100"),
        ("two", (), None),
        ("", (), None),
        ("1e", (), None),
        ("1x", (), None),
        ("GB", (), None),
        ("1.5.2Gi", (), None),
        ("1" * 2000 + "GB", (), None),  # every candidate is out of range
        # valid text needs no suggestion, and has no fix
        ("1Gi", (), None),
        ("500m", (), None),
        ("1k", (), None),
    ],
)
def test_suggestions_and_unambiguous_fix(
    text: str, suggestions: tuple[str, ...], fix: str | None
) -> None:
    assert suggest_quantity(text) == suggestions
    assert unambiguous_fix(text) == fix


@pytest.mark.parametrize(
    ("text", "suggestions", "fix"),
    [
        ("500mi", ("500m",), "500m"),  # millicores, never 500 * 2^20 cores
        ("500MI", ("500m",), "500m"),
        ("500 m", ("500m",), "500m"),
        ("2GB", (), None),
        ("1K", (), None),
    ],
)
def test_cpu_suggestions_are_core_counts(
    text: str, suggestions: tuple[str, ...], fix: str | None
) -> None:
    assert suggest_quantity(text, cpu=True) == suggestions
    assert unambiguous_fix(text, cpu=True) == fix
    with pytest.raises(QuantityError) as raised:
        parse_quantity(text, cpu=True)
    assert raised.value.suggestions == suggestions


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "2GB",
            '"2GB" is not a Kubernetes quantity: unknown suffix "GB"; '
            'did you mean "2G" (G = 10^9) or "2Gi" (Gi = 2^30)?',
        ),
        (
            "1K",
            '"1K" is not a Kubernetes quantity: unknown suffix "K" (suffixes are case-sensitive); '
            'did you mean "1k" (k = 10^3) or "1Ki" (Ki = 2^10)?',
        ),
        (
            "500mi",
            '"500mi" is not a Kubernetes quantity: unknown suffix "mi" '
            '(suffixes are case-sensitive); did you mean "500Mi"?',
        ),
        (
            "1KiB",
            '"1KiB" is not a Kubernetes quantity: unknown suffix "KiB"; did you mean "1Ki"?',
        ),
        (
            "1 Gi",
            '"1 Gi" is not a Kubernetes quantity: it contains whitespace; did you mean "1Gi"?',
        ),
        (
            "1\u00a0Gi",
            '"1\\u00a0Gi" is not a Kubernetes quantity: it contains whitespace; '
            'did you mean "1Gi"?',
        ),
        (
            "two",
            '"two" is not a Kubernetes quantity: it does not start with a number; '
            "a quantity is a number with an optional suffix: "
            "Ki, Mi, Gi, Ti, Pi, Ei, n, u, m, k, M, G, T, P, E or e<exponent>",
        ),
        (
            "",
            '"" is not a Kubernetes quantity: it is empty; '
            "a quantity is a number with an optional suffix: "
            "Ki, Mi, Gi, Ti, Pi, Ei, n, u, m, k, M, G, T, P, E or e<exponent>",
        ),
    ],
)
def test_messages(text: str, message: str) -> None:
    assert quantity_error_message(text) == message


# --- properties ---------------------------------------------------------------------------

decimals = st.builds(
    lambda mantissa, exponent: Fraction(mantissa) * Fraction(10) ** exponent,
    st.integers(min_value=-(10**30), max_value=10**30),
    st.integers(min_value=-30, max_value=30),
)
binaries = st.builds(
    lambda mantissa, power: Fraction(mantissa * 1024**power),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.integers(min_value=0, max_value=8),
)
formats = st.sampled_from(QuantityFormat)


@given(st.one_of(decimals, binaries), formats)
def test_parse_inverts_format(amount: Fraction, fmt: QuantityFormat) -> None:
    text = format_quantity(amount, fmt)
    assert value(text) == amount
    assert format_quantity(value(text), fmt) == text  # canonical: a fixed point


@given(st.one_of(decimals, binaries), st.one_of(decimals, binaries), formats, formats)
def test_ordering_of_parsed_values_matches_the_rationals(
    a: Fraction, b: Fraction, fmt_a: QuantityFormat, fmt_b: QuantityFormat
) -> None:
    parsed_a, parsed_b = value(format_quantity(a, fmt_a)), value(format_quantity(b, fmt_b))
    assert (parsed_a < parsed_b, parsed_a == parsed_b) == (a < b, a == b)


digits = st.text(alphabet="0123456789", min_size=1, max_size=25)
numbers = st.one_of(
    digits,
    st.builds(lambda whole, fraction: f"{whole}.{fraction}", digits, digits),
    st.builds(lambda whole: f"{whole}.", digits),
    st.builds(lambda fraction: f".{fraction}", digits),
)
SUFFIX_FACTORS = {
    "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "Pi": 2**50, "Ei": 2**60,
    "n": Fraction(1, 10**9), "u": Fraction(1, 10**6), "m": Fraction(1, 1000), "": 1,
    "k": 10**3, "M": 10**6, "G": 10**9, "T": 10**12, "P": 10**15, "E": 10**18,
}  # fmt: skip


@given(
    st.sampled_from(["", "+", "-"]),
    numbers,
    st.one_of(
        st.sampled_from(sorted(SUFFIX_FACTORS)),
        st.builds(
            lambda e, sign, n: f"{e}{sign}{n}",
            st.sampled_from("eE"),
            st.sampled_from(["", "+", "-"]),
            st.integers(min_value=0, max_value=MAX_EXPONENT),
        ),
    ),
)
def test_grammar_texts_parse_to_the_reference_value(sign: str, number: str, suffix: str) -> None:
    # Reference: Python's own exact decimal reader (Fraction accepts "5.", ".5", "1e-3").
    if suffix in SUFFIX_FACTORS:
        expected = Fraction(sign + number) * SUFFIX_FACTORS[suffix]
    else:
        expected = Fraction(sign + number + suffix)
    assert value(sign + number + suffix) == expected
    assert is_quantity(sign + number + suffix)


quantity_like = st.text(alphabet="0123456789.+-eEinumkKMGTPBb \t", max_size=30)


@settings(deadline=200)
@given(st.one_of(st.text(), quantity_like))
def test_arbitrary_text_raises_only_quantity_error(text: str) -> None:
    try:
        quantity = parse_quantity(text)
    except QuantityError as error:
        assert error.message and "\n" not in error.message
        assert all(is_quantity(suggestion) for suggestion in error.suggestions)
        fix = unambiguous_fix(text)
        assert fix is None or error.suggestions == (fix,)
    else:
        assert isinstance(quantity.value, Fraction) and quantity.text == text
        assert suggest_quantity(text) == () and unambiguous_fix(text) is None


@settings(deadline=500)
@given(st.text(alphabet="0123456789.eE-+Gi ", min_size=1000, max_size=5000))
def test_long_text_finishes_fast(text: str) -> None:
    with contextlib.suppress(QuantityError):
        parse_quantity(text)
    unambiguous_fix(text)
