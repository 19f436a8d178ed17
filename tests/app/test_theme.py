"""Every colour the app sets reads on its white background: WCAG 2 contrast ratio at least 4.5:1 (captions and
chart colours were below it). The ratio itself is checked against the WCAG's own reference values first."""

from __future__ import annotations

import tomllib

import pytest
from lib import theme

from pipelines.config import REPO_ROOT

CONFIG = REPO_ROOT / "app" / ".streamlit" / "config.toml"


def test_contrast_ratio_matches_the_wcag_reference_values():
    assert theme.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert theme.contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest AA grey
    assert theme.contrast_ratio("#777777", "#ffffff") < 4.5
    # Streamlit's caption colour (its text at 60 % opacity on white) and the former chart colours fail.
    for former in ("#8fb3e3", "#2a9d8f", "#e8710a", "#ff0000", "#1877f2"):
        assert theme.contrast_ratio(former) < 4.5, former


def test_theme_colours_in_config_toml_are_readable():
    configured = tomllib.loads(CONFIG.read_text())["theme"]
    background = configured["backgroundColor"]
    assert background == theme.BACKGROUND
    for key in ("textColor", "primaryColor", "linkColor"):
        assert theme.contrast_ratio(configured[key], background) >= theme.MIN_CONTRAST, key


@pytest.mark.parametrize("color", [theme.TEXT, theme.CAPTION, *theme.SERIES, *theme.PLATFORM_COLORS.values()])
def test_caption_and_chart_colours_are_readable(color):
    assert theme.contrast_ratio(color) >= theme.MIN_CONTRAST
