"""tools/voila_setup.py makes the collection's Voila template the default, wherever Voila starts.

The browser half (no request leaves 127.0.0.1) is tests/test_browser_voila_offline.py; this
checks the files it writes, that Voila itself then picks the template, and that every way the
collection starts Voila runs it (Binder's postBuild, tasks.py lab and app).
"""

import doctest
import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "tools"))

import voila_setup  # noqa: E402

TEMPLATE = PROJECT / "share" / "jupyter" / "voila" / "templates" / "liaoyang" / "index.html.j2"
CDN = ("https://cdn.jsdelivr.net", "https://cdnjs.cloudflare.com")


def test_the_tools_examples_hold():
    assert doctest.testmod(voila_setup).failed == 0


def test_install_copies_the_template_and_sets_both_configs_keeping_other_settings(tmp_path):
    existing = tmp_path / "etc" / "jupyter" / "voila.json"
    existing.parent.mkdir(parents=True)
    existing.write_text('{"VoilaConfiguration": {"show_tracebacks": false}, "Voila": {"ip": "x"}}')
    assert voila_setup.problems(tmp_path)  # nothing installed yet: said so
    assert voila_setup.main(["--prefix", str(tmp_path), "--check"]) == 1
    assert voila_setup.main(["--prefix", str(tmp_path)]) == 0
    installed = tmp_path / "share/jupyter/voila/templates/liaoyang/index.html.j2"
    assert installed.read_bytes() == TEMPLATE.read_bytes()
    command = json.loads(existing.read_text())
    assert command == {
        "VoilaConfiguration": {"show_tracebacks": False, "template": "liaoyang"},
        "Voila": {"ip": "x"},
    }
    assert voila_setup.problems(tmp_path) == []
    assert voila_setup.main(["--prefix", str(tmp_path), "--check"]) == 0
    installed.write_text("{#- an old copy -#}")
    assert "differs" in voila_setup.problems(tmp_path)[0]


def test_voila_then_finds_the_template_as_its_default(tmp_path):
    """Voila's own code (its configuration and template search) picks the installed template."""
    voila_setup.install(tmp_path)
    probe = (
        "from voila.app import Voila; from voila.paths import collect_template_paths;"
        "from voila.server_extension import load_config_file;"
        "app = Voila(); app.initialize([]);"
        "print(app.voila_configuration.template);"  # the voila command
        "print(load_config_file().VoilaConfiguration.template);"  # voila/render/ in a server
        "print(collect_template_paths(['voila', 'nbconvert'], 'liaoyang')[0])"
    )
    env = dict(
        os.environ,
        JUPYTER_PATH=str(tmp_path / "share" / "jupyter"),
        JUPYTER_CONFIG_PATH=str(tmp_path / "etc" / "jupyter"),
        JUPYTER_CONFIG_DIR=str(tmp_path / "user-config"),
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    command, server, first_path = done.stdout.split()[-3:]
    assert command == server == "liaoyang"
    assert Path(first_path) == tmp_path / "share/jupyter/voila/templates/liaoyang"


def test_the_template_drops_every_cdn_address_voila_s_page_has():
    text = TEMPLATE.read_text(encoding="utf-8")
    lab = Path(sys.prefix) / "share/jupyter/voila/templates/lab/index.html.j2"
    if lab.is_file():  # each CDN link of Voila's own page is replaced by the template
        for line in lab.read_text(encoding="utf-8").splitlines():
            for address in CDN:
                if address in line:
                    link = line[line.index(address) :].split('"')[0]
                    assert f'replace("{link}", "data:text/css,")' in text, link
    assert 'page_config.update(fullMathjaxUrl="")' in text


def test_every_way_the_collection_starts_voila_installs_the_template():
    post_build = (PROJECT / "postBuild").read_text(encoding="utf-8")
    assert "python tools/voila_setup.py" in post_build
    assert os.access(PROJECT / "postBuild", os.X_OK), "repo2docker runs postBuild as a program"
    assert not (PROJECT / "binder").exists(), "a binder/ folder would hide the root's files"
    tasks = (PROJECT / "tasks.py").read_text(encoding="utf-8")
    for command in ("def lab()", "def app()"):
        body = tasks.split(command, 1)[1].split("\ndef ", 1)[0]
        assert "voila_setup()" in body, command
    assert "tools/voila_setup.py" in (PROJECT / "README.md").read_text(encoding="utf-8")
