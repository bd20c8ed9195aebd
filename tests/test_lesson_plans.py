"""The guide's lesson plans fit their time, counted in the notebooks' own stated minutes."""

import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "instructor" / "instructor_guide.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _header_minutes(path: Path) -> int:
    header = nbformat.read(path, as_version=4).cells[0].source
    line = next(line for line in header.splitlines() if "**Time**" in line)
    return int(re.search(r"(\d+) minutes", line).group(1))


def _plan(title: str) -> list[list[str]]:
    section = GUIDE.split(f"### {title}", 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
    rows = [line.strip("|").split("|") for line in section.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in row] for row in rows[1:]]


def test_the_readme_table_gives_the_notebooks_own_times():
    for path in sorted((ROOT / "notebooks").glob("0*.ipynb")):
        row = re.search(rf"\| `{path.stem}` \|.*\| (\d+) min \|", README)
        assert row, f"{path.stem} is missing from the README's table"
        assert int(row.group(1)) == _header_minutes(path), path.stem


def test_the_guide_states_the_notebooks_times_as_their_headers_do():
    for path in sorted((ROOT / "notebooks").glob("0*.ipynb")):
        number = path.stem[:2]
        flat = re.sub(r"\s+", " ", GUIDE)
        assert re.search(rf"\b{number} {_header_minutes(path)}\b", flat), path.stem


def test_each_lesson_plan_fits_in_its_time_and_names_what_is_skipped():
    for title, length in (("50 minutes", 50), ("90 minutes", 90), ("45 minutes", 45)):
        rows = _plan(title)
        in_class = [row for row in rows if row[0] != "before"]
        starts_ends = [tuple(int(n) for n in row[0].split("–")) for row in in_class]
        assert starts_ends[0][0] == 0 and starts_ends[-1][1] == length, title
        for (_, end), (start, _) in zip(starts_ends, starts_ends[1:], strict=False):
            assert end == start, f"{title}: the slots must follow each other"
        minutes = [int(row[3]) for row in in_class]
        for (start, end), used in zip(starts_ends, minutes, strict=True):
            assert used <= end - start, f"{title}: {used} notebook-minutes in {end - start}"
        assert sum(minutes) <= length
        section = GUIDE.split(f"### {title}", 1)[1].split("\n### ", 1)[0]
        assert "**Skipped" in section, f"{title}: name what is skipped or set as homework"
