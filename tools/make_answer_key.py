"""Regenerate ``instructor/answer_key.md`` from the question bank.

    python tools/make_answer_key.py

The key is generated, never edited by hand: change
``helpers/data/questions.json`` and run this script. A test fails when the
committed key differs from what the bank generates.
"""

from helpers.exercises.answer_key import write_answer_key

if __name__ == "__main__":
    print(f"Wrote {write_answer_key()}")
