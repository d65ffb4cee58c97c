"""What every CSV export and import shares: formula quoting that reads back exactly, and
reading an upload whatever Excel or another program made of it."""

import pytest

from wup.csv_files import (
    MAX_ERRORS_SHOWN,
    LineProblems,
    csv_lines,
    quote_cell,
    read_table,
    unquote_cell,
    write_csv,
)

HEADER = ["naam", "tekst"]


class Refused(Exception):
    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


@pytest.mark.parametrize("text", ["=1+1", "+31 6", "-5", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_a_spreadsheet_would_run_gets_one_apostrophe(text):
    assert quote_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["gewoon", "", "1=1", " =1", "5-3"])
def test_other_cells_stay_as_they_are(text):
    assert quote_cell(text) == text
    assert unquote_cell(text) == text


@pytest.mark.parametrize(
    "text",
    ["'=1+1", "=1+1", "''=1+1", "'", "''", "'citaat", "''twee", "'-5", "-5", "@x", "'\tx", "x"],
)
def test_every_text_comes_back_exactly(text):
    assert unquote_cell(quote_cell(text)) == text


def test_the_import_takes_off_only_an_apostrophe_the_export_would_have_added():
    assert unquote_cell("'=1+1") == "=1+1"
    assert unquote_cell("''=1+1") == "'=1+1"
    assert unquote_cell("'citaat") == "'citaat"  # typed in Excel, never added by the export


def test_the_file_has_a_bom_semicolons_and_crlf():
    lines = list(csv_lines(HEADER, [["a", "b;c"], ["d", "=x"]]))
    assert lines == ["\ufeffnaam;tekst\r\n", 'a;"b;c"\r\n', "d;=x\r\n"]

    class Out:
        text = ""

        def write(self, value):
            self.text += value

    out = Out()
    write_csv(out, HEADER, [["a", "b;c"], ["d", "=x"]])
    assert out.text == "".join(lines)


@pytest.mark.parametrize(
    "content",
    [
        "naam;tekst\r\nJan;hallo, wereld\r\n",
        "\ufeffnaam;tekst\r\nJan;hallo, wereld\r\n",
        'naam,tekst\r\nJan,"hallo, wereld"\r\n',
        '\ufeffNaam , Tekst\nJan,"hallo, wereld"\n',
    ],
)
def test_semicolons_or_commas_with_or_without_bom(content):
    rows, problems = read_table(content.encode(), HEADER, Refused)
    assert rows == [(2, {"naam": "Jan", "tekst": "hallo, wereld"})]
    assert not problems


def test_a_fixed_delimiter_is_not_guessed_and_says_what_went_wrong():
    with pytest.raises(Refused) as refused:
        read_table(b"naam,tekst\r\n", HEADER, Refused, delimiter=";")
    assert refused.value.errors == [
        "regel 1: de eerste regel moet precies deze kolommen hebben: naam;tekst "
        "(gescheiden door puntkomma’s, niet door komma’s)"
    ]
    rows, _problems = read_table(b"naam;tekst\r\nJan;a,b\r\n", HEADER, Refused, delimiter=";")
    assert rows == [(2, {"naam": "Jan", "tekst": "a,b"})]


def test_empty_rows_are_skipped_and_short_ones_reported_by_line():
    content = "naam;tekst\r\n;\r\n\r\nJan\r\nPiet;ja\r\nKees;ja;nee\r\n"
    rows, problems = read_table(content.encode(), HEADER, Refused)
    assert rows == [(5, {"naam": "Piet", "tekst": "ja"})]
    assert problems.messages() == [
        "regel 4: 2 kolommen verwacht, 1 gevonden",
        "regel 6: 2 kolommen verwacht, 3 gevonden",
    ]


def test_an_empty_file_or_one_not_in_utf8_is_refused():
    with pytest.raises(Refused, match="Het bestand is leeg."):
        read_table(b"", HEADER, Refused)
    with pytest.raises(Refused) as refused:
        read_table("naam;tekst\r\nJosé;x\r\n".encode("cp1252"), HEADER, Refused)
    assert refused.value.errors[0].startswith("regel 2: het bestand is niet opgeslagen als UTF-8")


def test_problems_come_in_file_order_and_are_cut_short():
    problems = LineProblems()
    problems.add(9, "laat")
    problems.add(3, "eerst")
    problems.add(3, "daarna")
    assert problems.messages() == ["regel 3: eerst", "regel 3: daarna", "regel 9: laat"]
    for line in range(MAX_ERRORS_SHOWN + 5):
        problems.add(100 + line, "fout")
    shown = problems.messages()
    assert len(shown) == MAX_ERRORS_SHOWN + 1
    assert shown[-1] == "… en nog 8 fouten."
