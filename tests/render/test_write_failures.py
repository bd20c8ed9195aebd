"""Writing a handout or a coding template where it cannot go: one sentence, no traceback."""

from __future__ import annotations

from helpers.model.coding_file import read_coding, write_coding_template
from helpers.render.handout import handout


def test_a_handout_asked_for_a_folder_goes_into_it(tmp_path, capsys):
    result = handout(tmp_path, pdf=False)
    assert result.html == tmp_path / "handout.html" and result.html.is_file()


def test_a_handout_on_an_unwritable_path_prints_one_sentence(tmp_path, capsys):
    blocker = tmp_path / "a_file"
    blocker.write_text("x", encoding="utf-8")
    result = handout(blocker / "handout.html", pdf=False)
    printed = capsys.readouterr().out.strip()
    assert result.html is None and result.message == printed
    assert printed.startswith("The handout could not be written to")
    assert "part of the folder's path is a file" in printed and "Errno" not in printed
    assert printed.count("\n") == 0


def test_a_coding_template_asked_for_a_folder_goes_into_it(tmp_path):
    path = write_coding_template(None, tmp_path)
    assert path.parent == tmp_path and path.name.startswith("coding-template-")
    assert len(read_coding(path)) == 19


def test_a_coding_template_on_an_unwritable_path_prints_one_sentence(tmp_path, capsys):
    blocker = tmp_path / "a_file"
    blocker.write_text("x", encoding="utf-8")
    assert write_coding_template(None, blocker / "template.csv") is None
    printed = capsys.readouterr().out.strip()
    assert printed.startswith("The coding template could not be written to")
    assert "Errno" not in printed and printed.count("\n") == 0
