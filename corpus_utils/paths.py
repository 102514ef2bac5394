"""Where the project's folders are: seeds, figures."""

from __future__ import annotations

import os
from pathlib import Path

#: The checkout this package was installed from (editable install), if any.
_CHECKOUT = Path(__file__).resolve().parent.parent


def project_dir() -> Path:
    """The project checkout: ``CORPUS_UTILS_HOME`` if set, else the folder
    above the package when it holds ``seeds/``, else the working directory."""
    if os.environ.get("CORPUS_UTILS_HOME"):
        return Path(os.environ["CORPUS_UTILS_HOME"])
    return _CHECKOUT if (_CHECKOUT / "seeds").is_dir() else Path.cwd()


def default_corpus_dir() -> Path:
    """The project's seed corpus, ``seeds/``."""
    return project_dir() / "seeds"


def figures_dir() -> Path:
    """Where figures are saved: ``CORPUS_UTILS_FIGURES`` if set, else the
    project's ``figures/``."""
    return Path(os.environ.get("CORPUS_UTILS_FIGURES") or project_dir() / "figures")
