"""Exercises of the lessons: self-checks and the answers they check against.

Each notebook's exercises live in ``notebook_NN.py`` (``ANSWERS``: exercise id
→ :class:`~corpus_utils.lessons.check.Answer`); :func:`check.check_answer`
finds them by the id's notebook number (``"04.2"`` → ``notebook_04``).
"""
