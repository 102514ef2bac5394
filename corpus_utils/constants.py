"""Compiled regular expressions, in one place.

Every rule in :mod:`corpus_utils.corpus.cleaning`, :mod:`corpus_utils.corpus.metadata` and
:mod:`corpus_utils.corpus.sentences` takes its patterns from here, so that a reader
can audit all of them together.
"""

from __future__ import annotations

import re

#: One Han character (CJK Unified Ideographs, extension A, compatibility).
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Full-width punctuation and CJK symbols that sit inside Chinese text.
CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"
HAN_CHAR = re.compile(f"[{HAN}]")

# --- line endings, invisible characters, whitespace -------------------------
LINE_BREAK = re.compile(r"\r\n?|[\u2028\u2029\u0085]")
LINE_BREAK_CHARS = ("\r", "\u2028", "\u2029", "\u0085")
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
INVISIBLE_CHARS = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")
HORIZONTAL_SPACE = re.compile(r"[ \t\u00a0\u3000\u2002-\u200a\u202f\u205f]+")
SPACES_TO_FOLD = ("  ", "\t", "\u00a0", "\u3000", "\u2002", "\u2003", "\u2009", "\u202f", "\u205f")
#: Runs that normalize_whitespace must fold: two or more spaces, or any space other than " ".
HORIZONTAL_SPACE_TO_FOLD = re.compile(r"[ \t\u00a0\u3000\u2002-\u200a\u202f\u205f]{2,}|[\t\u00a0\u3000\u2002-\u200a\u202f\u205f]")

# --- HTML left in scraped text ----------------------------------------------
HTML_BLOCK_WITH_CONTENT = re.compile(r"<(script|style|noscript)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
#: Tags that end a paragraph or line.
HTML_BREAK_TAG = re.compile(r"</?(?:p|div|br|li|ul|ol|tr|table|h[1-6]|section|article|blockquote)\b[^<>]{0,300}>",
                            re.IGNORECASE)
#: Any other tag: a letter after < (or </), so "a < b" and 《…》 are never touched.
HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]{0,300})?/?>")
HTML_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")

# --- document-sharing-site boilerplate (line level) -------------------------
#: A line that is only a page counter: "1 / 8", "第 3 页 共 10 页", "- 2 -".
PAGE_COUNTER_LINE = re.compile(
    r"^\s*(?:\d{1,4}\s*/\s*\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|[-—]\s*\d{1,4}\s*[-—]|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$",
    re.IGNORECASE,
)
#: Paywall and download prompts of document-sharing sites: phrases no official text uses.
PAYWALL_LINE = re.compile(
    r"(?:免费阅读已结束|阅读已结束|下载(?:文档|本文|全文)|点击下载|下载阅读|离线阅读|"
    r"剩余\s*\d*\s*页未读|付费(?:阅读|下载)|会员(?:免费|专享)下载|"
    r"赏杯茶|文档很辛苦|资源描述|原创力文档|文档投稿|编辑使用)",
    re.IGNORECASE,
)
#: Prompt words that ordinary text also uses (a headline about 直播打赏, a VIP lounge, 继续阅读 in a sentence):
#: a line is a prompt only when two different ones stand in it.
SITE_PROMPT_WORD = re.compile(r"打赏|VIP|会员(?:免费|专享|下载)|继续阅读|立即下载|下载|收藏|分享|付费|积分|金币|登录|注册",
                              re.IGNORECASE)
#: Copyright notices.
COPYRIGHT_LINE = re.compile(r"(?:©|\(c\)\s*\d{4}|copyright|版权所有|all rights reserved)", re.IGNORECASE)
#: Chinese ICP licence and public-security filing numbers.
ICP_LINE = re.compile(r"(?:ICP\s*[备证]|ICP\d|公网安备|增值电信业务经营许可证)", re.IGNORECASE)
#: Contact lines: QQ numbers, customer service, site e-mail, phone hot lines.
CONTACT_LINE = re.compile(
    r"(?:QQ\s*[:：]?\s*\d{5,}|客服(?:联系|热线|QQ|电话|邮箱)|联系客服|在线客服|"
    r"投诉(?:电话|邮箱)|[\w.]+@[\w.]+\.(?:com|cn|net))",
    re.IGNORECASE,
)
#: Lines that are left-overs of a web page's user interface.
UI_RESIDUE_LINE = re.compile(
    r"^\s*(?:[×✕✖xX]|保存成功|收藏|分享到?|点赞|返回顶部|上一篇|下一篇|相关文档|"
    r"举报|关闭|更多|打印本页|关闭窗口|【?字号[:：]?.*】?)\s*$"
)
#: Lines this long are prose, never boilerplate, whatever words they contain.
MAX_BOILERPLATE_LINE = 60

# --- byline (author / source / date line near the top) ----------------------
BYLINE_FIELD = re.compile(
    r"(?:作者|来源|发布时间|发布日期|更新时间|更新日期|责任编辑|编辑|记者|通讯员|浏览次数|点击数|阅读量)\s*[:：]"
)
BYLINE_SOURCE = re.compile(r"^[\w\s·]{0,40}\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s+来源\s*[:：]")

# --- pinyin glosses: 的(de), 員(yuán), 長（cháng） --------------------------
PINYIN_GLOSS = re.compile(
    f"(?P<han>[{HAN}])[(（](?P<pinyin>[a-zA-ZüÜāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]{{1,7}}[1-5]?)[)）]"
)

# --- SEO spam: gambling / casino brands glued into sentences ----------------
#: Words that turn a Latin-digit token into an advertisement.
SPAM_SUFFIX = r"(?:官方网站|官网|娱乐城?|平台|登录|登陆|入口|注册|网址|网站|体育|彩票|棋牌|真人|app|APP|下载)"
#: Brand (two Han characters) + lowercase letter/digit token + spam suffix (+ 的).
SEO_SPAM_BRANDED = re.compile(
    f"(?<=[{HAN}])[{HAN}]{{2}}(?P<token>(?=[a-z0-9]*[a-z])(?=[a-z]*[0-9])[a-z0-9]{{2,10}}){SPAM_SUFFIX}的?(?=[{HAN}])"
)
#: A bare mixed lowercase-letter + digit token glued between Han characters
#: (k8, ag88, 365bet): never a technical term, which are upper case (5G, G20, B2B).
SEO_SPAM_TOKEN = re.compile(
    f"(?<=[{HAN}])(?=[a-z0-9]*[a-z])(?=[a-z]*[0-9])[a-z0-9]{{2,10}}(?=[{HAN}])"
)

#: Where to look for spam at all: a lowercase letter next to a digit.
SEO_SPAM_CANDIDATE = re.compile(r"[a-z][0-9]|[0-9][a-z]")

# --- half-width punctuation in Chinese text ---------------------------------
FULL_WIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
#: One pattern per mark: the mark (with the spaces around it) when a Han
#: character or CJK punctuation stands on either side, spaces skipped.
ASCII_PUNCT_NEXT_TO_CHINESE = {
    mark: re.compile(f"(?<=[{HAN}{CJK_PUNCT}])[ \t]*{re.escape(mark)}[ \t]*"
                     f"|[ \t]*{re.escape(mark)}[ \t]*(?=[{HAN}{CJK_PUNCT}])")
    for mark in FULL_WIDTH
}
#: The same without spaces, starting with the mark itself so that the regex
#: engine can jump from mark to mark (the common case, much faster).
ASCII_PUNCT_TIGHT = {
    mark: re.compile(f"{re.escape(mark)}(?:(?=[{HAN}{CJK_PUNCT}])|(?<=[{HAN}{CJK_PUNCT}]{re.escape(mark)}))")
    for mark in FULL_WIDTH
}
#: Parentheses of pinyin glosses, each pattern starting with its bracket.
PINYIN_GLOSS_BRACKETS = tuple(
    re.compile(f"{re.escape(opening)}(?P<pinyin>[a-zA-ZüÜāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]{{1,7}}[1-5]?)[)）]")
    for opening in "(（"
)

# --- docstrings shown to users ---------------------------------------------
RST_ROLE = re.compile(r":\w+:`~?([^`]+)`")

# --- dates -------------------------------------------------------------------
DATE_ISO = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
DATE_CHINESE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")

# --- sentences ---------------------------------------------------------------
SENTENCE_END = frozenset("。！？!?…")
OPENING_QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』"}
CLOSING_AFTER_END = frozenset("”’」』）)》")

# --- Markdown (cleaning rules of corpus_utils.corpus.cleaning) ------------------------
#: YAML (---) or TOML (+++) front matter at the very start of a text: key-value lines between two fences.
FRONT_MATTER = re.compile(r"\A(?P<fence>---|\+\+\+)[ \t]*\n(?P<body>(?:[^\n]*\n){0,200}?)(?P=fence)[ \t]*(?:\n|\Z)")
#: A front-matter line: ``key: value`` (YAML), ``key = value`` (TOML), a list item, a comment or blank.
FRONT_MATTER_LINE = re.compile(r"^(?:[\w\-. ]{1,40}\s*[:=].*|\s+.*|-\s.*|#.*|)$")
#: An image ``![alt](target)``.
MARKDOWN_IMAGE = re.compile(r"!\[[^\]\n]{0,300}\]\([^)\n]{0,1000}\)")
#: An inline link ``[text](target "title")``; the text is kept.
MARKDOWN_LINK = re.compile(r"\[(?P<text>[^\]\n]{0,300})\]\((?P<target>[^)\s]{1,1000})(?:\s+\"[^\"\n]{0,200}\")?\)")
#: An autolink ``<https://…>``.
MARKDOWN_AUTOLINK = re.compile(r"<(?:https?|ftp)://[^>\s]{1,1000}>")
#: A line that is nothing but links, images, URLs, bullets and separators (navigation: "[查看原文](…)").
LINK_ONLY_LINE = re.compile(
    r"^[ \t>*+\-•|]*(?:(?:!?\[[^\]\n]{0,300}\]\([^)\n]{1,1000}\)|<?(?:https?|ftp)://[^\s>]{1,1000}>?|www\.[^\s]{1,1000})"
    r"[ \t|·/,，、]*)+$"
)
#: ATX heading markers ``## title ##``: the markers go, the title stays.
MARKDOWN_HEADING = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]+)+(?P<title>.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
#: Block-quote markers at the start of a line.
MARKDOWN_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.MULTILINE)
#: A hard line break: a backslash ending a line, or alone on a line. The break is meant, so it becomes a paragraph break.
MARKDOWN_HARD_BREAK = re.compile(r"(?<=[^\\\s])\\[ \t]*$|^[ \t]*\\[ \t]*$", re.MULTILINE)
#: A backslash escape (``\\*`` for a literal star): literal text, never a marker.
MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
#: Escaped characters are parked in the Supplementary Private Use Area-A while markers are matched.
ESCAPE_PLACEHOLDER_BASE = 0xF0000
ESCAPE_PLACEHOLDER = re.compile("[\U000F0021-\U000F007E]")
#: A thematic break (horizontal rule) or a setext heading underline.
MARKDOWN_RULE_LINE = re.compile(r"^[ \t]{0,3}(?:(?:[-*_][ \t]*){3,}|=+)[ \t]*$", re.MULTILINE)
#: Strong markers around text, spaces inside them allowed as scrapes leave them: ``**央视网消息**``, ``** 标题 **``.
MARKDOWN_STRONG = re.compile(r"(\*\*|__)[ \t\u00a0\u3000]*(?=\S)(?P<inner>[^\n]{1,500}?)(?<=\S)[ \t\u00a0\u3000]*\1")
#: Single-star emphasis only around text with a Han character, so ``5*3`` and footnote stars stay.
MARKDOWN_EMPHASIS = re.compile(
    rf"(?<![*A-Za-z0-9])\*(?=[^\s*])(?P<inner>[^*\n]{{0,200}}[{HAN}][^*\n]{{0,200}}?)(?<=[^\s*])\*(?![*A-Za-z0-9])"
)

# --- full-width ASCII letters and digits ---------------------------------------
#: ０-９ Ａ-Ｚ ａ-ｚ -> 0-9 A-Z a-z (punctuation stays full-width).
FULL_WIDTH_ALNUM_RUN = re.compile("[０-９Ａ-Ｚａ-ｚ]+")
FULL_WIDTH_ALNUM = {c: c - 0xFEE0 for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}
#: A full-width decimal point or percent sign touching a digit (after the digits became half-width).
FULL_WIDTH_NUMERIC_MARK = re.compile(r"(?<=\d)．(?=\d)|(?<=\d)％")

# --- lines broken inside a sentence ---------------------------------------------
#: Characters that end a sentence or a clause that may end a paragraph (a following close quote is allowed).
LINE_FINAL = re.compile(r"[。！？!?；;：:…][”’」』）)》】\"']*[ \t]*$")
#: Characters a line never ends with unless the sentence goes on: a comma, an enumeration comma, an opening bracket.
CONTINUES_AFTER = re.compile(r"[，,、（(《「『“‘【—\-/·]$")
#: Characters a new sentence or paragraph never starts with.
CONTINUES_BEFORE = re.compile(r"^[，,、。．.；;：:！!？?）)》」』”’】…%％]")
#: A line that starts a list item or heading: 一、 （一） 1. (1) 第一， 一是 首先 #, or a bullet; also a dash-led line (——).
STARTS_ITEM = re.compile(
    r"^(?:[一二三四五六七八九十百零〇]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,3}[、.．](?!\d)|"
    r"第[一二三四五六七八九十百\d]{1,3}[，,、：:章节条部分篇]|[一二三四五六七八九十][是要]|首先|其次|最后|另一方面|一方面|"
    r"#|[-*+•·●■◆▲][ \t]|——|[①-⑳])"
)
#: A paragraph of prose: at least 20 characters with a sentence end inside it (a heading, a headline,
#: a lead sentence or a list of names has none before its end).
PROSE_LINE = re.compile(r"^(?=.{20,}).*[。！？]")
#: A paragraph indent: an ideographic space, or two or more spaces.
INDENTED = re.compile(r"^(?:\u3000|[ \u00a0]{2})")
#: Latin letter or digit at the end / start of a line: joined with a space, not glued.
ASCII_WORD_END = re.compile(r"[A-Za-z0-9]$")
ASCII_WORD_START = re.compile(r"^[A-Za-z0-9]")

# --- news datelines ----------------------------------------------------------------
#: A source tag opening a news paragraph: 央视网消息（新闻联播）： / 新华社北京3月5日电 / 本报讯（记者 张三）
NEWS_DATELINE = re.compile(
    rf"^(?P<tag>[{HAN}]{{2,8}}(?:消息|讯)[（(][^（）()\n]{{1,30}}[)）]|本报讯(?:[（(][^（）()\n]{{1,30}}[)）])?|"
    rf"[{HAN}]{{2,8}}(?:社|台|网)[{HAN}]{{0,6}}\d{{1,2}}月\d{{1,2}}日(?:电|讯)(?:[（(][^（）()\n]{{1,30}}[)）])?)"
    rf"(?:[：:][ \t]*|[ \t\u3000]+|(?<=[)）]))",
    re.MULTILINE,
)

# --- dates in manifests and file names; corpus file names (metadata, loader) ---
#: A time of day after a full date (``T10:30``, `` 10:30:00+08:00``); it is dropped.
_TIME_OF_DAY = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?"
#: A whole date value (after NFKC): ``2019``, ``2019-05``, ``2019-05-01``, also with ``/`` or ``.``
#: (one separator throughout) and 1-digit months/days.
DATE_VALUE = re.compile(rf"(?P<y>\d{{4}})(?:(?P<sep>[-/.])(?P<m>\d{{1,2}})(?:(?P=sep)(?P<d>\d{{1,2}}){_TIME_OF_DAY})?)?")
#: The ISO 8601 basic form ``20190501``.
DATE_VALUE_BASIC = re.compile(rf"(?P<y>\d{{4}})(?P<m>\d{{2}})(?P<d>\d{{2}}){_TIME_OF_DAY}")
#: ``2019年``, ``2019年5月``, ``2019年5月1日`` (or 号).
DATE_VALUE_CHINESE = re.compile(r"(?P<y>\d{4})\s*年(?:\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*[日号])?)?")
#: A date in a file name, most precise form first, never inside a longer run of ASCII letters or digits
#: (so the hash in ``000_c82bad9182bec8ff`` is no date): ``2022-01-01``/``2022_01_01``/``2022.1.1``,
#: ``20220101``, ``2022年1月1日``, ``2022年1月``, ``2022-01``/``2022.01``, ``2022`` or ``2022年``.
#: ``2022_01`` is read as the year only (an underscore often separates a number, not a month).
DATE_IN_NAME = re.compile(
    r"(?<![0-9A-Za-z])(?:"
    r"(?P<y1>\d{4})(?P<s1>[-_.])(?P<m1>\d{1,2})(?P=s1)(?P<d1>\d{1,2})"
    r"|(?P<y2>\d{4})(?P<m2>\d{2})(?P<d2>\d{2})"
    r"|(?P<y3>\d{4})\s*年\s*(?P<m3>\d{1,2})\s*月\s*(?P<d3>\d{1,2})\s*[日号]"
    r"|(?P<y4>\d{4})\s*年\s*(?P<m4>\d{1,2})\s*月"
    r"|(?P<y5>\d{4})[-.](?P<m5>\d{1,2})"
    r"|(?P<y6>\d{4})(?:\s*年)?"
    r")(?![0-9A-Za-z])"
)
#: The corpus file endings, any case, with the white space some names end in (``x.txt ``).
CORPUS_SUFFIX = re.compile(r"\.(?:txt|md)\s*$", re.IGNORECASE)

# --- one large file read block by block (corpus_utils.scale.engine) -----------------
#: The byte offset in a decoding error message (shifted to the whole file).
DECODE_OFFSET = re.compile(r"(?<=offset )\d+")
#: The line number in a decoding error message (shifted to the whole file).
DECODE_LINE = re.compile(r"(?<=line )\d+")
#: Where an HTML block the cleaning removes whole opens or closes (a large file is never cut inside one).
HTML_BLOCK_EDGE = re.compile(r"(?P<open><(?P<opens>script|style|noscript)\b|<!--)"
                             r"|(?P<close></(?P<closes>script|style|noscript)\s*>|-->)", re.IGNORECASE)

# --- decoding (corpus_utils.corpus.encoding) ------------------------------------------
#: A byte that ``bytes.decode(codec, "surrogateescape")`` could not decode, and a run of them.
ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
ESCAPED_BYTES = re.compile("[\udc80-\udcff]+")
#: One CJK punctuation mark or symbol (see CJK_PUNCT).
CJK_PUNCTUATION_CHAR = re.compile(f"[{CJK_PUNCT}]")
#: A letter below U+0800 (accented Latin, Greek, Cyrillic) next to an ASCII letter: part of a word (café).
ACCENTED_LETTER_IN_WORD = re.compile(r"[A-Za-z][\u0080-\u07ff]|[\u0080-\u07ff][A-Za-z]")
#: Four Han characters in a row encoded as UTF-8 (E4-E9 lead bytes: U+4E00-U+9FFF), unrolled for speed:
#: real UTF-8 Chinese text has them everywhere, GBK or Big5 bytes practically never.
UTF8_HAN_RUN = re.compile(rb"[\xe4-\xe9][\x80-\xbf][\x80-\xbf][\xe4-\xe9][\x80-\xbf][\x80-\xbf]"
                          rb"[\xe4-\xe9][\x80-\xbf][\x80-\xbf][\xe4-\xe9][\x80-\xbf][\x80-\xbf]")
#: A Han character, spaces, and another Han character: how Korean word spacing looks when EUC-KR is read as GBK.
HAN_SPACE_HAN = re.compile(f"[{HAN}] +(?=[{HAN}])")
#: An ASCII letter before, or a Han character before an ASCII letter: how an accented letter looks when Latin-1
#: is read as GBK (Assembl閑e counts twice).
HAN_IN_LATIN_WORD = re.compile(f"[A-Za-z](?=[{HAN}])|[{HAN}](?=[A-Za-z])")

# --- repeated blocks (corpus_utils.corpus.boilerplate) ---------------------------------
#: Digits, masked when edge paragraphs are compared across documents: a footer
#: with a date or counter (更新时间：2023-09-04T14:18) is the same block everywhere.
DIGITS = re.compile(r"\d")
#: Metadiscourse: a paragraph that speaks about the work, the site or its publication (licence, source, edit).
METADISCOURSE = re.compile(
    r"本作品|本文|本站|本网|本刊|本报|转载|版权|著作权|公有领域|许可协议|授权|免责|来源[:：]|编辑[:：]|"
    r"更新时间|发布时间|维基|Public domain|licen[cs]e|copyright|©|https?://|www\.",
    re.IGNORECASE,
)

# --- outline: enumeration markers and count announcements (corpus_utils.rhetoric.outline) ---
#: The digits of Chinese ordinal markers (一、 … 十、, 一是, 第十，).
OUTLINE_DIGITS = "一二三四五六七八九十"
_OUTLINE_N = f"[{OUTLINE_DIGITS}]"
#: Where a running-text marker may start: line start, whitespace or punctuation.
_OUTLINE_BOUNDARY = r"(?:^|(?<=[\s。！？；：，、”’）)!?;:,]))"
#: 一、 (a section) or a heading line that is only a numeral (一 alone on its line, older reports); not a
#: series of numerals (一、二、三等奖, 一、二线城市).
OUTLINE_SECTION = re.compile(
    f"{_OUTLINE_BOUNDARY}(?P<num>{_OUTLINE_N}{{1,3}})、(?!{_OUTLINE_N}{{1,3}}[、等类线级期批次届产])"
    f"|^[ \\t\\u3000]*(?P<bare>{_OUTLINE_N}{{1,3}})[ \\t\\u3000]*$", re.M)
#: （一）
OUTLINE_PAREN = re.compile(f"[（(](?P<num>{_OUTLINE_N}{{1,3}})[)）]")
#: 1. / 1、 at the start of a line; glued after a sentence end by a scrape (？7.), or followed by a digit
#: (9.2022 我们的…, but also 1.5亿), the number only ever continues an open list.
OUTLINE_DIGIT = re.compile(r"^[ \t\u3000]*(?:(?P<num>\d{1,2})[、.．](?![\d.．])|(?P<digits>\d{1,2})[.．](?=\d))"
                           r"|(?<=[。？！；?!;])(?P<glued>\d{1,2})[.．](?![\d.．])", re.M)
#: （1）
OUTLINE_PAREN_ARABIC = re.compile(r"[（(](?P<num>\d{1,2})[)）]")
#: What follows 第一、 when it opens a series of ordinals (第一、二、三产业; 第二、三次), not a point.
_ORDINAL_SERIES = f"{_OUTLINE_N}{{1,2}}(?:[、，,和及至到]|产|次|届|个|季|批|类|期|轮)"
#: 第一， 第一、 第一： 第一是 (not 第一、二、三产业).
OUTLINE_DIYI = re.compile(f"第(?P<num>{_OUTLINE_N}{{1,3}})(?:[，,：:]|、(?!{_ORDINAL_SERIES})|是)")
#: 第一步， 第二步，
OUTLINE_STEP = re.compile(f"第(?P<num>{_OUTLINE_N}{{1,3}})步[，,、：:]")
#: 一方面 / 另一方面 (older: 另方面), and "one kind is … the other is" with a classifier: 一个是 / 另一个是,
#: 一头是 / 一头是, 一类是, 一种是, 一条是 (not 这一方面, 每一方面, 同一个是).
OUTLINE_PAIR = re.compile(r"(?P<word>另一方面|另方面|另一[个头类种条]是|(?<![这那每哪任某单同第])一(?:方面|[个头类种条]是))")
OUTLINE_SEQUENCE = re.compile(f"{_OUTLINE_BOUNDARY}(?P<word>首先|其次|再次|最后)", re.M)
OUTLINE_YISHI = re.compile(f"{_OUTLINE_BOUNDARY}(?P<num>{_OUTLINE_N}{{1,2}})是", re.M)
OUTLINE_YIYAO = re.compile(f"{_OUTLINE_BOUNDARY}(?P<num>{_OUTLINE_N}{{1,2}})要", re.M)
#: The first non-space character of a paragraph.
OUTLINE_NON_SPACE = re.compile(r"\S")
#: Punctuation, quotes and spaces between an introducing clause and the list's first marker.
OUTLINE_CLAUSE_TRAIL = re.compile(r"[\s“”‘’\"'。：:，,；;！？!?、—…]+$")
#: What ends a sentence before a list (a count of aspects may stand earlier in the introducing sentence).
OUTLINE_SENTENCE_BREAK = re.compile(r"[。！？!?\n]")
#: What ends a clause (the announcement must stand in the clause right before the list).
OUTLINE_CLAUSE_END = re.compile(r"[，,；;。！？!?：:\n]")
#: A count announcement in that clause: 七点要求, 以下四点, 四个方面, 以下的十项工作, 三件事, 4点希望, 两步.
#: ``lead`` marks explicit announcements (以下, 下列, 如下) and ``dian`` the head 点, both linked whatever their
#: number; other counts are linked only when they equal the number of items.
OUTLINE_COUNT = re.compile(
    r"(?P<lead>以下的?|下列的?|如下的?|下面的?)?(?P<this>这)?"
    r"(?P<num>(?<![\d.])\d{1,2}(?![\d.])|(?<![一二两三四五六七八九十百千万亿])[一二两三四五六七八九十]{1,3})"
    r"(?P<unit>点(?!钟|[一二三四五六七八九十\d])|个(?:主要|重要|基本)?方面|方面|个部分|部分|个|项|件|条|类|种|步|头|大)")
#: Heads of a count announcement (四点要求, 四个方面工作); with Arabic digits 点 needs one (4点建议), since 4点
#: alone is a time of day.
OUTLINE_COUNT_HEAD = re.compile(r"要求|希望|建议|意见|倡议|看法|主张|共识|体会|措施|举措|考虑|原则|思考|启示|工作|任务")
#: A count of aspects or parts (四个方面, 五个部分), which may announce a list from an earlier clause.
OUTLINE_ASPECT = re.compile(r"方面|部分")
#: A Chinese number as written (十四, 二十, 两): anything else (十一五, 五四) is not a count.
OUTLINE_VALID_NUMBER = re.compile(r"^(?:[一二三四五六七八九]?十)?[一二两三四五六七八九]?$")
#: A fraction (三分之二) or percentage is a quantity, never a count of points.
OUTLINE_FRACTION = re.compile(r"分之")
#: A sentence end (a list introduced by a sentence of its own; a table of contents is one sentence).
OUTLINE_SENTENCE_END = re.compile(r"[。！？!?]")
#: Where an entry of a table of contents ends.
OUTLINE_ENTRY_END = re.compile(r"[；;。，,]")
#: A Chinese numeral (a numbered formula may announce a list).
OUTLINE_HAS_NUMERAL = re.compile("[一二两三四五六七八九十]")

# --- numbered formulae (corpus_utils.slogans.numbered, corpus_utils.slogans.extract) -----------
#: Where a numbered formula can start: a Chinese digit, 十, 双, 百/千 (百城千屏) or an Arabic digit (1+N).
FORMULA_START = re.compile(r"[一二两三四五六七八九十双百千1-9]")
#: The number of one member of a formula: 1-99 in Chinese (四, 十四, 二十), 两, 双, or 1-99 in Arabic digits.
FORMULA_NUMBER = re.compile(r"[一二三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九双]|[1-9][0-9]?(?![0-9])")
#: Five-year-plan shorthand that is no number (十一五 … 十九五), not followed by what makes a date or quantity.
PLAN_SHORTHAND = re.compile(r"十[一二三四五六七八九]五(?![年届大岁日号月点个位次周期万亿千百%％〇零一二两三四五六七八九十\d])")
#: Shorthand that is also a number (六五 … 九五, 十五): a plan only before 计划/规划/期间/时期 ….
PLAN_SHORTHAND_AMBIGUOUS = re.compile(r"(?:[六七八九]|十)五(?=[”’]?(?:计划|规划|期间|时期|末期|初期|以来|前期|中期|后期))")
#: A number and frame before a quoted head: 三个“必然要求”, 四个“全面” (the quote marks the label).
QUOTED_HEAD = re.compile(r"(?P<number>[二两三四五六七八九])[个项]“(?![^”]*[万亿千百了])[^\W\d_]{2,6}”")
#: A word that is a counted label: a number 2-20, a frame and a head (三大攻坚战, 五项原则, 三面红旗).
LEXICALISED_LABEL = re.compile(r"(?:[二两三四五六七八九]|十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?)"
                               r"[个大项种面条][^\W\d_]{2,}")
#: A counted set of principles or guidelines, named by its count (三项原则, 十条方针, 十项经济建设方针, 八字方针),
#: not an announcement of points (三条原则：…).
DOCTRINE_LABEL = re.compile(r"(?:[二两三四五六七八九]|十[一二三四五六七八九]?|[二三]十[一二三四五六七八九]?)[项条字大]"
                            r"(?:(?![的和与及之])[^\W\d_]){0,4}?(?:原则|方针)(?![：:]|建议|意见)")
#: An honour title counted by 好: 三好学生, 五好战士, 四好连队.
HONOUR_TITLE = re.compile(r"[二两三四五六七八九十]好[^\W\d_]{2}")
#: Separators between the members of a formula or slogan (三落实、三确保; 一个国家，两种制度).
MEMBER_SEPARATORS = re.compile(r"[、，,；;·•\s]+")
#: Shorthand read as a plan only when quoted: “一五” … “九五”, “十五” (“一五”时期, “五五”普法).
PLAN_SHORTHAND_NUMBER = re.compile(r"[一二三四五六七八九十]五")
#: A label of a number and one head character (两山, 三讲), left when a generic head is cut (两山理念).
BARE_LABEL = re.compile(r"(?:[二两三四五六七八九]|十[一二三四五六七八九]?|双).")
#: Nouns after a counted label that make it a count of points: 八项原则建议, 四个方面意见.
POINTS_AFTER = re.compile(r"建议|要求|意见|措施|举措|办法|倡议|主张|看法|希望")
#: A frame that counts points (个, 项, 条, 点).
COUNTED_FRAME = re.compile(r"[个项条点]")
#: Words that end the name of an organisation, prize or vessel (三姑娘劳务服务有限公司): a name, not a formula.
ORGANISATION_END = re.compile(r"(?:公司|集团|大学|学院|学校|中学|小学|医院|银行|协会|学会|委员会|研究院|研究所|基金会|合作社|"
                              r"工厂|博物馆|纪念馆|号|奖章|勋章|奖)$")
#: An Arabic number starting a century, decade, year, congress or occasion (21世纪海上丝绸之路).
ARABIC_DATE_START = re.compile(r"\d+(?:世纪|年代|周年|年|届|次)")
#: What makes the rest of a quoted numbered expression a quantity: 三公里, 十连增, 两位数.
QUANTITY_REST = re.compile(r"公里|公斤|公顷|千米|千克|平方|立方|小时|分钟|个月|个百分点|多|余|来|连[增涨升丰降快]|位数|成以上")
#: What makes it a plenum, an occasion or a time: 三中全会, 五次, 十周年, 八十年代, 五届.
PLENUM_OR_TIME_REST = re.compile(r"[大中]全会|次|周年|年代|届")
#: Negation and all-words that make 一个… a saying (一个都不能少), not a label.
NEGATION = re.compile(r"[不都也]")
#: An ASCII letter: quoted numbered names (双尾蝎D), never formulae unless known (1+N).
LATIN_LETTER = re.compile(r"[A-Za-z]")
#: One core and several parts: 一主多辅, 一核多元, 一区多园 (quoted).
ONE_AND_MANY = re.compile(f"一[{HAN}]{{1,2}}多[{HAN}]{{1,2}}")
#: A programme named by a code of Chinese numerals: “八七”扶贫攻坚计划 (the head follows the quote); Arabic
#: codes (863计划, 211工程, from dates and counts) are the names of programmes, not formulae.
PROGRAMME_CODE = re.compile(r"[一二三四五六七八九〇零]{2,3}")
PROGRAMME_HEAD = re.compile(f"[{HAN}]{{0,4}}(?:计划|工程|规划)")
#: A form written only in Chinese numerals (六五, 十五, 八七): a plan's code or nickname, counted only where
#: it is not part of a longer number, date, ordinal or congress (一九六五年, 第十五, 十五大).
NUMERAL_ONLY = re.compile(r"[〇零一二三四五六七八九十百千万两]+")
NUMBER_GOES_ON_BEFORE = re.compile(r"[〇零一二三四五六七八九十百千万两第]$")
NUMBER_GOES_ON_AFTER = re.compile(r"[〇零一二三四五六七八九十百千万亿两大届次年岁个倍点多余]")
#: A counter or a count of people ending a label: 千人 (计划), 两个, 三项 are counts, not labels.
COUNT_HEAD = re.compile(r"[人个项种大条类位面]$")
#: A package of measures named by its count of articles: 二十条, 四十条, 新十条 (quoted).
PACKAGE_NICKNAME = re.compile(r"新?(?:[二三四五六七八九]?十[一二三四五六七八九]?)条")
#: A run of Chinese number characters (百, 千万): 百城千屏 has two runs, 百万亩造林 one.
NUMBER_GROUP = re.compile(r"[一二两三四五六七八九十百千万]+")
#: A comma or semicolon: a word or idiom is never counted across one (中国 is not in 其中，国家).
CLAUSE_SEPARATOR = re.compile(r"[，,；;]")
#: Quotation marks, removed from canonical forms.
QUOTE_MARKS = re.compile(r"[“”‘’「」『』]")
#: Words a table of contents or a heading may start with or leave out (关于…).
OUTLINE_ENTRY_LEAD = re.compile(r"^(?:关于|论)")

# --- Numbered formulae (slogans.numbered) ---
NUMERALS = "一二两三四五六七八九十百千"
#: Frames (classifiers and 大) between a number and its head.
FORMULA_FRAMES = "个大项种条位维类句字"
FORMULA_NUMERAL_RUN = f"[{NUMERALS}]{{1,3}}"
FORMULA_HEAD_CHAR = f"[^{NUMERALS}\\W\\d]"
FORMULA_UNIT_NUMERAL = f"[{NUMERALS}双]"
#: Whole-expression shapes of numbered formulae: compounds (三去一降一补), plan codes (十四五), a number with a
#: frame and head (四个意识), a bare number and head (三农).
FORMULA_COMPOUND = re.compile(
    f"^{FORMULA_NUMERAL_RUN}{FORMULA_HEAD_CHAR}{{1,2}}(?:[、·]?{FORMULA_UNIT_NUMERAL}{FORMULA_HEAD_CHAR}{{0,2}})+$")
PLAN_CODE = re.compile(f"^十[{NUMERALS[:9]}]五$")
FORMULA_FRAMED = re.compile(f"^(?P<num>{FORMULA_NUMERAL_RUN})(?P<frame>[{FORMULA_FRAMES}])"
                            f"(?P<head>[“‘]?{FORMULA_HEAD_CHAR}[^\\W\\d]{{0,3}}[”’]?)$")
FORMULA_BARE = re.compile(f"^(?P<num>{FORMULA_NUMERAL_RUN})(?P<head>{FORMULA_HEAD_CHAR}{{1,2}})$")
#: The number 一 never announces a count (一方面 is a connective, 一点 "a little").
COUNT_ANNOUNCEMENT = re.compile(
    f"^(?:以下)?(?!一[点个方])[{NUMERALS}]{{1,3}}(?:点|个?方面)(?:要求|希望|建议|意见|措施|举措|体会|工作)?$")
#: Enumeration markers (一是, 二要, 三则, 一方面): rhetoric structure, not numbered expressions.
FORMULA_LIST_MARKER = re.compile(f"^{FORMULA_NUMERAL_RUN}(?:是|要|则|来|者|为|方面|曰)")
#: Single numerals and valid Chinese numbers (十, 十四, 二十, 两百); runs that
#: are not numbers (五四, 一二三) are dates or enumerations, not formulae.
CHINESE_NUMBER = re.compile(r"^(?:[一二两三四五六七八九]?百)?(?:[一二三四五六七八九]?十)?[一二两三四五六七八九]?$")

# --- Register (rhetoric.register) ---
#: Verbs that report what an authority said.
REPORTING_VERBS = ("强调", "指出", "提出", "要求", "明确", "表示", "认为", "介绍", "传达", "说")
REPORTING_VERB_CHOICE = "|".join(sorted(REPORTING_VERBS, key=len, reverse=True))
#: Authorities: the leader, central organs, plenums and congresses, and documents.
CITED_AUTHORITY = re.compile(
    r"(?P<authority>习近平总书记|习近平同志|习近平主席|习近平|总书记|党中央|中共中央|国务院|"
    r"(?:党的)?十[一-九]届[一二三四五六七八九]中全会|党的[一二三四五六七八九十]+大|中央经济工作会议|"
    r"[\u4e00-\u9fff]{2,14}(?:方案|意见|规划|决定|纲要|通知))"
    r"(?P<setting>在[^。！？；，,“”]{1,50}?(?:会议|大会|讲话|期间|时|上|中))?"
    f"(?P<verb>(?:深刻|明确|反复|多次|再次|高度)?(?:{REPORTING_VERB_CHOICE}))"
)
#: A clause: text between clause or sentence punctuation.
REGISTER_CLAUSE = re.compile(r"[^，、；：。！？,;:!?“”‘’\n]+")

# --- Parallelism (rhetoric.parallelism) ---
#: 和/与/及 between two list members of three Han characters or more.
LIST_CONJUNCTION = re.compile(f"(?<=[{HAN}]{{3}})[和与及](?=[{HAN}]{{3}})")
#: Reduplication AA再A (代理代理再代理) and placeholder runs (XX).
REDUPLICATION = re.compile(r"^(.{1,2})\1再\1$")
PLACEHOLDER_RUN = re.compile(r"X+")
PARALLEL_CLAUSE_SPLIT = re.compile(r"[，；：,;:]")
PARALLEL_ITEM_SPLIT = re.compile(r"、|(?<=”)(?=“)")
#: Clauses and items of a parallel run; a run is never made of numbered-list markers.
PARALLEL_LIST_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]+[是要、]|第[一二三四五六七八九十]+|首先|其次|再次|最后|另一方面|一方面)")

# --- Quotations and slogans (slogans.extract) ---
#: Quoted expressions (each bracket pair) and titles.
QUOTE_PATTERNS = (
    re.compile(r"“([^“”\n]{1,300})”"),
    re.compile(r"‘([^‘’\n]{1,200})’"),
    re.compile(r"「([^「」\n]{1,300})」"),
    re.compile(r"『([^『』\n]{1,200})』"),
)
TITLE_PATTERN = re.compile(r"《([^《》\n]{1,60})》")
CLAUSE_PUNCT = re.compile(r"[，；：,;:]")
#: Composite watchwords: parts joined by 、 · + or a space (时限更快、价格更优…).
COMPOSITE_SEPARATOR = re.compile(r"[、·•+＋ ]")

# --- Tokens (terms.segment) ---
#: A token that holds no letter, digit or Han character: punctuation, symbols.
NOT_A_WORD = re.compile(rf"^[^\w{HAN}]+$")
#: Numbers (Arabic, with decimal point, percent, comma) and placeholders.
NUMBER_TOKEN = re.compile(r"^[\d.,%％\-–—~～/:：]+$")
PLACEHOLDER_TOKEN = re.compile(r"^[Xx×]{2,}$")

# --- Scoring (evaluation) ---
MARKER_END = re.compile(r"[，,、：:]$")

# --- small shared patterns ---
#: A paragraph break of cleaned text.
NEWLINE = re.compile("\n")
#: A run of outline numerals (一二…十, 两) at the start of an announcement's count.
OUTLINE_NUMERAL_RUN = re.compile(f"[{OUTLINE_DIGITS}两]+")
#: A four-digit year (the slogan lexicon's first_year).
YEAR = re.compile(r"\d{4}")
#: Words that only date or order: years written out or in digits (一九五八年,
#: 一九八, 1998年, 八十年代), ordinals (第六个, 第一次) and bare numbers. Dates
#: are key for the period that talks of them, which says little about its
#: language; :meth:`corpus_utils.terms.dtm.DocumentTermCounts.remove` drops
#: them. Plan codes and formulae (六五, 十一五, 四化) are not matched: they use
#: 十 or stand in two numerals without 年.
DATE_OR_ORDINAL_WORD = re.compile(
    r"(?:[〇○零一二三四五六七八九0-9０-９]{3,4}年?|[〇○零一二三四五六七八九0-9０-９]{2}年(?:代|度)?"
    r"|[一二三四五六七八九十]十年代|第[一二两三四五六七八九十百千0-9０-９]+[个次届条项年]?|[0-9０-９.．%％]+)")
#: The numerals opening a formula.
FORMULA_NUMERALS_AT = re.compile(FORMULA_NUMERAL_RUN)
#: What a numbered-formula candidate may be written with.
FORMULA_CANDIDATE = re.compile(f"[{NUMERALS}双\\w“”‘’、·]+")
#: Quotation marks, separators and spaces, removed when a formula is normalised.
FORMULA_MARKS = re.compile(r"[“”‘’「」『』、，,；;·•\s]")
#: Separators in a list of names in the manifest (speakers: 张三; 李四).
NAME_SEPARATOR = re.compile(r"[;；]")


# --- Choosing documents (corpus.selection) ---
#: One condition on a document variable: ``level=central``, ``level=central,provincial``,
#: ``organization!=China Post``, ``year>=2000``.
WHERE_CONDITION = re.compile(r"^\s*(?P<column>[^=!<>]+?)\s*(?P<op>!=|>=|<=|=|>|<)\s*(?P<value>.*?)\s*$")


# --- The interactive explorer (interactive.explorer) ---
#: Separates the conditions typed in the explorer's ``where`` box: ``level=central; year>=2000``.
EXPLORER_CONDITION_SEPARATOR = re.compile(r"[;；]")
