"""Compiled regular expressions, in one place.

Every rule in :mod:`corpus_utils.cleaning`, :mod:`corpus_utils.metadata` and
:mod:`corpus_utils.sentences` takes its patterns from here, so that a reader
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
#: Paywall and download prompts of document-sharing sites.
PAYWALL_LINE = re.compile(
    r"(?:免费阅读已结束|阅读已结束|下载(?:文档|本文|全文)|点击下载|下载阅读|离线阅读|"
    r"剩余\s*\d*\s*页未读|继续阅读|付费(?:阅读|下载)|VIP|会员(?:免费|专享|下载)|"
    r"赏杯茶|打赏|文档很辛苦|资源描述|原创力文档|文档投稿|编辑使用)",
    re.IGNORECASE,
)
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
BYLINE_FIELD = re.compile(r"(?:作者|来源|发布时间|发布日期|责任编辑|编辑|记者|通讯员|浏览次数|点击数)\s*[:：]")
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
    f"(?<=[{HAN}])[{HAN}]{{2}}(?=[a-z0-9]*[a-z])(?=[a-z]*[0-9])[a-z0-9]{{2,10}}{SPAM_SUFFIX}的?(?=[{HAN}])"
)
#: A bare mixed lowercase-letter + digit token glued between Han characters
#: (k8, ag88, 365bet): never a technical term, which are upper case (5G, G20, B2B).
SEO_SPAM_TOKEN = re.compile(
    f"(?<=[{HAN}])(?=[a-z0-9]*[a-z])(?=[a-z]*[0-9])[a-z0-9]{{2,10}}(?=[{HAN}])"
)

#: Where to look for spam at all: a lowercase letter next to a digit.
SEO_SPAM_CANDIDATE = re.compile(r"[a-z][0-9]|[0-9][a-z]")
SEO_SPAM_TOKEN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")

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
