"""The self-check questions: the bank, one class per kind of question, feedback, attempts, the key.

``bank`` reads and validates ``helpers/data/questions.json``; ``kind`` is
what every kind shares (the ``Question`` base, the ``Control`` spec of its
input, the registry) and ``kinds_choice``, ``kinds_order``, ``kinds_typed``
hold one class per kind (``kinds`` lists them); ``answers`` reads what a
student typed and quotes it back; ``negation`` finds keywords and the
negations that cancel them; ``readings`` holds the defensible readings a
match question accepts, each with its evidence; ``feedback``, ``attempts``,
``questions`` (check and solution by id) and ``answer_key``. The widget is
``helpers.views.question``; the HTML is ``helpers.render.question_html``.
No module here imports ipywidgets.
"""
