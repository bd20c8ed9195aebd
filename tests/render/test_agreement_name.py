"""The comparison with the reference, before a name is given, says how to give one."""

from helpers.render.agreement import compare_with_reference


def test_no_name_yet_asks_for_a_name_and_shows_no_file_name():
    shown = str(compare_with_reference("  "))
    assert "Give your name first" in shown and "notebook 00" in shown
    assert "work-" not in shown and "''" not in shown
