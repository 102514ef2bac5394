"""Write the lesson website's configuration with the repository URL filled in.

The repository URL is set in one place, ``repository-code`` in CITATION.cff.
This script reads it, copies ``book/_config.yml`` with ``repository.url`` set,
and gives the landing page its launch links as MyST substitutions
(``{{ binder_link }}``, ``{{ colab_link }}``, ``{{ repository_link }}``), built
the way the theme builds the buttons of the notebook pages::

    python book/site_config.py OUT.yml      # what `make book` runs

Run from anywhere; paths are taken relative to the project folder.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
#: The notebook the landing page's Colab link opens (Colab opens one notebook, not a folder).
FIRST_LESSON = "notebooks/00_corpus_overview.ipynb"
#: The first cell to run in Colab: the project (for its seed texts) and the package.
COLAB_SETUP = """```ipython
!git clone --quiet --depth 1 --branch {branch} {url} project
!pip install --quiet ./project
%env CORPUS_UTILS_HOME=/content/project
```"""


def repository_url(citation: Path = ROOT / "CITATION.cff") -> str:
    """The ``repository-code`` URL of CITATION.cff, without a trailing slash.

    Parameters
    ----------
    citation : Path
        The citation file.

    Returns
    -------
    str
        An ``https://github.com/OWNER/NAME`` URL.
    """
    url = str(yaml.safe_load(citation.read_text(encoding="utf-8"))["repository-code"]).rstrip("/")
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.netloc != "github.com" or len(parts.path.strip("/").split("/")) != 2:
        raise ValueError(f"{citation.name}: repository-code {url!r} is not https://github.com/OWNER/NAME")
    return url


def launch_links(config: dict, url: str) -> dict[str, str]:
    """Markdown links to the repository, Binder (JupyterLab on the notebooks
    folder) and Colab (the first lesson), for the landing page.

    Parameters
    ----------
    config : dict
        The book configuration (``launch_buttons`` and ``repository.branch``).
    url : str
        The repository URL.

    Returns
    -------
    dict[str, str]
        ``repository_url``, ``repository_link``, ``binder_link``, ``colab_link``
        and ``colab_setup`` (a code block).
    """
    owner_name = urlsplit(url).path.strip("/")
    branch = config["repository"]["branch"]
    binder = config["launch_buttons"]["binderhub_url"].rstrip("/")
    colab = config["launch_buttons"]["colab_url"].rstrip("/")
    return {
        "repository_url": url,
        "repository_link": f"[{owner_name}]({url})",
        "binder_link": f"[Launch the lessons on Binder]({binder}/v2/gh/{owner_name}/{branch}?urlpath=lab/tree/notebooks)",
        "colab_link": f"[open lesson 00 in Colab]({colab}/github/{owner_name}/blob/{branch}/{FIRST_LESSON})",
        "colab_setup": COLAB_SETUP.format(url=url, branch=branch),
    }


def site_config(source: Path = ROOT / "book" / "_config.yml") -> dict:
    """``book/_config.yml`` with the repository URL and the landing page's links set.

    Parameters
    ----------
    source : Path
        The configuration written by hand.

    Returns
    -------
    dict
        The configuration to build with.
    """
    config = yaml.safe_load(source.read_text(encoding="utf-8"))
    url = repository_url()
    config["repository"]["url"] = url
    config["parse"]["myst_substitutions"] = launch_links(config, url)
    return config


def main(argv: list[str]) -> int:
    """Write the configuration to the file named by the one argument."""
    if len(argv) != 1:
        print("usage: python book/site_config.py OUT.yml", file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(yaml.safe_dump(site_config(), allow_unicode=True, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
