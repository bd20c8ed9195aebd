"""The package's shape: layers that depend one way, small modules and functions, no shadowing.

Layers, lowest first: model (the article and everything saved), analysis
(DataFrames in and out), render (HTML, CSS, plots), exercises (the question
bank), views (the only layer with ipywidgets). A module may import from its own
layer and the ones below it, never from one above.
"""

import ast
import importlib
import importlib.util
from pathlib import Path

import pytest

import helpers

PACKAGE = Path(helpers.__file__).resolve().parent
LAYERS = ["model", "analysis", "render", "exercises", "views"]
RANK = {layer: rank for rank, layer in enumerate(LAYERS)}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

MODULES = sorted(
    path
    for layer in LAYERS
    for path in (PACKAGE / layer).glob("*.py")
    if path.name != "__init__.py"
)
IDS = [path.relative_to(PACKAGE).as_posix() for path in MODULES]


def imported_modules(path: Path) -> set[str]:
    """Every module an ``import`` or ``from ... import`` names, at the top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "helpers" and parts[1] in RANK else None


def test_every_layer_has_modules():
    assert {path.parent.name for path in MODULES} == set(LAYERS)
    assert not [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"], (
        "every module lives in a layer"
    )


@pytest.mark.parametrize("path", MODULES, ids=IDS)
def test_a_module_imports_only_its_own_layer_and_those_below(path):
    own = path.parent.name
    for module in imported_modules(path):
        if module == "helpers":
            pytest.fail(f"{path.name} imports the whole package (import from a layer instead)")
        layer = layer_of(module)
        if layer is not None:
            assert RANK[layer] <= RANK[own], f"{own}/{path.name} imports {module} (a higher layer)"


@pytest.mark.parametrize("path", MODULES, ids=IDS)
def test_only_views_import_ipywidgets(path):
    if path.parent.name == "views":
        return
    widget_imports = {
        m for m in imported_modules(path) if m.split(".")[0] in {"ipywidgets", "IPython"}
    }
    assert not widget_imports, f"{path.parent.name}/{path.name} imports {widget_imports}"


@pytest.mark.parametrize("path", MODULES, ids=IDS)
def test_every_module_imports_on_its_own(path):
    name = "helpers." + path.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", ".")
    assert importlib.import_module(name).__doc__, f"{name} has no docstring"


@pytest.mark.parametrize("path", MODULES, ids=IDS)
def test_modules_are_small(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{path.name} has {lines} lines (at most {MAX_MODULE_LINES})"


@pytest.mark.parametrize("path", MODULES, ids=IDS)
def test_functions_are_short(path):
    long = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            lines = node.end_lineno - node.lineno + 1
            if lines > MAX_FUNCTION_LINES:
                long.append(f"{node.name} ({lines} lines)")
    assert not long, f"{path.name}: over {MAX_FUNCTION_LINES} lines: {', '.join(long)}"


@pytest.mark.parametrize("path", MODULES, ids=IDS)
def test_no_private_name_crosses_a_module(path):
    crossing = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("helpers."):
            crossing += [alias.name for alias in node.names if alias.name.startswith("_")]
    assert not crossing, f"{path.name} imports private names {crossing}"


def test_no_public_name_shadows_a_module():
    for name in helpers.__all__:
        assert importlib.util.find_spec(f"helpers.{name}") is None or name in LAYERS, name
        assert not callable(getattr(helpers, name)) or name not in LAYERS


def test_layer_packages_export_nothing_that_shadows_their_modules():
    for layer in LAYERS:
        package = importlib.import_module(f"helpers.{layer}")
        for path in (PACKAGE / layer).glob("[!_]*.py"):
            value = getattr(package, path.stem, None)
            assert value is None or type(value).__name__ == "module", f"helpers.{layer}.{path.stem}"


def test_every_public_name_is_in_all():
    assert len(set(helpers.__all__)) == len(helpers.__all__)
    for name in helpers.__all__:
        assert hasattr(helpers, name), name
