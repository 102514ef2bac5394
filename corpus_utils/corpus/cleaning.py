"""Cleaning scraped official texts: an audited pipeline of small named rules.

Each rule is a plain ``str -> str`` function that does one job; the pipeline
composes them in a fixed order (:data:`DEFAULT_RULES`). :func:`clean_with_audit`
runs the same rules and records, for each rule, every span it changed, so a
researcher can see exactly what cleaning did to the evidence. Nothing a rule
did not claim is ever changed: the audit is computed from the text before and
after each rule, not from what the rule says it does.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from corpus_utils import constants as P
from corpus_utils.errors import CorpusError


# --- rules ------------------------------------------------------------------
def normalize_line_breaks(text: str) -> str:
    """CRLF, CR and Unicode line separators become ``\\n``; zero-width
    characters and byte-order marks inside the text are dropped."""
    if any(c in text for c in P.LINE_BREAK_CHARS):
        text = P.LINE_BREAK.sub("\n", text)
    if any(c in text for c in P.INVISIBLE_CHARS):
        text = P.INVISIBLE.sub("", text)
    return text


def remove_html_markup(text: str) -> str:
    """Strip HTML left in scraped text: script/style blocks, comments and
    tags (paragraph-level tags become line breaks); entities such as
    ``&nbsp;`` and ``&amp;`` are decoded with :func:`html.unescape`."""
    if "<" not in text and "&" not in text:
        return text
    if "<" in text:
        text = P.HTML_BLOCK_WITH_CONTENT.sub("", text)
        text = P.HTML_COMMENT.sub("", text)
        text = P.HTML_BREAK_TAG.sub("\n", text)
        text = P.HTML_TAG.sub("", text)
    if "&" in text and P.HTML_ENTITY.search(text):
        import html

        text = P.HTML_ENTITY.sub(lambda m: html.unescape(m.group(0)).replace("\xa0", " "), text)
    return text


def remove_front_matter(text: str) -> str:
    """Remove YAML (``---``) or TOML (``+++``) front matter at the very start
    of a text: a fenced block of ``key: value`` lines that static-site and
    note-taking tools put above Markdown. The loader reads it as metadata
    before cleaning."""
    from corpus_utils.corpus.metadata import front_matter_end

    return text[front_matter_end(text):] if text.startswith(("---", "+++")) else text


def remove_markdown_links(text: str) -> str:
    """Remove Markdown navigation and keep what links say: a line that is
    only links or URLs (``[查看原文](https://…)``) goes, an image
    ``![…](…)`` goes, an inline link ``[文字](…)`` becomes ``文字`` and an
    autolink ``<https://…>`` goes. A URL written in a sentence stays."""
    if "](" not in text and "://" not in text and "www." not in text:
        return text
    lines = [line for line in text.split("\n") if not (line.strip() and P.LINK_ONLY_LINE.match(line.strip()))]
    text = "\n".join(lines)
    if "](" in text:
        text = P.MARKDOWN_IMAGE.sub("", text)
        text = P.MARKDOWN_LINK.sub(lambda m: m.group("text"), text)
    if "<" in text:
        text = P.MARKDOWN_AUTOLINK.sub("", text)
    return text


def _strip_block_markers(text: str) -> str:
    """Hard breaks, heading markers, block-quote markers, horizontal rules."""
    if "\\" in text:
        text = P.MARKDOWN_HARD_BREAK.sub("\n", text)
    if "#" in text:
        text = P.MARKDOWN_HEADING.sub(lambda m: m.group("title"), text)
    if ">" in text:
        text = P.MARKDOWN_QUOTE.sub("", text)
    if "---" in text or "***" in text or "___" in text or "==" in text:
        text = P.MARKDOWN_RULE_LINE.sub("", text)
    return text


def _strip_emphasis(text: str) -> str:
    """Strong and emphasis markers around words."""
    if "**" in text or "__" in text:
        text = P.MARKDOWN_STRONG.sub(lambda m: m.group("inner"), text)
    if "*" in text:
        text = P.MARKDOWN_EMPHASIS.sub(lambda m: m.group("inner"), text)
    return text


def strip_markdown_markup(text: str) -> str:
    """Remove Markdown's block and emphasis markers and keep the words:
    ``## 标题`` -> ``标题``, ``**央视网消息**`` -> ``央视网消息``, block-quote
    ``>`` markers, horizontal rules and setext underlines. A hard line
    break (a backslash after text at the end of a line) becomes a paragraph
    break, so that the break it asks for is never rejoined.

    An escaped character (``\\*``) is literal text, not a marker: escapes
    are set aside (as private-use characters) while markers are matched and
    restored as they were, so that cleaning twice equals cleaning once.
    """
    escaped = "\\" in text and P.MARKDOWN_ESCAPE.search(text)
    if escaped:
        text = P.MARKDOWN_ESCAPE.sub(lambda m: chr(P.ESCAPE_PLACEHOLDER_BASE + ord(m.group(1))), text)
    text = _strip_emphasis(_strip_block_markers(text))
    if escaped:
        text = P.ESCAPE_PLACEHOLDER.sub(lambda m: "\\" + chr(ord(m.group(0)) - P.ESCAPE_PLACEHOLDER_BASE), text)
    return text


def remove_news_dateline(text: str) -> str:
    """Remove the source tag that opens a news paragraph, such as
    ``央视网消息（新闻联播）：``, ``新华社北京3月5日电`` or ``本报讯（记者 张三）``:
    metadata about the report, repeated in every item. The sentence after it
    stays."""
    if "消息" not in text and "讯" not in text and "电" not in text:
        return text
    return P.NEWS_DATELINE.sub("", text)


def is_boilerplate_line(line: str) -> bool:
    """True for a short line that is document-sharing-site furniture: a
    paywall or download prompt, a page counter, a copyright notice, an ICP
    licence number, a QQ or customer-service contact, or UI residue.

    Words that news also uses (打赏, VIP, 下载, 会员, 投诉电话) count only
    when two different ones stand in one line, so a headline such as
    ``禁止未成年人参与直播打赏`` is kept."""
    stripped = line.strip()
    if not stripped or len(stripped) > P.MAX_BOILERPLATE_LINE or stripped.endswith("。"):
        return False
    if P.PAGE_COUNTER_LINE.match(stripped) or P.UI_RESIDUE_LINE.match(stripped):
        return True
    if any(p.search(stripped) for p in (P.PAYWALL_LINE, P.COPYRIGHT_LINE, P.ICP_LINE, P.CONTACT_LINE)):
        return True
    # words that are also ordinary vocabulary (打赏, VIP, 下载, 会员): only two different ones make a prompt
    return len({m.group(0).lower() for m in P.SITE_PROMPT_WORD.finditer(stripped)}) >= 2


def remove_site_boilerplate(text: str) -> str:
    """Drop short lines that are document-sharing-site furniture: paywall and
    download prompts, page counters, copyright, ICP licence numbers, QQ and
    customer-service contacts, UI residue (see :func:`is_boilerplate_line`)."""
    return "\n".join(line for line in text.split("\n") if not is_boilerplate_line(line))


def is_byline(line: str) -> bool:
    """True for an author / source / publication-date line
    (``作者:来源:中国邮政报发布时间:2021-11-01``)."""
    stripped = line.strip()
    if not stripped or len(stripped) > 120 or stripped.endswith("。"):
        return False
    return len(P.BYLINE_FIELD.findall(stripped)) >= 1 or bool(P.BYLINE_SOURCE.match(stripped))


def remove_byline(text: str, *, head: int = 4, tail: int = 3) -> str:
    """Drop author / source / publication-date lines near the top or bottom
    (first 4 and last 3 non-empty lines); a byline is metadata about the
    text, not part of its discourse."""
    lines = text.split("\n")
    content = [i for i, line in enumerate(lines) if line.strip()]
    candidates = set(content[:head]) | set(content[-tail:] if tail else [])
    return "\n".join(line for i, line in enumerate(lines) if not (i in candidates and is_byline(line)))


def _strip_tones(syllable: str) -> str:
    syllable = syllable.lower()
    for umlaut in "üǖǘǚǜ":
        syllable = syllable.replace(umlaut, "v")
    decomposed = unicodedata.normalize("NFD", syllable)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).rstrip("12345")


@lru_cache(maxsize=65536)
def _is_reading(han: str, gloss: str) -> bool:
    """True when ``han`` is a Han character and ``gloss`` (tones ignored) is
    one of its readings."""
    return bool(P.HAN_CHAR.match(han)) and _strip_tones(gloss) in _readings(han)


@lru_cache(maxsize=65536)
def _readings(han: str) -> frozenset[str]:
    """Toneless readings of one character (all heteronyms), from pypinyin."""
    from pypinyin import Style, pinyin

    readings = pinyin(han, style=Style.NORMAL, heteronym=True, v_to_u=False, errors="ignore")
    return frozenset(r for group in readings for r in group)


def remove_pinyin_glosses(text: str) -> str:
    """Remove a pinyin gloss in brackets after a character: ``的(de)`` -> ``的``.

    Only a gloss that is a real reading of the character before it is removed
    (checked against pypinyin, tones ignored), so ``(ai)`` after an
    abbreviation or an English word in brackets stays.
    """

    for opening, pattern in zip("(（", P.PINYIN_GLOSS_BRACKETS, strict=True):
        if opening not in text:
            continue
        current = text

        def replace(match, current=current):
            start = match.start()
            return "" if start and _is_reading(current[start - 1], match.group(1)) else match.group(0)

        text = pattern.sub(replace, current)
    return text


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


#: Share of Han characters that traditional->simplified conversion changes,
#: above which a text counts as written in traditional script. Simplified
#: texts score below 0.01; traditional ones 0.15 and more.
TRADITIONAL_THRESHOLD = 0.05
#: Han characters sampled from the start of a text to detect its script.
SCRIPT_SAMPLE = 800


@lru_cache(maxsize=1)
def _traditional_chars() -> re.Pattern:
    """A character class of every Han character that OpenCC's ``t2s``
    changes on its own, computed once from OpenCC itself."""
    import re

    block = "".join(chr(c) for c in range(0x4E00, 0xA000))
    converted = _t2s().convert(block)
    changed = [a for a, b in zip(block, converted, strict=False) if a != b] if len(converted) == len(block) else [
        a for a in block if _t2s().convert(a) != a]
    return re.compile("[" + "".join(changed) + "]")


def traditional_share(text: str, *, sample: int = SCRIPT_SAMPLE) -> float:
    """Share of Han characters that OpenCC's ``t2s`` conversion changes,
    measured on the first ``sample`` Han characters."""
    head = text[: sample * 2]
    changed = len(_traditional_chars().findall(head))
    if not changed:
        return 0.0
    han = len(P.HAN_CHAR.findall(head))
    return changed / han if han else 0.0


def detect_script(text: str) -> str:
    """``"traditional"`` or ``"simplified"`` (see :data:`TRADITIONAL_THRESHOLD`)."""
    return "traditional" if traditional_share(text) > TRADITIONAL_THRESHOLD else "simplified"


def simplify(text: str) -> str:
    """Convert ``text`` to simplified script with OpenCC ``t2s``, whatever
    script it is detected as (see :func:`convert_to_simplified`)."""
    return _t2s().convert(text)


def convert_to_simplified(text: str) -> str:
    """Convert a traditional-script text to simplified with OpenCC ``t2s``
    (phrase-aware). Simplified texts are returned unchanged, so a simplified
    text quoting a traditional character keeps it."""
    if detect_script(text) != "traditional":
        return text
    return _t2s().convert(text)


def remove_seo_spam(text: str) -> str:
    """Remove gambling-site brand tokens injected into sentences.

    The evidence is the advertisement itself: a brand (two Han characters),
    a lowercase letter-and-digit token and an advertising word, glued between
    Han characters (``强化凯发k8官网的文化建设`` -> ``强化文化建设``). The same
    token on its own (``加强k8党建``) is removed only where the text also
    carries it as such an advertisement. A letter-digit token alone is no
    evidence: ``4x100米接力``, ``国六6b阶段``, ``8k超高清``, an OCR'd ``25l亿元``,
    ``5G`` and ``G20`` are all official text and stay.
    """
    if not any(letter in text for letter in "abcdefghijklmnopqrstuvwxyz") or not P.SEO_SPAM_CANDIDATE.search(text):
        return text
    branded = list(P.SEO_SPAM_BRANDED.finditer(text))
    if not branded:
        return text
    tokens = {match.group("token") for match in branded}
    cuts = [match.span() for match in branded]
    cuts += [match.span() for match in P.SEO_SPAM_TOKEN.finditer(text) if match.group(0) in tokens]
    pieces, last = [], 0
    for start, end in sorted(cuts):
        if start < last:
            continue
        pieces.append(text[last:start])
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def normalize_punctuation(text: str) -> str:
    """Half-width ``, ; : ! ? ( )`` next to Chinese text become full-width
    (``，；：！？（）``), taking the spaces around them. Between digits or Latin
    words (``12:30``, ``Hello, world``) they stay."""

    changed = True
    while changed:  # a converted mark can make its ASCII neighbour convertible: ",,中"
        changed = False
        for mark, pattern in P.ASCII_PUNCT_NEXT_TO_CHINESE.items():
            if mark not in text:
                continue
            text, count = P.ASCII_PUNCT_TIGHT[mark].subn(P.FULL_WIDTH[mark], text)
            if f" {mark}" in text or f"{mark} " in text or f"\t{mark}" in text or f"{mark}\t" in text:
                spaced = _replace_spaced(text, mark, pattern)
                count += spaced != text
                text = spaced
            changed = changed or count > 0
    return text


def _replace_spaced(text: str, mark: str, pattern) -> str:
    """Apply ``pattern`` only around each occurrence of ``mark`` (found with
    str.find, which is much faster than letting the regex scan every
    position)."""
    pieces, last, position = [], 0, text.find(mark)
    while position >= 0:
        start = position
        while start > last and text[start - 1] in " \t":
            start -= 1
        match = pattern.match(text, start)
        if match and match.start() == start:
            pieces += [text[last:start], P.FULL_WIDTH[mark]]
            last = match.end()
        position = text.find(mark, max(position + 1, last))
    pieces.append(text[last:])
    return "".join(pieces)


def normalize_full_width(text: str) -> str:
    """Full-width digits and Latin letters become ASCII (``１９９４年`` ->
    ``1994年``, ＧＤＰ -> GDP), so that a number or an acronym is one token
    whatever the typesetting; a full-width decimal point or percent sign
    after a digit follows. Chinese punctuation stays full-width."""
    if not P.FULL_WIDTH_ALNUM_RUN.search(text):
        return text
    text = P.FULL_WIDTH_ALNUM_RUN.sub(lambda m: m.group(0).translate(P.FULL_WIDTH_ALNUM), text)
    return P.FULL_WIDTH_NUMERIC_MARK.sub(lambda m: "." if m.group(0) == "．" else "%", text)


#: A text separates paragraphs by blank lines when at least this share of its
#: sentence-final lines (and at least this many) are followed by a blank line.
#: Government work reports score 0.64-1.0, news transcripts 0.97-1.0, texts
#: with one paragraph a line 0.
BLANK_LINE_SHARE = 0.6
BLANK_LINE_MIN_PARAGRAPHS = 3


def _paragraphs_are_blank_line_separated(lines: list[str]) -> bool:
    """True when the text separates paragraphs by blank lines: most lines
    that end a sentence are followed by a blank line. In such a text a
    single line break inside a block is a break the scrape made."""
    followed_by_blank = followed_by_text = 0
    for line, following in pairwise(lines):
        if line.strip() and P.LINE_FINAL.search(line):
            if following.strip():
                followed_by_text += 1
            else:
                followed_by_blank += 1
    total = followed_by_blank + followed_by_text
    return followed_by_blank >= BLANK_LINE_MIN_PARAGRAPHS and followed_by_blank >= BLANK_LINE_SHARE * total


def _punctuation_proves_break(line: str, following: str) -> bool:
    """True when punctuation shows that a break between two lines falls
    inside a sentence ("刘少奇同志⏎，接着" or "法律、⏎法规")."""
    return bool(P.CONTINUES_BEFORE.match(following.lstrip()) or P.CONTINUES_AFTER.search(line.rstrip()))


def _scrape_breaks_lines(lines: list[str]) -> bool:
    """True when punctuation proves at least one break inside a sentence
    (between two non-empty lines, blank lines or not) that is not before a
    list item: the text was broken by its scrape, not by its author."""
    content = [line for line in lines if line.strip()]
    return any(_punctuation_proves_break(line, following) and not P.STARTS_ITEM.match(following.lstrip())
               for line, following in pairwise(content))


def _breaks_inside_sentence(line: str, following: str, *, blank_line_paragraphs: bool, blank_between: bool,
                            scrape_broken: bool = False) -> bool:
    """Whether the break between the non-empty lines ``line`` and
    ``following`` falls inside a sentence. Across blank lines, punctuation
    proves it, or, in a text of blank-line paragraphs that its scrape broke
    elsewhere (see :func:`_scrape_breaks_lines`), a paragraph of prose (a
    sentence ends inside it) that stops where no sentence ends: headings,
    headlines, lead sentences and lists of names have no sentence end
    before their last character."""
    if P.INDENTED.match(following) or P.STARTS_ITEM.match(following.lstrip()):
        return False
    if _punctuation_proves_break(line, following):
        return True
    end = line.rstrip()
    if not blank_line_paragraphs or P.LINE_FINAL.search(end) or P.STARTS_ITEM.match(line.lstrip()):
        return False
    # across a blank line: only in a text its scrape broke, a long paragraph of prose that stops mid-sentence
    return not blank_between or (scrape_broken and bool(P.PROSE_LINE.search(end)))


def rejoin_broken_lines(text: str) -> str:
    """Rejoin lines that a scrape broke inside a sentence, typically around
    every term that was a link (``听了刘少奇同志⏎关于宪法草案的报告⏎并进行了``).

    A break is rejoined when punctuation proves it is inside a sentence (the
    next line starts with ``，、。）`` and the like, or the line ends with
    ``，、（《``; then even across blank lines), or when the text separates
    its paragraphs by blank lines and a single line break falls where no
    sentence ends; in such a text that its scrape demonstrably broke, also
    a blank line that cuts a paragraph of several sentences where no
    sentence ends (``社会财产没⏎⏎有遭到损坏``). A break after a sentence end, a
    heading or list item (一、 （一） 1. 第一， #), before a list item, or
    before an indented line stays. Latin words and numbers on both sides of
    a rejoined break keep a space between them.
    """
    if "\n" not in text:
        return text
    lines = text.split("\n")
    blank_line_paragraphs = _paragraphs_are_blank_line_separated(lines)
    scrape_broken = blank_line_paragraphs and _scrape_breaks_lines(lines)
    out: list[str] = []  # out[-1] is always the last non-empty line kept
    blanks: list[str] = []  # blank lines waiting for the next non-empty line
    for line in lines:
        if not line.strip():
            blanks.append(line)
            continue
        if out and _breaks_inside_sentence(out[-1], line, blank_line_paragraphs=blank_line_paragraphs,
                                           blank_between=bool(blanks), scrape_broken=scrape_broken):
            left, right = out[-1].rstrip(" \t\u3000"), line.lstrip(" \t\u3000")
            glue = " " if P.ASCII_WORD_END.search(left) and P.ASCII_WORD_START.match(right) else ""
            out[-1] = left + glue + right
        else:
            out += [*blanks, line]
        blanks = []
    return "\n".join(out + blanks)


def normalize_whitespace(text: str) -> str:
    """Strip indentation (ASCII and ideographic spaces) and trailing space,
    fold runs of spaces into one, and keep one paragraph a line with no blank
    lines between."""
    if any(space in text for space in P.SPACES_TO_FOLD) and P.HORIZONTAL_SPACE_TO_FOLD.search(text):
        text = P.HORIZONTAL_SPACE.sub(" ", text)
    return "\n".join(stripped for line in text.split("\n") if (stripped := line.strip(" ")))


# --- the pipeline -------------------------------------------------------------
@dataclass(frozen=True)
class CleaningRule:
    """A named ``str -> str`` rule with a one-line description."""

    name: str
    function: Callable[[str], str]
    description: str

    def __call__(self, text: str) -> str:
        return self.function(text)

    def __deepcopy__(self, memo: dict) -> CleaningRule:
        # Immutable: pandas deep-copies ``DataFrame.attrs`` (where a corpus keeps its rules) on every operation.
        return self


def _plain(docstring: str) -> str:
    """First paragraph of a docstring without reStructuredText markup."""
    first = (docstring or "").strip().split("\n\n")[0]
    first = P.RST_ROLE.sub(r"\1", first).replace("``", "")
    return " ".join(first.split())


def _rule(function: Callable[[str], str]) -> CleaningRule:
    return CleaningRule(function.__name__, function, _plain(function.__doc__))


#: The default pipeline, in order. Front matter goes first (it must be at the
#: very start); markup before the line rules that judge what is left;
#: glosses before script conversion (the gloss pattern needs the original
#: character); digits are made half-width before spam and punctuation look at
#: them; broken lines are rejoined while blank lines and indents still show
#: where paragraphs begin, and before punctuation is normalised (a comma
#: that ended a broken line sits between Chinese characters once rejoined).
DEFAULT_RULES: tuple[CleaningRule, ...] = tuple(
    _rule(f)
    for f in (
        normalize_line_breaks,
        remove_front_matter,
        remove_html_markup,
        remove_markdown_links,
        strip_markdown_markup,
        remove_site_boilerplate,
        remove_byline,
        remove_news_dateline,
        remove_pinyin_glosses,
        convert_to_simplified,
        normalize_full_width,
        remove_seo_spam,
        rejoin_broken_lines,
        normalize_punctuation,
        normalize_whitespace,
    )
)

#: Bump when a rule changes behaviour; caches of cleaned text key on it.
CLEANING_VERSION = "5"


#: A rule as a user may give it: a :class:`CleaningRule` or any ``str -> str`` callable.
RuleLike = CleaningRule | Callable[[str], str]


def rule_name(function: Callable) -> str:
    """The name a ``str -> str`` callable is reported under: its ``__name__``
    (``<lambda>`` for a lambda), the wrapped function's name for a
    :func:`functools.partial`, else its class name."""
    if isinstance(function, CleaningRule):
        return function.name
    name = getattr(function, "__name__", None) or getattr(getattr(function, "func", None), "__name__", None)
    return str(name or type(function).__name__)


def as_cleaning_rules(rules: Iterable[RuleLike] | None) -> tuple[CleaningRule, ...]:
    """The rules a pipeline runs: :data:`DEFAULT_RULES` for ``None``; each
    :class:`CleaningRule` as it is, each other callable wrapped under
    :func:`rule_name` and the first paragraph of its docstring. A name given
    twice is made unique with ``#2``, ``#3`` …, so that the audit reports
    each rule on its own row.

    Raises
    ------
    ValueError
        ``rules`` is a string, or one of them is not callable (naming it).
    """
    if rules is None:
        return DEFAULT_RULES
    if isinstance(rules, str | bytes) or not isinstance(rules, Iterable):
        raise ValueError(f"rules must be a list of str -> str functions, not {_shown_value(rules)}")
    wrapped, seen = [], Counter()
    for position, rule in enumerate(rules, start=1):
        if not callable(rule):
            raise ValueError(f"cleaning rule {position}, {_shown_value(rule)}, is not callable; pass a function "
                             "that takes the text (str) and returns the cleaned text (str)")
        if not isinstance(rule, CleaningRule):
            rule = CleaningRule(rule_name(rule), rule, _plain(getattr(rule, "__doc__", "") or ""))
        seen[rule.name] += 1
        if seen[rule.name] > 1:
            rule = CleaningRule(f"{rule.name}#{seen[rule.name]}", rule.function, rule.description)
        wrapped.append(rule)
    return tuple(wrapped)


def _shown_value(value: object) -> str:
    """``'strip' (a str)``: a short, address-free description of a value for a message."""
    shown = repr(value) if isinstance(value, str | bytes | int | float | bool | type(None)) else ""
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    return f"{shown} (a {type(value).__name__})" if shown else f"a {type(value).__name__}"


def apply_rule(rule: RuleLike, text: str, *, source: str | Path | None = None) -> str:
    """``rule(text)``, checked: a rule that raises, or returns something
    other than a string, stops with one line naming the rule (and the file
    ``source``, when given).

    Raises
    ------
    CorpusError
        With ``source``: the rule raised or did not return a ``str``.
    ValueError
        Without ``source``, for the same causes.
    """
    try:
        cleaned = rule(text)
    except Exception as err:  # any failure of a user's rule is reported with its name
        message = " ".join(str(err).split())
        _rule_failed(rule, f"raised {type(err).__name__}" + (f": {message}" if message else ""), source, err)
    if not isinstance(cleaned, str):
        _rule_failed(rule, f"returned {type(cleaned).__name__}, not str; a rule must return the cleaned text", source)
    return cleaned


def _rule_failed(rule: RuleLike, cause: str, source: str | Path | None, err: Exception | None = None) -> None:
    message = f"cleaning rule '{rule_name(rule)}' {cause}"
    if source is None:
        raise ValueError(message) from err
    raise CorpusError(source, message) from err


def clean_text(text: str, *, rules: Sequence[RuleLike] | None = DEFAULT_RULES, source: str | Path | None = None) -> str:
    """Apply every rule in order and return the cleaned text.

    Parameters
    ----------
    text
        A raw text.
    rules
        :class:`CleaningRule` objects or plain ``str -> str`` functions, in
        order (default and ``None``: :data:`DEFAULT_RULES`); see
        :func:`as_cleaning_rules`.
    source
        The file the text comes from, named in errors.

    Raises
    ------
    ValueError
        A rule that is not callable, raises or does not return a ``str``
        (:func:`apply_rule`; a :class:`~corpus_utils.errors.CorpusError`
        naming ``source`` when given).
    """
    for rule in rules if rules is DEFAULT_RULES else as_cleaning_rules(rules):
        text = apply_rule(rule, text, source=source)
    return text


def han_count(text: str) -> int:
    """Number of Han characters in ``text``."""
    return len(P.HAN_CHAR.findall(text))


def warm_up() -> None:
    """Load every dictionary the rules use (OpenCC, pypinyin, the class of
    traditional characters) once, in this process, so that forked worker
    processes share them."""
    _t2s()
    _traditional_chars()
    _is_reading("的", "de")
