"""A coding: one coder's tag (and note) for each segment of one article, and its save format.

:class:`Coding` is the one object every tool uses (the annotator, the agreement,
:func:`helpers.apply_coding`), and :func:`read_coding_data` the one reader of
every version of the save file. Saving and loading (in the student's work
file) are in :mod:`helpers.model.coding_store`.

Save-file format, version 2 (JSON, UTF-8, written with ``atomic_write_text``)::

    {
      "format": "liaoyang-coding",
      "version": 2,
      "coder": "Zhang San",                  # the display name, as typed
      "article": "000_de9b3e9f03d8f077",      # the article's source file stem
      "tagset": ["lead", ..., "my own tag"],  # the tag set's tags, then the coder's own
      "updated": "2025-03-01T10:42:07.123456+08:00",
      "codes": {
        "P2.3": {"tag": "deviation-1", "confidence": "high",
                 "note": "why", "updated": "2025-03-01T10:41:55.000001+08:00"}
      }
    }

Version 1 is ``{"coder": "...", "codes": {"P2.3": "deviation-1"}}`` (no "format", no
article, a bare tag per segment), read as version 2 (confidence "medium", no note).
In memory a coding also has ``warnings`` (unknown segments, tags and
confidences, kept) and ``messages`` (what happened: a migration, a backup).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd

from helpers.model.names import clean_name
from helpers.model.paths import SEED_NAME
from helpers.model.source import as_table
from helpers.model.storage import SaveFileError
from helpers.model.tagset import TagSet
from helpers.model.text import listed

FORMAT = "liaoyang-coding"
VERSION = 2
CONFIDENCES = ("low", "medium", "high")
#: The keys a save file holds, in their order.
FILE_KEYS = ("format", "version", "coder", "article", "tagset", "updated", "codes")
MAX_TAG_LENGTH = 80
MAX_NOTE_LENGTH = 10_000


class ForeignCodingError(SaveFileError):
    """A readable save file that must not be used here: another article, or a newer format."""


def default_article() -> str:
    """The article id of the seed article: its source file's stem.

    Example:
        >>> default_article()
        '000_de9b3e9f03d8f077'
    """
    return Path(SEED_NAME).stem


def now_iso() -> str:
    """The time now, local, with time zone and microseconds, as ISO text.

    Example:
        >>> stamp = datetime.fromisoformat(now_iso())
        >>> stamp.tzinfo is not None, stamp <= datetime.now().astimezone()
        (True, True)
    """
    return datetime.now().astimezone().isoformat(timespec="microseconds")


def clean_tag(tag) -> str:
    """A tag as stored: white space trimmed; empty or too long raises ValueError.

    Example:
        >>> clean_tag("  land reform ")
        'land reform'
    """
    text = str(tag or "").strip()
    if not text:
        raise ValueError("Choose a tag (or type one) first.")
    if len(text) > MAX_TAG_LENGTH:
        raise ValueError(f"A tag can have at most {MAX_TAG_LENGTH} characters.")
    return text


@dataclass(frozen=True)
class Code:
    """One segment's code: the tag, how sure the coder is, a note, when it was given.

    Example:
        >>> Code("lead", "high", "the dateline").as_dict()["confidence"]
        'high'
    """

    tag: str
    confidence: str = "medium"
    note: str = ""
    updated: str = ""

    def as_dict(self) -> dict:
        """The code as the save file holds it."""
        return asdict(self)


@dataclass
class Coding:
    """One coder's coding of one article: the tag set and a :class:`Code` per segment.

    Example:
        >>> coding = Coding.new("Zhang San").set_code("P2.3", "rumour", note="why")
        >>> coding.codes["P2.3"].tag, coding.tagset.own, coding.progress()
        ('rumour', ('rumour',), (1, 19))
    """

    coder: str
    article: str
    tagset: TagSet
    updated: str
    codes: dict[str, Code] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    #: The copy kept of a damaged file this coding replaces (not saved).
    broken_backup: str | None = None
    #: Where the coding was read from, for messages (not saved).
    source: str = ""
    #: How many saves the hand-in it came in had seen, to tell two copies apart (not saved).
    revision: int = 0
    #: The codes as the work file held them when last read or saved (not saved); a code
    #: that differs from its entry here is a change made here, saved as the newest.
    base: dict | None = None

    format = FORMAT
    version = VERSION

    @classmethod
    def new(cls, coder: str, article: str | None = None, tagset: TagSet | None = None) -> Coding:
        """An empty coding for a coder (the name is needed): no codes, the tag set given.

        Example:
            >>> Coding.new(" Zhang  San ").coder
            'Zhang San'
        """
        name = clean_name(coder)
        if not name:
            raise ValueError("A coder name is needed: type your name, e.g. annotator('Zhang San').")
        tags = tagset if tagset is not None else TagSet.moves()
        return cls(name, article or default_article(), tags, now_iso())

    def add_tag(self, tag: str) -> str:
        """Add a tag of the coder's own to the tag set; return the tag as stored.

        A tag that is one of the set's tags or labels (in any case) is that tag.

        Example:
            >>> coding = Coding.new("A")
            >>> coding.add_tag("Land"), coding.add_tag("LEAD"), coding.tagset.own
            ('Land', 'lead', ('Land',))
        """
        text = self.tagset.canonical(clean_tag(tag))
        if text not in self.tagset:
            self.tagset = self.tagset.with_own([text])
        return text

    def set_code(self, seg_id: str, tag: str, confidence: str = "medium", note: str = "") -> Coding:
        """Code one segment (in memory; see :func:`helpers.model.coding_store.save_coding`).

        A new tag joins the coder's tag set. Returns the coding.

        Example:
            >>> Coding.new("A").set_code("P2.3", "deviation-1", "high").codes["P2.3"].confidence
            'high'
        """
        confidence = read_confidence(confidence)
        if confidence is None:
            raise ValueError(f"Confidence must be one of {', '.join(CONFIDENCES)}.")
        note = str(note or "")
        if len(note) > MAX_NOTE_LENGTH:
            raise ValueError(
                f"A note can have at most {MAX_NOTE_LENGTH:,} characters; yours has "
                f"{len(note):,}. Shorten it (your text is still in the box) and the segment "
                "is saved."
            )
        tag = self.add_tag(tag)
        self.codes[str(seg_id)] = Code(tag, confidence, note, now_iso())
        return self

    def file_content(self) -> dict:
        """What the save file holds (no warnings, no messages), keys in :data:`FILE_KEYS` order.

        Example:
            >>> list(Coding.new("A").file_content()) == list(FILE_KEYS)
            True
        """
        return {
            "format": self.format,
            "version": self.version,
            "coder": self.coder,
            "article": self.article,
            "tagset": list(self.tagset),
            "updated": self.updated,
            "codes": {seg_id: code.as_dict() for seg_id, code in self.codes.items()},
        }

    def text(self) -> str:
        """The save file's text: indented JSON, non-ASCII as it is, a newline at the end.

        Example:
            >>> Coding.new("张三").text().splitlines()[3]
            ' "coder": "张三",'
        """
        return json.dumps(self.file_content(), ensure_ascii=False, indent=1) + "\n"

    def progress(self, table=None) -> tuple[int, int]:
        """How many of the article's segments are coded: (done, total); any source.

        Example:
            >>> Coding.new("A").set_code("P1.1", "lead").progress()
            (1, 19)
        """
        seg_ids = list(as_table(table)["seg_id"])
        return sum(seg in self.codes for seg in seg_ids), len(seg_ids)

    def first_uncoded(self, seg_ids) -> int:
        """The position of the first segment not coded yet (0 when all are).

        Example:
            >>> Coding.new("A").set_code("P1.1", "lead").first_uncoded(["P1.1", "P1.2"])
            1
        """
        for position, seg_id in enumerate(seg_ids):
            if seg_id not in self.codes:
                return position
        return 0

    def tag_choices(self) -> list[tuple[str, str]]:
        """(label, tag) pairs to choose from: the tag set, own tags and every tag used.

        Example:
            >>> Coding.new("A").set_code("P1.1", "rumour").tag_choices()[-1]
            ('rumour (own tag)', 'rumour')
        """
        return self.tagset.choices(code.tag for code in self.codes.values())

    def problems(self, table: pd.DataFrame) -> list[str]:
        """What is odd, though kept: codes of segments the table lacks, tags outside the set.

        Example:
            >>> Coding.new("A").set_code("P9.9", "lead").problems(as_table())
            ['Codes for segments this article does not have were kept: P9.9']
        """
        known = set(table["seg_id"])
        unknown_segments = [seg for seg in self.codes if seg not in known]
        unknown_tags = self.tagset.outside(code.tag for code in self.codes.values())
        warnings = []
        if unknown_segments:
            warnings.append(
                "Codes for segments this article does not have were kept: "
                + listed(unknown_segments)
            )
        if unknown_tags:
            warnings.append("Tags outside the tag set were kept: " + listed(unknown_tags))
        return warnings


#: The same calls as functions: ``set_code(new_coding("Zhang San"), "P1.1", "lead")``.
new_coding = Coding.new
set_code = Coding.set_code
file_content = Coding.file_content
progress = Coding.progress


# ---------------------------------------------------------------- the one reader


def read_coding_data(
    data, source: str = "the file", article: str | None = None, tagset: TagSet | None = None
) -> Coding:
    """Read a save file's content, any version, as a :class:`Coding` (version 2).

    ``article`` is the article a version-1 file is taken to be of (it does not
    say): the seed by default, "" for unknown; ``tagset`` the tag set (the moves by default),
    to which the file's own tags are added. Raises :class:`SaveFileError` for
    a wrong shape and :class:`ForeignCodingError` for a newer format. The
    article is not checked here (see :func:`parse_coding`).

    Example:
        >>> coding = read_coding_data({"coder": "A", "codes": {"P1.1": "lead"}})
        >>> coding.version, coding.codes["P1.1"].tag, coding.messages[0][:8]
        (2, 'lead', 'Migrated')
    """
    tagset = tagset if tagset is not None else TagSet.moves()
    if not isinstance(data, dict):
        raise SaveFileError(f"{source} is not a coding save file (no JSON object in it).")
    if data.get("format", FORMAT) != FORMAT:
        raise SaveFileError(f"{source} is not a coding save file (format {data['format']!r}).")
    version = data.get("version", 1 if "format" not in data else None)
    if version == 1 or (version is None and "format" not in data):
        article = article if article is not None else default_article()
        coding = _from_version_1(data, source, article, tagset)
        coding.messages = [f"Migrated {source} from the old format (version 1) to version 2."]
        return coding
    if version == VERSION:
        return _from_version_2(data, source, tagset)
    if isinstance(version, int) and version > VERSION:
        raise ForeignCodingError(
            f"{source} was saved by a newer version of the collection (format version "
            f"{version}). Update the notebooks to open it; nothing was changed."
        )
    raise SaveFileError(f"{source} has an unknown format version {version!r}.")


def _from_version_1(data: dict, source: str, article: str, tagset: TagSet) -> Coding:
    codes = data.get("codes", {})
    if not isinstance(codes, dict) or not all(
        isinstance(tag, str) and tag.strip() for tag in codes.values()
    ):
        raise SaveFileError(f"{source}: its codes are not a list of segment ids and tags.")
    coding = Coding(_coder_of(data, source), article, tagset, now_iso())
    for seg_id, tag in codes.items():
        coding.codes[str(seg_id)] = Code(tag.strip(), "medium", "", coding.updated)
    return coding


def _from_version_2(data: dict, source: str, tagset: TagSet) -> Coding:
    codes, tags = data.get("codes"), data.get("tagset", [])
    if not isinstance(codes, dict) or not isinstance(tags, list):
        raise SaveFileError(f"{source}: 'codes' must be an object and 'tagset' a list.")
    if not isinstance(data.get("article"), str) or not data["article"]:
        raise SaveFileError(f"{source}: the article id is missing.")
    coding = Coding.new(_coder_of(data, source), data["article"], tagset.with_own(tags))
    coding.updated = str(data.get("updated") or coding.updated)
    for seg_id, code in codes.items():
        if not (isinstance(code, dict) and isinstance(code.get("tag"), str) and code["tag"]):
            raise SaveFileError(f"{source}: the code of {seg_id!r} has no tag.")
        confidence = read_confidence(code.get("confidence", "medium"))
        if confidence is None:
            coding.warnings.append(
                f"{source}: the confidence {code.get('confidence')!r} of {seg_id} is not one "
                f'of {", ".join(CONFIDENCES)}; it is read as "medium" (choose it again).'
            )
        coding.codes[str(seg_id)] = Code(
            code["tag"], confidence or "medium", str(code.get("note") or ""),
            str(code.get("updated") or ""),
        )  # fmt: skip
    return coding


def read_confidence(value) -> str | None:
    """A confidence as saved or typed ("HIGH", "High "): one of CONFIDENCES, or None if unknown.

    Example:
        >>> read_confidence(" High "), read_confidence("sure")
        ('high', None)
    """
    text = " ".join(str(value if value is not None else "").split()).casefold()
    return text if text in CONFIDENCES else None


def _coder_of(data: dict, source: str) -> str:
    name = clean_name(data.get("coder"))
    if not name:
        raise SaveFileError(f"{source}: the coder's name is missing.")
    return name


def parse_coding(
    data,
    source: str = "the file",
    table=None,
    article: str | None = None,
    tagset: TagSet | None = None,
) -> Coding:
    """Read a save file's content for one article: :func:`read_coding_data`, then checks.

    A coding of another article than ``article`` (the seed by default) raises
    :class:`ForeignCodingError`; unknown segments of ``table`` (any source)
    and tags are kept and listed in ``warnings``.

    Example:
        >>> coding = parse_coding({"coder": "A", "codes": {"P9.9": "lead"}})
        >>> coding.warnings
        ['Codes for segments this article does not have were kept: P9.9']
    """
    article = article or default_article()
    coding = read_coding_data(data, source, article, tagset)
    if coding.article != article:
        raise ForeignCodingError(
            f"{source} is a coding of the article {coding.article!r}, not of {article!r}. "
            "Open it with that article, or use another coder name; nothing was changed."
        )
    coding.warnings += coding.problems(as_table(table))
    return coding
