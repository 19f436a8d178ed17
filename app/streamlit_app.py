"""socialkpi app: navigation, the shared filters, then the selected page.

Run with `make app` (or `streamlit run app/streamlit_app.py`). It reads the read-only serving copy of the
warehouse that `make run` publishes; $SOCIALKPI_WAREHOUSE picks another warehouse.
"""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run` puts this folder on sys.path, AppTest does not: make `lib` importable under both, and
# `pipelines` (the shared paths) importable even without the editable install.
APP_DIR = Path(__file__).resolve().parent
for _path in (APP_DIR, APP_DIR.parent):
    if str(_path) not in sys.path:
        sys.path.insert(0 if _path == APP_DIR else len(sys.path), str(_path))

import streamlit as st  # noqa: E402
from lib import filters, theme, warehouse  # noqa: E402

st.set_page_config(layout="wide", page_title="socialkpi", page_icon=":material/monitoring:")

pages = [
    st.Page(
        APP_DIR / "app_pages" / "onepager.py", title="One-pager", icon=":material/summarize:", default=True
    ),
    st.Page(APP_DIR / "app_pages" / "operations.py", title="Operations", icon=":material/forum:"),
    st.Page(APP_DIR / "app_pages" / "content.py", title="Content", icon=":material/photo_library:"),
    st.Page(APP_DIR / "app_pages" / "all_kpis.py", title="All KPIs", icon=":material/table_chart:"),
    st.Page(
        APP_DIR / "app_pages" / "attribution.py", title="Attribution & ROI", icon=":material/conversion_path:"
    ),
    st.Page(APP_DIR / "app_pages" / "quality.py", title="Data quality", icon=":material/verified:"),
]
page = st.navigation(pages)
# Each browser tab names its page ("Operations · socialkpi"), not only the app.
st.set_page_config(page_title=f"{page.title} · socialkpi")
theme.apply()


def not_ready(reason: str) -> None:
    """Explain that there is nothing to show yet and how to build it, then stop."""
    st.title(page.title)
    st.warning(reason, icon=":material/database:")
    st.markdown("Build the warehouse from the bundled sample data (load, transform, check, publish) with:")
    st.code(warehouse.BUILD_COMMAND, language="bash")
    st.caption(
        f"The app reads the published, read-only copy `{warehouse.serving_file()}`. "
        "Set SOCIALKPI_WAREHOUSE to read another warehouse."
    )
    st.stop()


snap = warehouse.snapshot()
if snap is None:
    not_ready(f"No warehouse has been published at `{warehouse.serving_file()}` yet.")

try:
    scope = filters.render_sidebar(snap)
except warehouse.WarehouseNotReady as exc:
    not_ready(f"The published warehouse is not complete: {exc}")

if scope is None:
    not_ready(
        f"The published warehouse `{snap.path}` has no data yet: no conversations, content, orders or costs "
        "were loaded. Add your exports to the landing folder (docs/inputs.md) and run `socialkpi run`."
    )

try:
    page.run()
except warehouse.WarehouseNotReady as exc:  # a table or column a page reads is missing: say which, plainly
    not_ready(f"The published warehouse is not complete: {exc}")
