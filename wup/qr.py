"""QR codes as inline SVG (no image files, nothing to fetch, nothing under the CSP to allow): the
join code on the presenter screen and the authenticator link when a staff member sets up MFA."""

from __future__ import annotations

import io

import segno


def qr_svg(url: str, *, module_px: int | None = None) -> str:
    """Return an SVG element that encodes the URL.

    Without `module_px` the code has no size of its own and fills its container (class ww-qr);
    with it, each module is that many pixels wide.
    """
    sized = module_px is not None
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer,
        kind="svg",
        xmldecl=False,
        svgns=True,
        scale=module_px if sized else 1,
        border=2,
        omitsize=not sized,
        svgclass=None if sized else "ww-qr",
        title=None,
        dark="#000",
        light="#fff",
    )
    return buffer.getvalue().decode()
