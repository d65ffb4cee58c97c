"""Colour arithmetic for a municipality's theme: which text colour stays readable on it."""

from __future__ import annotations


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    """Return the WCAG relative luminance of a #rrggbb colour."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str, b: str) -> float:
    """Return the WCAG contrast ratio between two #rrggbb colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def contrast_text_colour(background: str) -> str:
    """Return white or near-black, whichever reads better on the background."""
    dark = "#000000"  # pure black: with white, it reaches 4.5:1 on every background
    white = "#ffffff"
    return white if contrast_ratio(background, white) >= contrast_ratio(background, dark) else dark
