"""Load a folder of texts into a DataFrame, one row a document.

Every file below the folder with a ``.txt`` or ``.md`` name (any case) is
either loaded or named in a :class:`~corpus_utils.errors.CorpusWarning` or
:class:`~corpus_utils.errors.CorpusError`; see :func:`list_corpus_files`.
"""

from __future__ import annotations

import errno
import os
import stat
import time
import unicodedata
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from corpus_utils import constants as P
from corpus_utils.corpus.boilerplate import find_repeated_blocks
from corpus_utils.corpus.cleaning import RuleLike, as_cleaning_rules, detect_script, han_count
from corpus_utils.corpus.metadata import (
    MANIFEST_NAME,
    METADATA_COLUMNS,
    date_from_name,
    date_parts,
    first_date,
    first_line_title,
    front_matter_end,
    read_front_matter,
    read_manifest,
)
from corpus_utils.corpus.reader import read_file
from corpus_utils.errors import CorpusError, CorpusWarning, display_path
from corpus_utils.paths import default_corpus_dir

if TYPE_CHECKING:
    import pandas as pd

#: How many names a warning about many files shows.
_SHOW = 5


# --- listing ------------------------------------------------------------------------
@dataclass
class _Listing:
    """What walking a corpus folder found."""

    files: list[Path] = field(default_factory=list)
    #: Corpus file names per folder (relative posix path, "" for the top), for doc_ids.
    names: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Corpus files seen but not loaded: relative path -> why.
    skipped: dict[str, str] = field(default_factory=dict)


def is_corpus_name(name: str) -> bool:
    """True for a ``.txt``/``.md`` name (any case, trailing white space allowed)."""
    return bool(P.CORPUS_SUFFIX.search(name))


def list_corpus_files(folder: str | Path) -> list[Path]:
    """All ``.txt``/``.md`` files below ``folder``, sorted by relative path.

    Symbolic links to folders are followed once: a link back into a folder
    already walked (a loop, or a second path to the same folder) is skipped
    with a warning. Two paths to the same file (symbolic or hard links) load
    it once, under the path that is not a link (else the first in sort
    order). Hidden files and folders (starting with ``.``) are skipped.

    Raises
    ------
    CorpusError
        ``folder`` does not exist, is not a folder or cannot be read.

    Warns
    -----
    CorpusWarning
        One line per file or folder that is not loaded and why: a broken
        symbolic link or a link loop, a folder that cannot be read, a second
        path to a file, something that is not a regular file (a named pipe);
        a name that ends in white space (it loads); and one line counting the
        hidden ``.txt``/``.md`` files skipped.
    """
    return _walk(Path(folder)).files


def _walk(folder: Path) -> _Listing:
    """What :func:`list_corpus_files` finds below ``folder``, with the corpus
    names of each folder and the corpus files skipped (each with a warning)."""
    _check_folder(folder)
    top = _key(os.stat(folder))
    # Real folders first (depth first, in name order); folders reached through a
    # symbolic link afterwards, so that a file is known by its real path if it has one.
    walk = _Walk(folder, seen={top: "."}, stack=[(folder, "", (top,))])
    while walk.stack or walk.linked:
        place = walk.stack.pop() if walk.stack else _follow_link(walk, *walk.linked.pop(0))
        if place is not None:
            _list_folder(walk, *place)
    listing = walk.listing
    listing.files = _one_path_per_file(walk.candidates, listing.skipped)
    listing.skipped.update(dict.fromkeys(walk.hidden, "hidden"))
    if walk.hidden:
        _warn(f"{display_path(folder)}: skipped {len(walk.hidden)} hidden .txt/.md file(s) (a name starting with '.'): "
              f"{_some_shown(walk.hidden)}")
    return listing


@dataclass
class _Walk:
    """The state of one :func:`_walk` over a corpus folder."""

    folder: Path
    listing: _Listing = field(default_factory=_Listing)
    #: (device, inode) of each folder walked -> its relative path ("." for the top).
    seen: dict[tuple[int, int], str] = field(default_factory=dict)
    #: Real folders still to list: (path, relative path, keys of the folders down to it).
    stack: list[tuple[Path, str, tuple]] = field(default_factory=list)
    #: Symbolic links to folders, listed when no real folder is left: as above, and the key of the target.
    linked: list[tuple[Path, str, tuple, tuple[int, int]]] = field(default_factory=list)
    #: Corpus files found: (relative path, path, key, reached through a symbolic link).
    candidates: list[tuple[str, Path, tuple[int, int], bool]] = field(default_factory=list)
    #: Hidden corpus files, by relative path.
    hidden: list[str] = field(default_factory=list)


def _check_folder(folder: Path) -> None:
    """Raise :class:`CorpusError` unless ``folder`` is a folder."""
    if not folder.exists():
        if os.path.lexists(folder):
            raise CorpusError(folder, "is a broken symbolic link; pass the folder that holds your .txt files")
        raise CorpusError(folder, "does not exist; pass the folder that holds your .txt files")
    if not folder.is_dir():
        raise CorpusError(folder, "is not a folder")


def _follow_link(walk: _Walk, link: Path, rel: str, parent_chain: tuple, key: tuple[int, int]) -> tuple[Path, str, tuple] | None:
    """The folder a symbolic link leads to, as ``(path, relative path, chain)``
    to list; ``None`` (with a warning) for a link back into a folder that
    contains it, or to a folder already walked."""
    if key in parent_chain:
        _warn(f"{_shown(rel)}: symbolic link to a folder that contains it (a loop); skipped", stacklevel=5)
        walk.listing.skipped[rel] = "link loop"
        return None
    if key in walk.seen:
        _warn(f"{_shown(rel)}: symbolic link to the folder '{_shown(walk.seen[key])}', which is already loaded; "
              "skipped so that its files are not counted twice", stacklevel=5)
        walk.listing.skipped[rel] = "second path to a folder"
        return None
    walk.seen[key] = rel
    return link, rel, (*parent_chain, key)


def _list_folder(walk: _Walk, directory: Path, rel: str, chain: tuple) -> None:
    """List one folder: note its corpus names and sort out each entry; its
    real subfolders are listed next, in name order."""
    entries = _scan(directory, rel, walk.folder, stacklevel=5)
    if entries is None:
        walk.listing.skipped[rel] = "unreadable folder"
        return
    walk.listing.names[rel] = frozenset(e.name for e in entries if not e.name.startswith(".") and is_corpus_name(e.name))
    subfolders: list[tuple[Path, str, tuple]] = []
    for entry in entries:
        entry_rel = f"{rel}/{entry.name}" if rel else entry.name
        if entry.name.startswith("."):
            walk.hidden.extend(_hidden_corpus_files(entry, entry_rel))
            continue
        kind = _classify(entry, entry_rel, stacklevel=5)
        if kind is not None:
            _add_entry(walk, entry, entry_rel, kind, chain, subfolders)
        elif is_corpus_name(entry.name):
            walk.listing.skipped[entry_rel] = "cannot be used"
    walk.stack.extend(reversed(subfolders))


def _add_entry(walk: _Walk, entry: os.DirEntry, rel: str, kind: tuple[int, tuple[int, int], bool], chain: tuple,
               subfolders: list[tuple[Path, str, tuple]]) -> None:
    """Sort out one entry (``kind`` from :func:`_classify`): a real folder
    joins ``subfolders``, a link to a folder waits in ``walk.linked``, a
    regular corpus file is a candidate; a second path to a folder and a
    corpus name that is not a regular file are skipped with a warning."""
    mode, key, is_link = kind
    if stat.S_ISDIR(mode):
        if is_link:
            walk.linked.append((Path(entry.path), rel, chain, key))
        elif key in walk.seen:
            _warn(f"{_shown(rel)}: the same folder as '{_shown(walk.seen[key])}', which is already loaded; "
                  "skipped so that its files are not counted twice", stacklevel=6)
            walk.listing.skipped[rel] = "second path to a folder"
        else:
            walk.seen[key] = rel
            subfolders.append((Path(entry.path), rel, (*chain, key)))
    elif not is_corpus_name(entry.name):
        return
    elif stat.S_ISREG(mode):
        if entry.name != entry.name.rstrip():
            _warn(f"{_shown(rel)}: file name ends with white space; loaded under that name", stacklevel=6)
        walk.candidates.append((rel, Path(entry.path), key, is_link))
    else:
        _warn(f"{_shown(rel)}: is {_file_kind(mode)}, not a regular file; skipped", stacklevel=6)
        walk.listing.skipped[rel] = "not a regular file"


def _some_shown(names: list[str]) -> str:
    """The first :data:`_SHOW` names in sort order, shown (:func:`_shown`), with ``…`` for more."""
    return ", ".join(_shown(name) for name in sorted(names)[:_SHOW]) + (", …" if len(names) > _SHOW else "")


def _scan(directory: Path, rel: str, folder: Path, *, stacklevel: int = 4) -> list[os.DirEntry] | None:
    """The entries of one folder in name order; ``None`` (and a warning, see
    :func:`_warn` for ``stacklevel``) if it cannot be read."""
    try:
        with os.scandir(directory) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError as err:
        cause = err.strerror or type(err).__name__
        if not rel:
            raise CorpusError(folder, f"cannot be read ({cause})") from None
        _warn(f"{_shown(rel)}: folder cannot be read ({cause}); the files in it are skipped", stacklevel=stacklevel)
        return None


def _classify(entry: os.DirEntry, rel: str, *, stacklevel: int = 4) -> tuple[int, tuple[int, int], bool] | None:
    """``(mode, (device, inode), is_link)`` of what an entry points to, or
    ``None`` (with a warning when it has a corpus name or may be a folder;
    see :func:`_warn` for ``stacklevel``)."""
    try:
        is_link = entry.is_symlink()
        info = os.stat(entry.path)
    except OSError as err:
        is_link = os.path.islink(entry.path)
        if is_link and err.errno == errno.ELOOP:
            _warn(f"{_shown(rel)}: symbolic link that points to itself (a loop); skipped", stacklevel=stacklevel)
        elif is_link and err.errno in (errno.ENOENT, errno.ENOTDIR):
            _warn(f"{_shown(rel)}: broken symbolic link to {_link_target(entry.path)}; skipped", stacklevel=stacklevel)
        elif err.errno == errno.ENOENT:
            _warn(f"{_shown(rel)}: disappeared while the folder was being listed; skipped", stacklevel=stacklevel)
        else:
            _warn(f"{_shown(rel)}: cannot be read ({err.strerror or type(err).__name__}); skipped", stacklevel=stacklevel)
        return None
    return info.st_mode, _key(info), is_link


def _hidden_corpus_files(entry: os.DirEntry, rel: str) -> list[str]:
    """The corpus files a hidden entry holds (itself, or what a hidden real folder holds)."""
    try:
        if entry.is_dir(follow_symlinks=False):
            found = []
            for root, dirs, files in os.walk(entry.path):
                dirs.sort()
                below = os.path.relpath(root, entry.path).replace(os.sep, "/")
                base = rel if below == "." else f"{rel}/{below}"
                found.extend(f"{base}/{name}" for name in sorted(files) if is_corpus_name(name))
            return found
    except OSError:
        return []
    return [rel] if is_corpus_name(entry.name) else []


def _one_path_per_file(candidates: list[tuple[str, Path, tuple[int, int], bool]], skipped: dict[str, str]) -> list[Path]:
    """Keep one path for each file reached by several (links): the real path if any, else the first."""
    by_key: dict[tuple[int, int], list[tuple[bool, str, Path]]] = {}
    kept = []
    for rel, path, key, is_link in candidates:
        if key[1] == 0:  # a file system without inode numbers: no way to tell
            kept.append((rel, path))
        else:
            by_key.setdefault(key, []).append((is_link, rel, path))
    for paths in by_key.values():
        paths.sort(key=lambda p: (p[0], p[1]))
        _, first, path = paths[0]
        kept.append((first, path))
        for _, rel, _ in paths[1:]:
            _warn(f"{_shown(rel)}: the same file as '{_shown(first)}' (a symbolic or hard link); "
                  "skipped so that it is not counted twice")
            skipped[rel] = f"same file as {first}"
    return [path for _, path in sorted(kept, key=lambda k: k[0])]


def _key(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _link_target(path: str) -> str:
    """Where a link points, without machine-specific prefixes."""
    try:
        target = os.readlink(path)
    except OSError:
        return "a missing target"
    if not os.path.isabs(target):
        return f"'{_shown(target)}'"
    return f"'{display_path(Path(target))}'"


def _shown(rel: str) -> str:
    """A path or name fit for a one-line message: undecodable bytes and
    control or invisible characters escaped (``\\n``, ``\\u200b``, ``\\xff``)."""
    if rel.isprintable():
        return rel
    rel = _utf8_safe(rel)
    return "".join(c.encode("unicode_escape").decode("ascii") if unicodedata.category(c) in _UNSHOWN else c for c in rel)


#: Character categories escaped in messages: control, format, line and paragraph separators.
_UNSHOWN = frozenset({"Cc", "Cf", "Zl", "Zp"})


def _utf8_safe(text: str) -> str:
    """``text`` with the undecodable bytes of a file name (lone surrogates) written as ``\\xff``."""
    if not any("\ud800" <= c <= "\udfff" for c in text):
        return text
    try:
        data = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        data = text.encode("utf-8", "backslashreplace")
    return data.decode("utf-8", "backslashreplace")


def _warn(message: str, *, stacklevel: int = 4) -> None:
    """Emit a :class:`CorpusWarning`; ``stacklevel`` as for :func:`warnings.warn`,
    counted from here. Helpers of :func:`_walk` pass one more per call they are
    below it, so that a warning names the same caller wherever it is raised."""
    warnings.warn(message, CorpusWarning, stacklevel=stacklevel)


# --- manifest -----------------------------------------------------------------------
def corpus_files_and_manifest(folder: Path) -> tuple[list[Path], dict[str, dict[str, str]]]:
    """The corpus files of ``folder`` and its checked manifest (``{}`` without one).

    The manifest is keyed by each file's path below ``folder`` (a manifest
    name that differs only in Unicode normalisation, a ``./`` prefix or
    ``\\`` separators is matched to its file).

    Raises
    ------
    CorpusError
        No text files, a malformed manifest, or a manifest row naming a
        file that is not in the folder or was skipped.
    """
    listing, manifest = _files_and_manifest(Path(folder))
    return listing.files, manifest


def _files_and_manifest(folder: Path) -> tuple[_Listing, dict[str, dict[str, str]]]:
    listing = _walk(folder)
    manifest_path = folder / MANIFEST_NAME
    manifest = read_manifest(manifest_path) if manifest_path.exists() else {}
    if not listing.files:
        if listing.skipped:
            raise CorpusError(folder, f"holds no .txt or .md file that can be loaded ({len(listing.skipped)} skipped, "
                                      "see the warnings)")
        raise CorpusError(folder, "holds no .txt or .md files; put your texts there as UTF-8 .txt or .md files")
    known = {f.relative_to(folder).as_posix() for f in listing.files}
    return listing, _match_manifest(manifest, known, listing.skipped, manifest_path)


def _match_manifest(manifest: dict[str, dict[str, str]], known: set[str], skipped: dict[str, str],
                    manifest_path: Path) -> dict[str, dict[str, str]]:
    by_normal_form: dict[str, list[str]] = {}
    for rel in known:
        by_normal_form.setdefault(unicodedata.normalize("NFC", rel), []).append(rel)
    matched: dict[str, dict[str, str]] = {}
    missing, not_loaded = [], []
    for name, row in manifest.items():
        if name in known:
            matched[name] = row
            continue
        options = by_normal_form.get(unicodedata.normalize("NFC", name.replace("\\", "/").removeprefix("./")), [])
        if len(options) == 1 and options[0] not in manifest and options[0] not in matched:
            matched[options[0]] = row
        elif name in skipped:
            not_loaded.append(name)
        else:
            missing.append(name)
    if missing:
        raise CorpusError(manifest_path, f"lists {len(missing)} file(s) not in the folder: "
                                         f"{', '.join(_shown(m) for m in sorted(missing)[:_SHOW])}")
    if not_loaded:
        raise CorpusError(manifest_path, f"lists {len(not_loaded)} file(s) that were skipped (see the warnings): "
                                         f"{', '.join(_shown(m) for m in sorted(not_loaded)[:_SHOW])}")
    return matched


# --- document ids -------------------------------------------------------------------
def doc_id_for(path: str | Path, folder: str | Path) -> str:
    """The ``doc_id`` of a corpus file: its path below ``folder`` without the
    ``.txt``/``.md`` ending, unless another ``.txt``/``.md`` name in the same
    folder would give the same id (``x.txt`` and ``x.md``); then the ending
    stays (``x.txt``, ``x.md``). Ids are unique within a corpus and the same
    on every run over the same files. Undecodable bytes in a name are
    written as ``\\xff``.

    Parameters
    ----------
    path
        A file below ``folder``.
    folder
        The corpus folder.
    """
    path, folder = Path(path), Path(folder)
    rel = path.relative_to(folder)
    local = _local_ids_in(path.parent).get(path.name)
    if local is None:  # added after the cached listing was made, or a hidden name
        local = _local_ids(_corpus_names(path.parent) | {path.name})[path.name]
    parent = rel.parent.as_posix()
    return _utf8_safe(local if parent == "." else f"{parent}/{local}")


#: Old name of :func:`doc_id_for`, kept while callers switch.
_doc_id = doc_id_for


def _local_ids(names: frozenset[str]) -> dict[str, str]:
    """Each corpus name of one folder -> its id there: the stem, or the whole
    name when the stem is another name's stem or another name."""
    stems = {name: _stem(name) for name in names}
    count = Counter(stems.values())
    return {name: name if count[stem] > 1 or stem in names else stem for name, stem in stems.items()}


def _doc_ids(files: list[Path], folder: Path, names: dict[str, frozenset[str]]) -> list[str]:
    local: dict[str, dict[str, str]] = {}
    ids = []
    for file in files:
        parent = file.relative_to(folder).parent.as_posix()
        rel_dir = "" if parent == "." else parent
        if rel_dir not in local:
            local[rel_dir] = _local_ids(names.get(rel_dir, frozenset()))
        name_id = local[rel_dir].get(file.name) or _local_ids(names.get(rel_dir, frozenset()) | {file.name})[file.name]
        ids.append(_utf8_safe(f"{rel_dir}/{name_id}" if rel_dir else name_id))
    return ids


def _stem(name: str) -> str:
    match = P.CORPUS_SUFFIX.search(name)
    return name[: match.start()] if match else Path(name).stem


def _corpus_names(directory: Path) -> frozenset[str]:
    """The non-hidden ``.txt``/``.md`` names in a folder."""
    try:
        return frozenset(n for n in os.listdir(directory) if not n.startswith(".") and is_corpus_name(n))
    except OSError:
        return frozenset()


#: A folder changed this recently is listed afresh: a change within the file
#: system's clock tick could leave its modification time as it was.
_SETTLED_NS = 100_000_000


def _local_ids_in(directory: Path) -> dict[str, str]:
    """:func:`_local_ids` of a folder; cached while the folder is unchanged,
    so that naming every file of a large folder stays linear."""
    try:
        info = os.stat(directory)
    except OSError:
        return {}
    if time.time_ns() - info.st_mtime_ns < _SETTLED_NS:
        return _local_ids(_corpus_names(directory))
    return _local_ids_at(str(directory), (info.st_dev, info.st_ino, info.st_mtime_ns, info.st_size))


@lru_cache(maxsize=64)
def _local_ids_at(directory: str, stamp: tuple[int, int, int, int]) -> dict[str, str]:
    return _local_ids(_corpus_names(Path(directory)))


# --- loading ------------------------------------------------------------------------
def load_corpus(path: str | Path | None = None, *, clean: bool = True, repeated_blocks: bool = True,
                rules: Sequence[RuleLike] | None = None) -> pd.DataFrame:
    """Load every text of a corpus folder.

    Parameters
    ----------
    path
        A folder of ``.txt``/``.md`` files, optionally with a ``metadata.csv``
        manifest (see :func:`~corpus_utils.corpus.metadata.read_manifest`). Default:
        the project's ``seeds/``. Which files are read, and what is said about
        the others, is described in :func:`list_corpus_files`.
    clean
        Run the cleaning pipeline (:data:`~corpus_utils.corpus.cleaning.DEFAULT_RULES`).
        With ``False`` the ``text`` column is the decoded raw text.
    repeated_blocks
        With ``clean``, also remove the licence and footer blocks that most
        documents of the corpus share at their start or end
        (:mod:`corpus_utils.corpus.boilerplate`); :func:`corpus_utils.cleaning_report`
        lists them as ``remove_repeated_blocks``.
    rules
        The cleaning rules, in order, for every document: a list of
        :class:`~corpus_utils.corpus.cleaning.CleaningRule` or plain
        ``str -> str`` functions, e.g. ``[*cu.DEFAULT_RULES, my_rule]``;
        ``None`` (default): :data:`~corpus_utils.corpus.cleaning.DEFAULT_RULES`.
        Rules given are kept in ``corpus.attrs["rules"]`` (as
        :class:`~corpus_utils.corpus.cleaning.CleaningRule`, a function
        under its ``__name__``), so that :func:`corpus_utils.cleaning_report`
        and :func:`corpus_utils.cleaning_changes` re-run the same rules (a
        corpus without them is audited with the default rules). A corpus
        whose rules are lambdas or local functions cannot be pickled.

    Returns
    -------
    pandas.DataFrame
        One row a document, sorted by ``doc_id`` (see :func:`doc_id_for`):
        ``doc_id``, ``file`` (the path below the folder), the manifest
        columns (``title``, ``date``, ``organization``, ``level``, ``genre``,
        ``speakers``, ``source``, ``script``, and any extra ones), ``year``
        and ``month`` (nullable ``Int64``) and ``date_precision``
        (``"year"``, ``"month"``, ``"day"`` or ``""``) from the date,
        ``encoding``, ``raw_text``, cleaned ``text`` and the counts
        ``n_chars_raw``, ``n_chars``, ``n_han``.

        Each metadata value comes from the manifest; else from the file's
        YAML front matter (:func:`~corpus_utils.corpus.metadata.read_front_matter`);
        else it is inferred: the title is the first line of the text, the
        date the first plausible date in the file name
        (:func:`~corpus_utils.corpus.metadata.date_from_name`), else the first full
        date in the text; the script is detected.

    Raises
    ------
    CorpusError
        A folder that does not exist or holds no text files, an undecodable
        or binary file, a file that disappeared after listing, a malformed
        manifest, or a manifest row naming a file that is not in the folder;
        a cleaning rule that raises on a document or does not return a
        string (naming the file and the rule).
    ValueError
        ``rules`` holds something that is not callable (naming it).

    Warns
    -----
    CorpusWarning
        For an empty (or whitespace-only) file: it is kept, with empty text;
        for front matter that cannot be read; and for every file or folder
        not loaded (see :func:`list_corpus_files`).
    """
    given, rules = rules is not None, as_cleaning_rules(rules)
    folder = Path(path) if path is not None else default_corpus_dir()
    listing, manifest = _files_and_manifest(folder)
    ids = _doc_ids(listing.files, folder, listing.names)
    _check_unique(ids, listing.files, folder)
    extra_columns = [c for row in manifest.values() for c in row if c not in METADATA_COLUMNS]
    extra_columns = sorted(set(extra_columns), key=extra_columns.index)
    rows = []
    for file, doc_id in zip(listing.files, ids, strict=True):
        rel = file.relative_to(folder).as_posix()
        rows.append(_load_document(file, rel, doc_id, manifest.get(rel, {}), extra_columns, clean=clean, rules=rules))
    if clean and repeated_blocks:
        _remove_repeated_blocks(rows)
    return _frame(rows, extra_columns, rules if given else None).sort_values("doc_id", kind="stable").reset_index(drop=True)


def _remove_repeated_blocks(rows: list[dict]) -> None:
    """The corpus-level cleaning rule: blocks most documents share at an edge."""
    blocks = find_repeated_blocks(row["text"] for row in rows)
    if not blocks:
        return
    for row in rows:
        text = blocks.remove(row["text"])
        if text != row["text"]:
            row.update(text=text, n_chars=len(text), n_han=han_count(text))


def _check_unique(ids: list[str], files: list[Path], folder: Path) -> None:
    first: dict[str, Path] = {}
    for doc_id, file in zip(ids, files, strict=True):
        if doc_id in first:
            raise CorpusError(file, f"gets the same doc_id '{_shown(doc_id)}' as "
                                    f"{_shown(first[doc_id].relative_to(folder).as_posix())}; rename one of them")
        first[doc_id] = file


#: Columns of a loaded corpus, in order; the manifest's extra columns go after ``script``.
_LEADING = ("doc_id", "file", "title", "date", "year", "month", "date_precision",
            "organization", "level", "genre", "speakers", "source", "script")
_TRAILING = ("encoding", "raw_text", "text", "n_chars_raw", "n_chars", "n_han")


def _frame(rows: list[dict], extra_columns: list[str], rules: tuple | None) -> pd.DataFrame:
    import pandas as pd  # here, not at import: the streaming engine lists files without pandas

    frame = pd.DataFrame(rows, columns=[*_LEADING, *extra_columns, *_TRAILING])
    for column in ("year", "month"):
        frame[column] = pd.array([pd.NA if v is None else v for v in frame[column]], dtype="Int64")
    if rules is not None:
        frame.attrs["rules"] = rules
    return frame


def _load_document(file: Path, rel: str, doc_id: str, meta: dict, extra_columns: list[str], *, clean: bool,
                   rules: tuple) -> dict:
    try:
        document = read_file(file, clean=clean, rules=rules)
    except CorpusError:
        if not os.path.lexists(file):
            raise CorpusError(file, "disappeared after the folder was listed; it was not loaded") from None
        raise
    decoded, text = document.decoded, document.text
    raw = decoded.text
    shown = _shown(rel)
    if not raw.strip():
        warnings.warn(f"{shown}: empty file; kept with empty text", CorpusWarning, stacklevel=3)
    front = read_front_matter(raw, name=shown)

    def given(column: str) -> str:
        return meta.get(column) or front.get(column) or ""

    date = given("date") or infer_date(raw, name=file.name)
    parts = date_parts(date)
    row = {
        "doc_id": doc_id,
        "file": _utf8_safe(rel),
        "title": given("title") or first_line_title(_after_front_matter(text)),
        "date": parts.iso,
        "year": parts.year,
        "month": parts.month,
        "date_precision": parts.precision,
    }
    for column in ("organization", "level", "genre", "speakers", "source"):
        row[column] = given(column)
    row["script"] = given("script") or detect_script(raw)
    row.update({column: meta.get(column, "") for column in extra_columns})
    row.update({
        "encoding": decoded.encoding,
        "raw_text": raw,
        "text": text,
        "n_chars_raw": len(raw),
        "n_chars": len(text),
        "n_han": han_count(text),
    })
    return row


def infer_date(raw: str, *, name: str) -> str:
    """A document's date when neither its manifest nor its front matter
    gives one: the first plausible date in the file ``name``
    (:func:`~corpus_utils.corpus.metadata.date_from_name`), else the first
    full date in its ``raw`` text; ``""`` when there is none."""
    return date_from_name(name) or first_date(_after_front_matter(raw))


def _after_front_matter(text: str) -> str:
    """``text`` without front matter the cleaning left in (with ``clean=False``)."""
    if not text.lstrip("\ufeff").startswith(("---", "+++")):
        return text
    head = P.INVISIBLE.sub("", P.LINE_BREAK.sub("\n", text[:1_000_000]))
    end = front_matter_end(head)
    return head[end:] + text[1_000_000:] if end else text


def load_file(path: str | Path, *, clean: bool = True, rules: Sequence[RuleLike] | None = None) -> pd.DataFrame:
    """Load one text file as a one-document corpus (same columns as
    :func:`load_corpus`; metadata from its front matter, name and text;
    ``rules`` and the errors as in :func:`load_corpus`)."""
    given, rules = rules is not None, as_cleaning_rules(rules)
    path = Path(path)
    if not path.is_file():
        raise CorpusError(path, "does not exist or is not a file")
    row = _load_document(path, path.name, _utf8_safe(_stem(path.name)), {}, [], clean=clean, rules=rules)
    return _frame([row], [], rules if given else None)
