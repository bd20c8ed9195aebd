"""Coding CSVs from spreadsheets in other locales and typed by hand: read as meant."""

from __future__ import annotations

import os

import pytest

from helpers.model.coding_apply import apply_coding
from helpers.model.coding_file import CodingFileError, read_coding, read_steps


def write(tmp_path, text: str, name: str = "coding.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_a_csv_with_semicolons_from_european_excel_is_read(tmp_path):
    path = write(
        tmp_path, "seg_id;move;step;actors\nP1.1;lead;;\nP3.2;correction;1;cadres, county\n"
    )
    coding = read_coding(path)
    assert coding["move"].tolist() == ["lead", "correction"]
    assert coding["actors"].tolist() == [[], ["cadres, county"]]
    assert int(coding.loc[1, "step"]) == 1


def test_a_semicolon_csv_with_a_byte_order_mark_and_crlf_is_read(tmp_path):
    path = write(tmp_path, "\ufeffseg_id;move\r\nP1.1;lead\r\n")
    assert read_coding(path)["seg_id"].tolist() == ["P1.1"]


def test_a_tab_separated_utf16_export_is_read(tmp_path):
    path = write(tmp_path, "\ufeffseg_id\tmove\nP1.1\tlead\n", encoding="utf-16-le")
    assert read_coding(path)["move"].tolist() == ["lead"]


@pytest.mark.parametrize("typed, move", [("Lead", "lead"), ("CORRECTION", "correction"),
                                         (" Deviation-1 ", "deviation-1")])  # fmt: skip
def test_moves_typed_in_any_case_are_the_moves(tmp_path, typed, move):
    path = write(tmp_path, f"seg_id,move\nP1.1,{typed}\n")
    assert read_coding(path)["move"].tolist() == [move]
    table = apply_coding(None, path)
    assert table.set_index("seg_id").loc["P1.1", "move"] == move


def test_answers_in_any_case_are_moves_too(tmp_path):
    path = write(tmp_path, "seg_id,move,step,answers\nP3.2,Correction,1,DEVIATION-1; Deviation-2\n")
    assert read_coding(path).loc[0, "answers"] == ["deviation-1", "deviation-2"]


def test_column_names_in_another_case_are_read(tmp_path):
    path = write(tmp_path, "Seg_ID;Move;Note\nP1.1;lead;the opening\n")
    coding = read_coding(path)
    assert coding.loc[0, ["seg_id", "move", "note"]].tolist() == ["P1.1", "lead", "the opening"]


def test_a_decimal_comma_step_is_a_whole_number(tmp_path):
    path = write(tmp_path, 'seg_id;move;step\nP3.2;correction;"1,0"\n')
    assert int(read_coding(path).loc[0, "step"]) == 1


def test_a_semicolon_steps_file_is_read(tmp_path):
    path = write(tmp_path, "step;seg_id;summary;answers\n1;P3.2;First;deviation-1\n", "steps.csv")
    assert read_steps(path)["seg_id"].tolist() == ["P3.2"]


def test_a_zero_width_space_in_a_cell_does_not_hide_a_move(tmp_path):
    path = write(tmp_path, "seg_id,move\nP1.1\u200b,le\u200bad\n")
    assert read_coding(path)[["seg_id", "move"]].values.tolist() == [["P1.1", "lead"]]


def test_a_gb18030_csv_says_how_to_save_it(tmp_path):
    path = write(tmp_path, "seg_id,move,note\nP1.1,lead,开头\n", encoding="gb18030")
    with pytest.raises(CodingFileError, match="CSV UTF-8"):
        read_coding(path)


def test_a_relative_coding_folder_as_the_readme_writes_it_is_found_from_notebooks(
    tmp_path, monkeypatch
):
    from helpers.analysis.class_codings import example_codings, read_codings

    project = tmp_path / "project"
    (project / "notebooks").mkdir(parents=True)
    codings = project / "work" / "my_article_codings"
    codings.mkdir(parents=True)
    for path in example_codings().iterdir():
        (codings / path.name).write_bytes(path.read_bytes())
    monkeypatch.chdir(project / "notebooks")
    found, skipped = read_codings("work/my_article_codings")
    assert len(found) == 3 and skipped.empty
    assert os.getcwd().endswith("notebooks")


def test_a_relative_coding_file_is_found_from_notebooks(tmp_path, monkeypatch):
    project = tmp_path / "project"
    (project / "notebooks").mkdir(parents=True)
    (project / "work").mkdir()
    (project / "work" / "mine.csv").write_text("seg_id;move\nP1.1;Lead\n", encoding="utf-8")
    monkeypatch.chdir(project / "notebooks")
    assert read_coding("work/mine.csv")["move"].tolist() == ["lead"]
