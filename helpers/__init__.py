"""Helpers for the Liaoyang 1954 teaching notebooks.

Import them in a notebook with one line::

    import helpers

The article as data:
    ``load_article()``, ``segments()``, ``glossary()``, ``moves()``, ``steps()``,
    ``load_corpus(folder)`` for a folder of articles in the same format;
    ``as_table(path)`` for any article file, which every tool also accepts.
Tools for reading (each returns a widget that also shows as text on GitHub):
    ``reader()``, ``concordance()``, ``compare()``, ``argument_map_widget()``,
    ``question(id)``, ``annotator(name)``, ``agreement_widget()``.
A student's work (saved as given, in the work folder):
    ``student()`` (the name, once; ``student_name()`` reads it),
    ``note(key, prompt)`` (open text saved as typed), ``progress()`` or
    ``progress("03")`` (answered per notebook),
    ``after_answering(id, content)`` (a comparison shown once ``id`` is answered),
    ``hand_in()`` (one file of the whole work, and a readable copy, to download),
    ``restore()`` (bring a hand-in from another computer back, merged).
For the instructor:
    ``class_overview(folder, class_list=None)``: a class's hand-ins read together.
Quoting the article: ``quote("P2.1")`` (segments in both languages), ``term_card("偏向")``.
Tables and plots:
    ``kwic(query)``, ``dispersion_plot(hits)``, ``argument_map()``,
    ``timeline_plot()``, ``text_per_move_plot()``, ``actors_heatmap()`` and
    their table alternatives.
Chinese as words (jieba, the glossary as its dictionary; loaded on first use):
    ``segment(text)``, ``segmentation_of(terms)``, ``word_frequencies()``,
    ``word_frequency_plot()``, ``words_against_characters(terms)``;
    ``kwic(query, words="marked")`` marks hits inside longer words.
"""

import pandas as _pandas

from helpers.analysis.agreement import example_codings
from helpers.analysis.argument import argument_table
from helpers.analysis.compare import deviations_side_by_side, renderings, segment_comparison
from helpers.analysis.context import ladder, timeline
from helpers.analysis.corpus_search import corpus_kwic
from helpers.analysis.hits import compare_terms, hits_by_paragraph
from helpers.analysis.patterns import actors_by_move, text_per_move
from helpers.analysis.search import SearchError
from helpers.analysis.word_counts import word_frequencies, words_against_characters
from helpers.analysis.words import segment, segmentation_of
from helpers.exercises.answer_key import answer_key
from helpers.exercises.progress import progress
from helpers.exercises.questions import check, solution
from helpers.model.align import align_article
from helpers.model.article import Article, ArticleFormatError, load_article
from helpers.model.coding_apply import apply_coding
from helpers.model.coding_file import read_steps, write_coding_template
from helpers.model.coding_store import coding_path
from helpers.model.corpus import load_corpus
from helpers.model.paths import work_dir
from helpers.model.source import as_article, as_table
from helpers.model.tables import glossary, moves, segments, steps
from helpers.model.tagset import TagSet
from helpers.model.work import student_name
from helpers.render.agreement import agreement, compare_with_reference
from helpers.render.argument_map import argument_map
from helpers.render.context_plots import timeline_plot
from helpers.render.dispersion import dispersion_plot
from helpers.render.handout import handout
from helpers.render.pattern_plots import actors_heatmap, text_per_move_plot
from helpers.render.quote import quote, term_card
from helpers.render.search import kwic
from helpers.render.table import shows_tables as _shows_tables
from helpers.render.word_plots import word_frequency_plot
from helpers.views.agreement import agreement_widget
from helpers.views.annotator import annotator
from helpers.views.app import reading_app
from helpers.views.argument_map import argument_map_widget
from helpers.views.class_overview import class_overview
from helpers.views.compare import compare
from helpers.views.concordance import concordance
from helpers.views.corpus_concordance import corpus_concordance
from helpers.views.environment import check_environment
from helpers.views.handin import hand_in, restore
from helpers.views.note import note
from helpers.views.question import question
from helpers.views.reader import reader
from helpers.views.reveal import after_answering
from helpers.views.student import student

__all__ = [
    "after_answering",
    "Article",
    "ArticleFormatError",
    "SearchError",
    "TagSet",
    "actors_by_move",
    "actors_heatmap",
    "agreement",
    "answer_key",
    "check",
    "agreement_widget",
    "align_article",
    "apply_coding",
    "as_article",
    "as_table",
    "annotator",
    "argument_map",
    "argument_map_widget",
    "argument_table",
    "check_environment",
    "class_overview",
    "coding_path",
    "compare",
    "compare_terms",
    "compare_with_reference",
    "concordance",
    "corpus_concordance",
    "corpus_kwic",
    "deviations_side_by_side",
    "dispersion_plot",
    "example_codings",
    "glossary",
    "hand_in",
    "handout",
    "hits_by_paragraph",
    "kwic",
    "ladder",
    "load_article",
    "load_corpus",
    "moves",
    "note",
    "progress",
    "question",
    "quote",
    "read_steps",
    "reader",
    "reading_app",
    "renderings",
    "restore",
    "segment_comparison",
    "segments",
    "solution",
    "steps",
    "student",
    "student_name",
    "term_card",
    "text_per_move",
    "text_per_move_plot",
    "timeline",
    "timeline_plot",
    "work_dir",
    "write_coding_template",
    "segment",
    "segmentation_of",
    "word_frequencies",
    "word_frequency_plot",
    "words_against_characters",
]

# Show whole sentences in tables: the notebooks ask students to read them.
_pandas.set_option("display.max_colwidth", None)

# Every table a notebook shows, in the collection's one table style (helpers.render.table):
# no raw repr of a DataFrame, a Series, a list or a path. kwic shows itself as a concordance.
actors_by_move, apply_coding, argument_table, as_table, check_environment = map(
    _shows_tables, (actors_by_move, apply_coding, argument_table, as_table, check_environment)
)
compare_terms, corpus_kwic, deviations_side_by_side, glossary, hits_by_paragraph = map(
    _shows_tables,
    (compare_terms, corpus_kwic, deviations_side_by_side, glossary, hits_by_paragraph),
)
ladder, moves, read_steps, renderings, segments, steps, text_per_move, timeline = map(
    _shows_tables, (ladder, moves, read_steps, renderings, segments, steps, text_per_move, timeline)
)
segmentation_of, word_frequencies, words_against_characters = map(
    _shows_tables, (segmentation_of, word_frequencies, words_against_characters)
)
