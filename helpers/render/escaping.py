"""The one escape: every piece of text that reaches HTML goes through :func:`escape`."""

from __future__ import annotations

import html

import pandas as pd


def escape(text) -> str:
    """Escape any value for HTML (quotes too); None and NA become an empty string.

    Example:
        >>> escape('<script>alert("x")</script>')
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
    """
    if text is None or (not isinstance(text, (list, tuple, dict)) and pd.isna(text)):
        return ""
    return html.escape(str(text), quote=True)
