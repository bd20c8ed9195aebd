"""The helpers work offline: with every socket blocked, all tools still run.

A seminar room's network fails, a firewall blocks a laptop, an exam runs
offline: nothing in the helpers may reach for the network at run time.
"""

from __future__ import annotations

import socket
import urllib.request

import pytest

from helpers import load_article, segments
from helpers.analysis.agreement import example_codings
from helpers.analysis.search import kwic
from helpers.model.coding_store import coding_path
from helpers.render.agreement import agreement
from helpers.render.handout import handout
from helpers.views.annotator import annotator
from helpers.views.compare import compare
from helpers.views.concordance import concordance
from helpers.views.reader import reader


class NetworkBlocked(OSError):
    """Raised by every attempt to open a connection during these tests."""


@pytest.fixture
def no_network(monkeypatch):
    """Block sockets: creating one, connecting, or looking up a name raises NetworkBlocked."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise NetworkBlocked("network access attempted while the network is blocked")

    class BlockedSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            refuse(*args)

    monkeypatch.setattr(socket, "socket", BlockedSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "socketpair"):
        monkeypatch.setattr(socket, name, refuse)
    return attempts


def test_the_block_really_blocks(no_network):
    with pytest.raises(OSError):
        urllib.request.urlopen("http://example.com", timeout=1)
    with pytest.raises(NetworkBlocked):
        socket.socket()
    assert no_network  # the attempts were seen


def test_every_tool_runs_with_the_network_blocked(no_network, capsys):
    article = load_article()
    assert len(article.paragraphs_zh) == 3
    table = segments()
    assert len(table) == 19
    assert len(kwic("互助组")) == 13
    box = reader()
    box.controls.next.click()
    assert "P1.2" in box.panes.text.value
    search = concordance("互助组")
    assert "13 hits" in search.panes.results.value and "<svg" in search.panes.picture.value
    assert "cattle" in compare().static_html()
    coder = annotator("Offline Student")
    coder.controls.tag.value = "lead"
    assert coding_path("Offline Student").exists()
    report = agreement(example_codings())
    assert len(report.coders) == 3
    result = handout(pdf=False)
    assert result.html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "Wrote the handout" in capsys.readouterr().out
    assert no_network == [], f"something tried the network: {no_network}"
