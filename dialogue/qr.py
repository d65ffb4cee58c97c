"""QR codes as inline SVG (no image files, nothing to fetch, nothing under the CSP to allow)."""

from __future__ import annotations

import io

import segno


def qr_svg(url: str) -> str:
    """Return an SVG element that encodes the URL, sized by its container."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer,
        kind="svg",
        xmldecl=False,
        svgns=True,
        scale=1,
        border=2,
        omitsize=True,
        svgclass="ww-qr",
        title=None,
        dark="#000",
        light="#fff",
    )
    return buffer.getvalue().decode()
