"""A web page's text copied with its HTML left in: "Ng&agrave;y 5/1/2017, Ban Tuy&ecirc;n gi&aacute;o
…<br /> <br /> <strong>I. MỤC Đ&Iacute;CH, Y&Ecirc;U CẦU</strong>". The tags and entities are not
words of the document: a line break or a block ends a line, other tags go, entities become their
letters. Only a text that plainly carries HTML (several entities or tags) is read so; a lone "<" or
"&" in a document stays as it is.
"""

from __future__ import annotations

import html
import re

_ENTITY = re.compile(r"&(?:[A-Za-z]{2,8}|#\d{2,6}|#[xX][0-9A-Fa-f]{2,5});")
_TAG_NAMES = (
    r"(?:p|br|span|strong|b|i|em|u|div|html|head|body|meta|table|tbody|tr|td|th|font|h[1-6])"
)
_TAG = re.compile(r"</?" + _TAG_NAMES + r"\b[^<>]*>", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BLOCK = re.compile(r"</?(?:p|div|tr|table|h[1-6])\b[^<>]*>", re.IGNORECASE)
# A tag left open by a cut copy ("<meta … charset=windows-1252"</head>"): up to the next tag.
_OPEN_TAG = re.compile(r"<" + _TAG_NAMES + r"\b[^<>]*(?=<)", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_SIGNS = 3


def looks_like_html(text: str) -> bool:
    return len(_ENTITY.findall(text)) >= _SIGNS or len(_TAG.findall(text)) >= _SIGNS


def html_to_text(text: str) -> str:
    """The text without its HTML, when it carries some; otherwise unchanged."""
    if not looks_like_html(text):
        return text
    text = _BREAK.sub("\n", text)
    text = _BLOCK.sub("\n\n", text)
    text = _OPEN_TAG.sub("", text)
    text = _ANY_TAG.sub("", text)
    text = html.unescape(text).replace("\u00a0", " ")
    # A break written as "<br />" keeps the space that followed it at the start of the next line.
    return re.sub(r"[ \t]*\n[ \t]*", "\n", text)
