"""Where the project's folders are: seeds, figures."""

from __future__ import annotations

import os
from pathlib import Path

#: The variable naming the project folder (its ``seeds/`` and ``figures/``).
HOME_ENV = "CORPUS_UTILS_HOME"
#: The variable naming the folder figures are saved to.
FIGURES_ENV = "CORPUS_UTILS_FIGURES"
#: The checkout this package was installed from (editable install), if any.
_CHECKOUT = Path(__file__).resolve().parent.parent


def checkout_dir() -> Path | None:
    """This project's checkout: the folder above the package when it holds
    ``seeds/`` (an editable install from the project), else ``None``."""
    return _CHECKOUT if (_CHECKOUT / "seeds").is_dir() else None


def project_dir() -> Path:
    """The project folder: ``CORPUS_UTILS_HOME`` if set, else the checkout
    (:func:`checkout_dir`), else the working directory."""
    if os.environ.get(HOME_ENV):
        return Path(os.environ[HOME_ENV])
    return checkout_dir() or Path.cwd()


def default_corpus_dir() -> Path:
    """The project's seed corpus, ``seeds/``."""
    return project_dir() / "seeds"


def is_inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or lies below it (symbolic links resolved)."""
    return path.resolve().is_relative_to(folder.resolve())


def figures_dir() -> Path:
    """Where figures are saved when no folder is given, first rule that applies:

    1. ``$CORPUS_UTILS_FIGURES`` if set;
    2. ``$CORPUS_UTILS_HOME/figures`` if ``CORPUS_UTILS_HOME`` is set (the
       user named the project);
    3. this project's ``figures/`` when the working directory is inside the
       project checkout (the notebooks run from ``notebooks/``);
    4. ``figures/`` in the working directory: a user working in another
       folder never writes into this project's ``figures/``.
    """
    if os.environ.get(FIGURES_ENV):
        return Path(os.environ[FIGURES_ENV])
    if os.environ.get(HOME_ENV):
        return Path(os.environ[HOME_ENV]) / "figures"
    checkout = checkout_dir()
    if checkout is not None and is_inside(Path.cwd(), checkout):
        return checkout / "figures"
    return Path.cwd() / "figures"
