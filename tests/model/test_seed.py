"""The seed article is the byte-identical copy of the shared source."""

import hashlib

from helpers.model.paths import seed_path

SEED_SHA256 = "96ec4393fe68f57146a06013c55961157d79c807d944b1a9199f885b1317f166"


def test_seed_checksum_is_unchanged():
    assert hashlib.sha256(seed_path().read_bytes()).hexdigest() == SEED_SHA256


def test_seed_path_is_found_from_another_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert seed_path().is_file()
