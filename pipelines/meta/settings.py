"""Meta Business Suite exports for Instagram and Facebook: post exports (Insights → Content → Export) and
account-level exports (Insights → Results / Audience → Export, one CSV per metric).

Post exports:

Kind of figures: a file whose `Date` column says `Lifetime` (`Total` in Spanish) holds each post's lifetime
totals as of the download (a SNAPSHOT, dated by the best evidence of the download: see `snapshot_date` in
pipelines/meta/__init__.py; the second date of Meta's file name `Aug-01-2026_Aug-31-2026_<id>.csv` ends the
selected range, it is not the download day); a file whose `Date` holds a day holds that day's own figures
(DAILY). The two are told apart row by row and never added together. Numbers and dates are typed per file
(pipelines/meta/conventions.py): counts whole, `Seconds viewed` and the like decimal measures.
Grain: one row per account × post × period kind × period date (snapshot date or day); merge on those four.
The account is the export's own Page / account column (`POST_ACCOUNT_COLUMNS`).
Meta renamed `Impressions` (and `Plays`) to `Views` in late 2024: both load into `views`, and
`views_reported_as` records the header the figure came under.

Account-level exports (see `ACCOUNT_METRICS` below): PER-DAY figures, one file per metric.
"""

from __future__ import annotations

import re
from datetime import date

import pyarrow as pa

from pipelines.files import values
from pipelines.files.tabular import Column, Layout

INSTAGRAM_TABLE = "meta_instagram_posts"
FACEBOOK_TABLE = "meta_facebook_posts"
PRIMARY_KEY = ("account", "post_id", "period_kind", "period_date")
# The account of a post row is the export's own column, first of these that is filled: the Instagram
# account's username (its handle; its display name and id as fallbacks), the Facebook Page's name (its id as
# fallback). Without them (a trimmed export), the folder or file name (pipelines/files/accounts.py).
POST_ACCOUNT_COLUMNS = {
    "instagram": ("account_username", "account_name", "account_id"),
    "facebook": ("page_name", "page_id"),
}

FILE_NAME_DATE = "%b-%d-%Y"

# --- interface languages -----------------------------------------------------------------------------------
#
# Meta writes the headers (and the `Date` column's `Lifetime`) in the exporting user's interface language.
# Every alias below is matched case- and space-insensitively; a file is recognised by its header, in any of
# these languages. Where each text comes from (public material, and which ones are unverified) is in
# docs/inputs.md ("Meta exports in other interface languages").
# The language of a file is the language of its `Post ID` header: it gives the defaults a file's own values
# cannot settle (decimal mark of `1.234`, day order of `03/04/2026`), see pipelines/meta/conventions.py.
LANGUAGES: dict[str, tuple[str, str]] = {
    # language: (decimal mark, day order of a slashed date: "mdy" | "dmy")
    "en": (".", "mdy"),
    "es": (",", "dmy"),
    "fr": (",", "dmy"),
    "pt": (",", "dmy"),
    "de": (",", "dmy"),
}
POST_ID_HEADERS: dict[str, tuple[str, ...]] = {
    "en": ("Post ID",),
    "es": ("Identificador de la publicación", "ID de la publicación"),
    "fr": ("Identifiant de la publication", "ID de la publication"),
    "pt": ("Identificação da publicação", "Identificador da publicação", "ID da publicação"),
    "de": ("Beitrags-ID", "ID des Beitrags"),
}
# `Date` = `Lifetime` (a snapshot) in each language; any other value must be a day.
LIFETIME_LABELS = ("lifetime", "total", "durée de vie", "à vie", "vitalício", "total vitalício", "gesamt",
                   "gesamtlaufzeit", "lebensdauer")  # fmt: skip
PUBLISH_FORMATS = {
    "mdy": ("%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M %p", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%d.%m.%Y %H:%M"),
    "dmy": ("%d/%m/%Y %H:%M", "%d/%m/%Y %I:%M %p", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%d.%m.%Y %H:%M"),
}
DAY_FORMATS = {
    "mdy": ("%m/%d/%Y", "%Y-%m-%d", "%d.%m.%Y"),
    "dmy": ("%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y"),
}

# --- kinds of number (docs/content_metrics.md "Counts and measures") -----------------------------------------
# A COUNT is a number of people or events: whole (`3.0` is 3, `3.5` is rejected naming the file, line and
# column). A MEASURE is a quantity Meta itself writes with a fraction: watch time in seconds summed over
# viewers (`Seconds viewed` = 182045.947 in real Facebook video, reel and live rows), its average, and a
# video's duration. Every number column is read as text and typed per file (decimal mark decided from the
# whole file) by pipelines/meta/conventions.py.
MEASURES = ("seconds_viewed", "average_seconds_viewed", "duration_s")


def _text(name: str, *aliases: str, required: bool = False) -> Column:
    return Column(name, aliases, pa.string(), values.clean, required=required, required_value=required)


def _number(name: str, *aliases: str, required: bool = False) -> Column:
    """A count or measure column, read as text and typed per file (see COUNTS and MEASURES)."""
    return Column(name, aliases, pa.string(), values.clean, required=required)


def _common_head(views_required: bool) -> tuple[Column, ...]:
    post_ids = tuple(header for headers in POST_ID_HEADERS.values() for header in headers)
    return (
        Column("post_id", post_ids, pa.string(), values.parse_id, required=True, required_value=True),
        _text("description", "Description", "Descripción", "Descrição", "Beschreibung"),
        _number(
            "duration_s",
            "Duration (sec)",
            "Duración (s)",
            "Duración (seg.)",
            "Durée (s)",
            "Durée (sec)",
            "Duração (s)",
            "Duração (seg)",
            "Dauer (Sek.)",
            "Dauer (s)",
        ),
        _text(
            "published_at_local",
            "Publish time",
            "Hora de publicación",
            "Heure de publication",
            "Horário de publicação",
            "Hora da publicação",
            "Veröffentlichungszeitpunkt",
            "Veröffentlichungszeit",
            required=True,
        ),
        _text("permalink", "Permalink", "Enlace permanente", "Lien permanent", "Link permanente"),
        _text(
            "post_type",
            "Post type",
            "Tipo de publicación",
            "Type de publication",
            "Tipo de publicação",
            "Tipo de post",
            "Beitragstyp",
            "Beitragsart",
        ),
        _text(
            "data_comment",
            "Data comment",
            "Comentario de datos",
            "Commentaire sur les données",
            "Comentário de dados",
            "Datenkommentar",
        ),
        _text("period_label", "Date", "Fecha", "Data", "Datum", required=True),
        _number(
            "views",
            "Views",
            "Impressions",
            "Plays",
            "Visualizaciones",
            "Impresiones",
            "Reproducciones",
            "Vues",
            "Impressions",
            "Lectures",
            "Visualizações",
            "Impressões",
            "Reproduções",
            "Aufrufe",
            "Impressionen",
            "Wiedergaben",
            required=views_required,
        ),
        _number("reach", "Reach", "Alcance", "Couverture", "Portée", "Reichweite"),
        _number(
            "shares",
            "Shares",
            "Veces que se compartió",
            "Compartidos",
            "Partages",
            "Compartilhamentos",
            "Mal geteilt",
            "Geteilte Inhalte",
        ),
        _number("comments", "Comments", "Comentarios", "Commentaires", "Comentários", "Kommentare"),
    )


INSTAGRAM = Layout(
    name="Meta Business Suite Instagram posts",
    columns=(
        *_common_head(views_required=True),
        Column(
            "account_id",
            (
                "Account ID",
                "Identificador de la cuenta",
                "Identifiant du compte",
                "Identificação da conta",
                "Konto-ID",
            ),
            pa.string(),
            values.parse_id,
        ),
        _text(
            "account_username",
            "Account username",
            "Nombre de usuario de la cuenta",
            "Nom d’utilisateur du compte",
            "Nom d'utilisateur du compte",
            "Nome de usuário da conta",
            "Benutzername des Kontos",
        ),
        _text(
            "account_name",
            "Account name",
            "Nombre de la cuenta",
            "Nom du compte",
            "Nome da conta",
            "Kontoname",
        ),
        _number(
            "likes",
            "Likes",
            "Me gusta",
            "J’aime",
            "J'aime",
            "Mentions J’aime",
            "Mentions J'aime",
            "Curtidas",
            "Gefällt mir",
            "„Gefällt mir“-Angaben",
            "Gefällt mir-Angaben",
        ),
        _number(
            "follows",
            "Follows",
            "Seguimientos",
            "Nuevos seguidores",
            "Abonnements",
            "Suivis",
            "Seguimentos",
            "Novos seguidores",
            "Follower",
            "Neue Follower",
        ),
        _number(
            "saves",
            "Saves",
            "Veces que se guardó",
            "Guardados",
            "Enregistrements",
            "Salvamentos",
            "Gespeichert",
            "Speicherungen",
        ),
        _number(
            "profile_visits",
            "Profile visits",
            "Visitas al perfil",
            "Visites du profil",
            "Visitas ao perfil",
            "Profilaufrufe",
            "Profilbesuche",
        ),
    ),
    total_row_columns=("post_id",),
)

FACEBOOK = Layout(
    name="Meta Business Suite Facebook posts",
    columns=(
        *_common_head(views_required=False),
        Column(
            "page_id",
            (
                "Page ID",
                "Identificador de la página",
                "Identifiant de la Page",
                "Identificação da Página",
                "Seiten-ID",
            ),
            pa.string(),
            values.parse_id,
        ),
        _text(
            "page_name", "Page name", "Nombre de la página", "Nom de la Page", "Nome da Página", "Seitenname"
        ),
        _text("title", "Title", "Título", "Titre", "Titel"),
        _text("caption_type", "Caption type"),
        _text("is_crosspost", "Is crosspost"),
        _text("is_share", "Is share"),
        _text("languages", "Languages", "Idiomas", "Langues", "Sprachen"),
        _text(
            "custom_labels",
            "Custom labels",
            "Etiquetas personalizadas",
            "Libellés personnalisés",
            "Rótulos personalizados",
            "Benutzerdefinierte Labels",
        ),
        _text("funded_content_status", "Funded content status"),
        _number(
            "reactions_comments_shares",
            "Reactions, Comments and Shares",
            "Reacciones, comentarios y veces que se compartió",
            "Reacciones, comentarios y compartidos",
            "Réactions, commentaires et partages",
            "Reações, comentários e compartilhamentos",
            "Reaktionen, Kommentare und geteilte Inhalte",
        ),
        _number("reactions", "Reactions", "Reacciones", "Réactions", "Reações", "Reaktionen"),
        _number(
            "total_clicks",
            "Total clicks",
            "Total de clics",
            "Clics totaux",
            "Total de cliques",
            "Klicks insgesamt",
        ),
        _number(
            "other_clicks", "Other Clicks", "Otros clics", "Autres clics", "Outros cliques", "Andere Klicks"
        ),
        _number(
            "link_clicks",
            "Link Clicks",
            "Clics en el enlace",
            "Clics sur un lien",
            "Clics sur le lien",
            "Cliques no link",
            "Link-Klicks",
        ),
        _number(
            "seconds_viewed",
            "Seconds viewed",
            "Segundos reproducidos",
            "Segundos vistos",
            "Secondes vues",
            "Segundos visualizados",
            "Angesehene Sekunden",
        ),
        _number(
            "average_seconds_viewed",
            "Average Seconds viewed",
            "Promedio de segundos reproducidos",
            "Promedio de segundos vistos",
            "Moyenne de secondes vues",
            "Média de segundos visualizados",
            "Durchschnittlich angesehene Sekunden",
        ),
        _number(
            "video_views_3s",
            "3-second video views",
            "Reproducciones de video de 3 segundos",
            "Vues de vidéo de 3 secondes",
            "Visualizações de vídeo de 3 segundos",
            "3-Sekunden-Videoaufrufe",
        ),
        _number(
            "video_views_1m",
            "1-minute video views",
            "Reproducciones de video de 1 minuto",
            "Vues de vidéo d’une minute",
            "Visualizações de vídeo de 1 minuto",
            "1-Minuten-Videoaufrufe",
        ),
        _number("views_organic", "Views from Organic posts", "Impressions from Organic posts"),
        _number("views_boosted", "Views from Boosted posts", "Impressions from Boosted posts"),
        _number("reach_organic", "Reach from Organic posts"),
        _number("reach_boosted", "Reach from Boosted posts"),
    ),
    total_row_columns=("post_id",),
)
COUNTS = (
    "views", "reach", "shares", "comments", "likes", "follows", "saves", "profile_visits",
    "reactions_comments_shares", "reactions", "total_clicks", "other_clicks", "link_clicks", "video_views_3s",
    "video_views_1m", "views_organic", "views_boosted", "reach_organic", "reach_boosted",
)  # fmt: skip


# --- account-level exports: Insights → Results / Audience → Export ---------------------------------------
#
# Kind of figures: PER DAY. One CSV per metric, UTF-16LE with a BOM, CRLF (LF in some downloads), every
# field quoted:
#     sep=,
#     "Instagram follows"          <- the title line names the metric, and usually the platform
#     "Date","Primary"             <- `Primary` is that day's own value for the chosen range
#     "2026-08-01T00:00:00","14"
# `follows` are the NEW follows of that day (gains), never the follower total; `reach`, `views`,
# `profile_visits`, `page_visits` are that day's own figures. Facebook files may carry more columns (a
# comparison period, headed by that period): they are ignored, so the raw table keeps its grain.
# These files sit in content/instagram/ and content/facebook/ beside the post exports and are told apart
# from them by their content (title line + `Date`,`Primary` header), never by their name.
#
# The title, in any interface language, resolves to (platform, metric) by one rule (`account_metric`):
# - the platform is the word `Instagram` or `Facebook` in the title (`Instagram follows`, `Alcance do
#   Instagram`, `Seguidores de Instagram`, `Instagram-Reichweite`), and `platform_source` = `title`;
# - what remains, without the connecting words next to the platform word (`de`, `do`, `no`, `ao`, …), is
#   looked up in ACCOUNT_METRIC_TITLES (`follows`, `alcance`, `visitas ao perfil`, …);
# - a title without a platform word (`Alcance`, `Visualizaciones`, `Views`, `Content interactions`: Meta
#   writes these for the Facebook Page in English too) takes the platform from the folder the file was
#   dropped in (content/instagram/ or content/facebook/), and `platform_source` = `folder`; in a file of
#   several blocks (a Facebook one, then an Instagram one), the platform the other titles do not name
#   (`other_titles`). A platform-less title outside those folders is rejected.
# A title missing from this table rejects the whole file. Grain: one row per account × platform × metric ×
# day; merge on those four. `metric_reported_as` keeps the title as written.
# These files do not name their account: it is the one account the post exports of that platform in the
# same folder name (so a folder of one Page's downloads is that Page's, as the post rows say), else the
# account folder or file name (pipelines/files/accounts.py), else `''`. Two Pages' post exports in the
# folder of an account-level file reject it: which Page's figures they are cannot be told (put each Page's
# files in a folder of its own).
ACCOUNT_TABLE = "meta_account_daily"
ACCOUNT_KEY = ("account", "platform", "metric", "metric_date")
PLATFORM_WORDS = {"instagram": "instagram", "facebook": "facebook"}
TITLE_CONNECTORS = {"de", "del", "la", "el", "do", "da", "no", "na", "ao", "à", "a", "en", "du", "des", "sur",
                    "von", "auf", "bei", "in", "on", "of"}  # fmt: skip
ACCOUNT_METRIC_TITLES: dict[str, dict[str, str]] = {
    # title without the platform word -> metric, per interface language (the language gives the defaults
    # for the file's number and date conventions)
    "en": {  # `Instagram follows`, `Facebook Page reach`; without the platform: `Views`, `Viewers`
        "follows": "follows", "reach": "reach", "page reach": "reach", "views": "views", "viewers": "viewers",
        "profile visits": "profile_visits", "visits": "page_visits", "page visits": "page_visits",
        "content interactions": "content_interactions", "link clicks": "link_clicks",
    },
    "es": {  # `Seguidores de Instagram`, `Alcance`, `Visualizaciones`, `Interacciones con el contenido`
        "seguidores": "follows", "seguimientos": "follows", "alcance": "reach",
        "alcance de la página": "reach", "visualizaciones": "views", "espectadores": "viewers",
        "visitas al perfil": "profile_visits", "visitas": "page_visits",
        "interacciones con el contenido": "content_interactions", "clics en el enlace": "link_clicks",
    },
    "pt": {  # `Alcance do Instagram`, `Alcance no Facebook`, `Visitas ao perfil do Instagram`, `Seguidores`
        "seguidores": "follows", "seguidos": "follows", "alcance": "reach", "visualizações": "views",
        "espectadores": "viewers", "visitas ao perfil": "profile_visits", "visitas": "page_visits",
        "interações com o conteúdo": "content_interactions", "cliques no link": "link_clicks",
    },
    "fr": {
        "abonnés": "follows", "abonnements": "follows", "couverture": "reach", "vues": "views",
        "spectateurs": "viewers", "visites du profil": "profile_visits", "visites": "page_visits",
        "interactions avec le contenu": "content_interactions", "clics sur un lien": "link_clicks",
        "clics sur le lien": "link_clicks",
    },
    "de": {
        "follower": "follows", "reichweite": "reach", "aufrufe": "views", "zuschauer": "viewers",
        "profilaufrufe": "profile_visits", "besuche": "page_visits",
        "interaktionen mit inhalten": "content_interactions", "link klicks": "link_clicks",
    },
}  # fmt: skip
ACCOUNT_DAY_FORMATS = {
    "mdy": ("%Y-%m-%d", "%m/%d/%Y", "%d.%m.%Y"),
    "dmy": ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"),
}
ISO_DAY_PREFIX = re.compile(r"\d{4}-\d{2}-\d{2}")


def normalise_title(title: str) -> str:
    return " ".join(title.replace("\ufeff", "").strip().strip('"').lower().split())


def account_metric(title: str) -> tuple[str | None, str, str] | None:
    """(platform or None when the title does not name it, metric, language) of an account-level export's
    title line, or None for an unknown title."""
    words = normalise_title(title).replace("-", " ").split()
    platforms = {PLATFORM_WORDS[word] for word in words if word in PLATFORM_WORDS}
    if len(platforms) > 1:
        return None
    at = [position for position, word in enumerate(words) if word in PLATFORM_WORDS]
    rest = [word for word in words if word not in PLATFORM_WORDS]
    if at:
        # drop the connecting words that tied the platform word to the metric (`alcance do instagram`)
        before, after = words[: at[0]], words[at[0] + 1 :]
        while before and before[-1] in TITLE_CONNECTORS:
            before.pop()
        while after and after[0] in TITLE_CONNECTORS:
            after.pop(0)
        rest = before + after
    phrase = " ".join(rest)
    for language, titles in ACCOUNT_METRIC_TITLES.items():
        if phrase in titles:
            return (platforms.pop() if platforms else None), titles[phrase], language
    return None


def parse_account_day(value: str | None, order: str = "mdy") -> date | None:
    """`2026-08-01T00:00:00` (Meta's form) or a plain day: the day as written, any time or offset ignored."""
    text = values.clean(value)
    if text is None:
        return None
    prefix = ISO_DAY_PREFIX.match(text)
    return values.parse_date(prefix.group(0) if prefix else text, ACCOUNT_DAY_FORMATS[order])


ACCOUNT = Layout(
    name="Meta Business Suite account metric per day (title line, Date, Primary)",
    columns=(
        Column("metric_date", ("Date", "Fecha", "Data", "Datum"), pa.string(), values.clean, required=True,
               required_value=True),
        Column("value", ("Primary", "Principal", "Primário", "Primär"), pa.string(), values.clean,
               required=True),
    ),
)  # fmt: skip
