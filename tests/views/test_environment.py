"""The start notebook's environment check reports OK, and says what to do on a failure."""

from helpers.views import environment


def test_every_check_passes_here():
    table = environment.check_environment()
    assert list(table["check"]) == list(environment.CHECKS)
    assert (table["status"] == "OK").all(), table.to_string()


def test_a_failing_check_reports_the_remedy_instead_of_raising(monkeypatch):
    def broken():
        raise FileNotFoundError("seeds/000.txt")

    monkeypatch.setitem(environment.CHECKS, "article", broken)
    table = environment.check_environment().set_index("check")
    assert table.loc["article", "status"] == "FAIL"
    assert "seeds/000.txt" in table.loc["article", "found"]
    assert table.loc["article", "what to do"] == environment.REMEDIES["article"]
    assert table.loc["packages", "status"] == "OK"


def test_an_unwritable_work_folder_is_reported(monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("LIAOYANG_WORK_DIR", str(blocker / "work"))
    table = environment.check_environment().set_index("check")
    assert table.loc["work_folder", "status"] == "FAIL"
    assert "LIAOYANG_WORK_DIR" in table.loc["work_folder", "what to do"]
