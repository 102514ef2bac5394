"""CITATION.cff is valid citation metadata, and it is the one place that names
the repository: the lesson website's configuration takes the URL from it."""

from __future__ import annotations

import importlib.util
import tomllib

import yaml
from conftest import ROOT

REQUIRED = {"cff-version", "message", "title", "authors"}


def citation() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def site_config_module():
    """book/site_config.py (a script, not a package module)."""
    spec = importlib.util.spec_from_file_location("site_config", ROOT / "book" / "site_config.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_citation_has_the_required_keys_of_cff_1_2_0():
    cff = citation()
    assert REQUIRED <= set(cff)
    assert cff["cff-version"] == "1.2.0"
    assert cff["type"] == "software"
    assert cff["authors"] == [{"name": "corpus_utils contributors"}]
    assert "date-released" not in cff  # no date that goes stale or changes with each release


def test_citation_matches_the_package():
    cff = citation()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert cff["version"] == project["version"] == "0.1.0"
    assert cff["license"] == project["license"] == "MIT"
    assert cff["repository-code"] == "https://github.com/corpus-utils/chinese-official-discourse"
    assert "must match the published repository" in " ".join(cff["message"].split())
    assert len(cff["abstract"]) > 200 and {"Chinese", "discourse analysis"} <= set(cff["keywords"])


def test_citation_references_quanteda():
    references = {ref["title"]: ref for ref in citation()["references"]}
    quanteda = references["quanteda: An R package for the quantitative analysis of textual data"]
    assert quanteda["doi"] == "10.21105/joss.00774"
    assert quanteda["journal"] == "Journal of Open Source Software" and quanteda["year"] == 2018
    assert quanteda["authors"][0] == {"family-names": "Benoit", "given-names": "Kenneth"}
    assert all({"type", "title", "authors"} <= set(ref) for ref in references.values())


def test_the_website_takes_the_repository_from_the_citation_only():
    module = site_config_module()
    hand_written = (ROOT / "book" / "_config.yml").read_text(encoding="utf-8")
    assert "github.com" not in hand_written
    config = module.site_config()
    url = citation()["repository-code"]
    assert config["repository"]["url"] == url
    links = config["parse"]["myst_substitutions"]
    assert links["binder_link"].endswith("(https://mybinder.org/v2/gh/corpus-utils/chinese-official-discourse/main"
                                         "?urlpath=lab/tree/notebooks)")
    assert links["colab_link"].endswith("(https://colab.research.google.com/github/corpus-utils/chinese-official-discourse"
                                        "/blob/main/notebooks/00_corpus_overview.ipynb)")
    assert f"{url} project" in links["colab_setup"]


def test_a_repository_url_that_is_not_github_is_refused(tmp_path):
    module = site_config_module()
    bad = tmp_path / "CITATION.cff"
    bad.write_text("repository-code: https://example.org/x\n", encoding="utf-8")
    try:
        module.repository_url(bad)
    except ValueError as err:
        assert "https://github.com/OWNER/NAME" in str(err)
    else:
        raise AssertionError("a non-GitHub repository URL was accepted")
