"""The tag set: the moves by default, a coder's own tags, labels and colours; any other set."""

import pytest

from helpers.model.coding import new_coding, read_coding_data, set_code
from helpers.model.coding_store import coding_path, load_coding, save_coding, saved_coding_data
from helpers.model.tables import moves
from helpers.model.tagset import GREY, TagSet
from helpers.render.html import move_colour, move_label

FRAMES = TagSet(
    ["blame", "praise"],
    labels={"blame": "Blame the cadres", "praise": "Praise the county"},
    colours={"blame": "#D55E00", "praise": "#009E73"},
)


def test_the_moves_are_the_default_with_their_labels_and_colours():
    tags = TagSet.moves()
    assert list(tags) == list(moves()["move"])
    for move in tags:
        assert tags.label(move) == move_label(move)
        assert tags.colour(move) == move_colour(move)
    assert tags.label("") == "not coded" and tags.colour("rumour") == GREY
    assert TagSet.moves() is TagSet.moves()  # read once


def test_own_tags_come_after_once_and_never_repeat_the_sets_tags():
    tags = TagSet.moves().with_own(["rumour", "lead", "rumour", "dateline"])
    assert tags.own == ("rumour", "dateline")
    assert list(tags)[-3:] == ["correction", "rumour", "dateline"]
    assert "rumour" in tags and tags.is_own("rumour") and not tags.is_own("lead")
    assert tags.label("rumour") == "rumour" and tags.colour("rumour") == GREY
    assert tags != TagSet.moves() and tags.with_own([]) == tags


def test_a_name_or_label_in_any_case_is_the_sets_tag():
    assert TagSet.moves().canonical("deviation 2: HOLDING BACK") == "deviation-2"
    assert FRAMES.canonical("PRAISE THE COUNTY") == "praise"
    assert FRAMES.canonical("Praise") == "praise"
    assert FRAMES.canonical("Prize") == "Prize"  # not a tag or a label: a tag of one's own


def test_order_outside_and_choices():
    assert FRAMES.ordered(["x", "praise", "A", "blame"]) == ["blame", "praise", "A", "x"]
    assert FRAMES.outside(["praise", "b", "A", ""]) == ["A", "b"]
    assert FRAMES.with_own(["maybe"]).choices(["other", "blame"]) == [
        ("Blame the cadres", "blame"),
        ("Praise the county", "praise"),
        ("maybe (own tag)", "maybe"),
        ("other (own tag)", "other"),
    ]


def test_a_set_from_a_table_reads_its_columns():
    frame = moves().rename(columns={"move": "tag"})
    tags = TagSet.from_table(frame, tag="tag")
    assert list(tags) == list(moves()["move"]) and tags.label("lead") == "Lead"


def test_a_coding_with_another_tag_set_saves_and_loads_with_it():
    coding = new_coding("Framer", tagset=FRAMES)
    set_code(coding, "P1.1", "Blame the cadres")  # the label names the tag
    set_code(coding, "P1.2", "neither")
    assert coding.codes["P1.1"].tag == "blame" and coding.tagset.own == ("neither",)
    save_coding(coding)
    assert coding_path("Framer").exists()
    saved = saved_coding_data("Framer")
    assert saved["tagset"] == ["blame", "praise", "neither"]
    loaded = load_coding("Framer", tagset=FRAMES)
    assert loaded.tagset == coding.tagset and loaded.warnings == []
    with_moves = load_coding("Framer")  # read with the moves: the file's tags are kept as own
    assert with_moves.tagset.own == ("blame", "praise", "neither")


@pytest.mark.parametrize("tagset", [None, FRAMES])
def test_the_reader_adds_the_files_tags_to_the_set_given(tagset):
    data = {"coder": "A", "codes": {"P1.1": "lead"}}
    coding = read_coding_data(data, tagset=tagset)
    expected = TagSet.moves() if tagset is None else FRAMES
    assert coding.tagset == expected
