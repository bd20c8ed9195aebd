"""One Coding object and one reader of the save format, used by the annotator, apply_coding
and the agreement alike."""

import json

import pytest

from helpers.analysis.agreement import read_codings
from helpers.model.coding import (
    FILE_KEYS,
    Code,
    Coding,
    ForeignCodingError,
    new_coding,
    parse_coding,
    read_coding_data,
    set_code,
)
from helpers.model.coding_apply import apply_coding
from helpers.model.coding_file import CodingFileError, read_coding
from helpers.model.coding_store import (
    NotJSONError,
    coding_path,
    decode_json,
    load_coding,
    old_coding_path,
)
from helpers.model.storage import SaveFileError

VERSION_1 = {"coder": "Old Hand", "codes": {"P1.1": "lead", "P2.9": " deviation-2 "}}


def version_2():
    coding = set_code(new_coding("New Hand"), "P1.1", "lead", "high", "the dateline")
    return set_code(coding, "P2.9", "deviation-2", "low", "holding back").file_content()


@pytest.mark.parametrize("data", [VERSION_1, version_2()], ids=["version-1", "version-2"])
def test_every_reader_reads_a_save_file_the_same(data):
    old_coding_path(data["coder"]).write_text(json.dumps(data), encoding="utf-8")
    loaded = load_coding(data["coder"])  # the old file is folded into the work file
    assert {seg: code.tag for seg, code in loaded.codes.items()} == {
        "P1.1": "lead",
        "P2.9": "deviation-2",
    }
    coded = read_coding(coding_path(data["coder"]))  # what apply_coding reads
    assert dict(zip(coded["seg_id"], coded["move"], strict=True)) == {
        "P1.1": "lead",
        "P2.9": "deviation-2",
    }
    assert coded["note"].tolist() == [code.note for code in loaded.codes.values()]
    codings, skipped = read_codings([coding_path(data["coder"])])  # what the agreement reads
    assert skipped.empty
    read = [(seg, code.tag, code.confidence, code.note) for seg, code in codings[0].codes.items()]
    assert read == [(seg, c.tag, c.confidence, c.note) for seg, c in loaded.codes.items()]
    table = apply_coding(None, loaded)  # a Coding is a coding too
    assert table.set_index("seg_id").loc["P2.9", "move"] == "deviation-2"


def test_a_newer_format_is_refused_by_every_reader():
    newer = {**version_2(), "version": 3}
    with pytest.raises(ForeignCodingError, match="newer version"):
        read_coding_data(newer)
    with pytest.raises(CodingFileError, match="newer version"):
        read_coding(newer)
    codings, skipped = read_codings([newer])
    assert codings == [] and "newer version" in skipped.loc[0, "reason"]


def test_a_version_1_file_is_of_the_article_it_is_read_for():
    assert read_coding_data(VERSION_1).article == "000_de9b3e9f03d8f077"
    assert read_coding_data(VERSION_1, article="other").article == "other"
    assert read_coding(VERSION_1).attrs["article"] == ""  # apply_coding: any article


def test_parse_coding_refuses_another_article_and_lists_what_is_odd():
    data = version_2()
    with pytest.raises(ForeignCodingError, match="not of 'other'"):
        parse_coding(data, article="other")
    data["codes"]["P9.9"] = {"tag": "rumour"}
    coding = parse_coding(data)
    assert coding.codes["P9.9"] == Code("rumour", "medium", "", "")
    assert len(coding.warnings) == 2 and "P9.9" in coding.warnings[0]


@pytest.mark.parametrize(
    "data, words",
    [
        ([1], "no JSON object"),
        ({"format": "other"}, "format 'other'"),
        ({"format": "liaoyang-coding", "version": "2"}, "unknown format version"),
        ({"coder": " ", "codes": {}}, "coder's name is missing"),
        ({"coder": "A", "codes": {"P1.1": ""}}, "not a list of segment ids and tags"),
        ({**version_2(), "article": ""}, "article id is missing"),
        ({**version_2(), "codes": {"P1.1": {"note": "x"}}}, "has no tag"),
    ],
)
def test_a_wrong_shape_says_what_is_wrong(data, words):
    with pytest.raises(SaveFileError, match=words):
        read_coding_data(data)


def test_the_coding_object():
    coding = Coding.new("  Zhang   San ")
    assert (coding.coder, coding.version, coding.format) == ("Zhang San", 2, "liaoyang-coding")
    assert coding.set_code("P1.2", "lead") is coding
    assert list(coding.file_content()) == list(FILE_KEYS)
    assert coding.text().endswith("}\n") and json.loads(coding.text()) == coding.file_content()
    assert coding.progress() == (1, 19) and coding.first_uncoded(["P1.2", "P1.3"]) == 1
    coding.set_code("P1.3", "rumour")
    assert coding.tag_choices()[-1] == ("rumour (own tag)", "rumour")
    with pytest.raises(ValueError, match="Confidence"):
        coding.set_code("P1.1", "lead", "sure")
    with pytest.raises(ValueError, match="coder name is needed"):
        Coding.new("   ")


def test_decode_json_reads_a_byte_order_mark_and_names_damage():
    assert decode_json(b"\xef\xbb\xbf[1]") == [1]
    with pytest.raises(NotJSONError) as raised:
        decode_json(b"{cut")
    assert raised.value.kind == "JSONDecodeError" and "not readable JSON" in str(raised.value)
