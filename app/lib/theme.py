"""The app's colours, each readable on the page's white background (WCAG 2 contrast ratio at least 4.5:1).

Streamlit's captions are its text colour at 60 % opacity (about 3.7:1 on white) and the former chart colours
included #8fb3e3 and #2a9d8f (2–3:1): too faint for a team lead reading on a laptop in daylight. The theme in
app/.streamlit/config.toml sets the text and accent colours; `apply()` sets the caption colour (Streamlit has
no theme option for it); the charts take their series colours from here. tests/app/test_theme.py checks every
colour listed here and in config.toml against the background with `contrast_ratio`.
"""

from __future__ import annotations

import streamlit as st

BACKGROUND = "#ffffff"
TEXT = "#1d2130"
CAPTION = "#4a4f5c"
MIN_CONTRAST = 4.5

# Chart series, in order of use: dark blue, teal, burnt orange, violet, olive, crimson.
SERIES = ("#1f4e8c", "#00695c", "#b0440a", "#6b3fa0", "#6b6200", "#b0123f")
PLATFORM_COLORS = {
    "instagram": "#a8236b",
    "facebook": "#1558b0",
    "tiktok": "#111111",
    "youtube": "#c00010",
    "linkedin": "#0a5a9c",
    "x": "#3d3d3d",
}


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(color: str) -> float:
    """WCAG 2 relative luminance of a '#rrggbb' colour."""
    color = color.lstrip("#")
    r, g, b = (int(color[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(foreground: str, background: str = BACKGROUND) -> float:
    """WCAG 2 contrast ratio (L1 + 0.05) / (L2 + 0.05), from 1 to 21."""
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def apply() -> None:
    """Set what the theme cannot: captions (and the metric help text) in CAPTION instead of faded text."""
    st.html(
        f"""<style>
        [data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
        [data-testid="stWidgetLabel"] small {{ color: {CAPTION} !important; opacity: 1 !important; }}
        </style>"""
    )
