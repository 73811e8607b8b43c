"""Plain text as people typed it: escaped, line breaks kept, web addresses made into links."""

import re

from markupsafe import Markup, escape

# http(s) addresses and www. addresses; trailing punctuation stays outside the link.
URL_PATTERN = re.compile(r"\b((?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]}])", re.IGNORECASE)


def linkify(text: str | None) -> Markup:
    """Escape everything, then turn addresses into rel="nofollow ugc noopener" links."""
    if not text:
        return Markup("")
    pieces: list[Markup] = []
    position = 0
    for match in URL_PATTERN.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        address = match.group(1)
        href = address if address.lower().startswith("http") else f"https://{address}"
        pieces.append(
            Markup('<a href="{}" rel="nofollow ugc noopener">{}</a>').format(href, address)
        )
        position = match.end()
    pieces.append(escape(text[position:]))
    html = Markup("").join(pieces)
    return Markup(html.replace("\r\n", "\n").replace("\n", Markup("<br>\n")))
