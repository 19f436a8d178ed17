"""The brand and its products (a Canadian direct-to-consumer outdoor-apparel shop)."""

from __future__ import annotations

from dataclasses import dataclass

BRAND = "Boreal & Co."
SHOP_URL = "https://shop.example.com"
IG_ACCOUNT_ID = "17841400000000001"
IG_USERNAME = "borealandco"
FB_PAGE_ID = "104512345678901"
FB_PAGE_NAME = "Boreal & Co."


@dataclass(frozen=True)
class Product:
    handle: str
    name_en: str
    name_fr: str
    variant: str
    sku: str
    price: float
    compare_at: float | None
    weight: float  # how often it sells


PRODUCTS: tuple[Product, ...] = (
    Product("merino-toque", "Merino Toque", "Tuque en mérinos", "Charcoal", "BC-TOQ-CHR", 38.0, None, 9),
    Product("merino-toque", "Merino Toque", "Tuque en mérinos", "Forest", "BC-TOQ-FOR", 38.0, None, 7),
    Product(
        "wool-socks-3pk",
        "Wool Hiking Socks 3-Pack",
        "Bas de randonnée en laine (3)",
        "M",
        "BC-SOX-3M",
        34.0,
        42.0,
        10,
    ),
    Product(
        "wool-socks-3pk",
        "Wool Hiking Socks 3-Pack",
        "Bas de randonnée en laine (3)",
        "L",
        "BC-SOX-3L",
        34.0,
        42.0,
        8,
    ),
    Product(
        "sherpa-fleece",
        "Sherpa Fleece Jacket",
        "Veste en molleton sherpa",
        "Oat / M",
        "BC-FLC-OAT-M",
        129.0,
        None,
        5,
    ),
    Product(
        "sherpa-fleece",
        "Sherpa Fleece Jacket",
        "Veste en molleton sherpa",
        "Black / L",
        "BC-FLC-BLK-L",
        129.0,
        None,
        4,
    ),
    Product(
        "down-vest",
        "Packable Down Vest",
        "Veste sans manches en duvet",
        "Navy / M",
        "BC-VST-NVY-M",
        149.0,
        179.0,
        3,
    ),
    Product(
        "canvas-daypack",
        "Waxed Canvas Daypack",
        "Sac à dos en toile cirée",
        "Olive",
        "BC-PCK-OLV",
        119.0,
        None,
        4,
    ),
    Product(
        "enamel-mug", "Enamel Camp Mug", "Tasse de camping émaillée", "Cream", "BC-MUG-CRM", 22.0, None, 8
    ),
    Product(
        "flannel-shirt",
        "Heritage Flannel Shirt",
        "Chemise en flanelle Héritage",
        "Red Plaid / M",
        "BC-FLN-RED-M",
        89.0,
        None,
        5,
    ),
    Product(
        "flannel-shirt",
        "Heritage Flannel Shirt",
        "Chemise en flanelle Héritage",
        "Red Plaid / L",
        "BC-FLN-RED-L",
        89.0,
        None,
        4,
    ),
    Product(
        "mittens",
        "Lined Leather Mittens",
        "Mitaines doublées en cuir",
        "Tan / S-M",
        "BC-MIT-TAN-SM",
        64.0,
        None,
        3,
    ),
    Product(
        "blanket", "Wool Camp Blanket", "Couverture de camp en laine", "Stripe", "BC-BLK-STR", 159.0, 189.0, 2
    ),
    Product(
        "candle", "Cedar & Smoke Candle", "Chandelle cèdre et fumée", "8 oz", "BC-CND-CED", 28.0, None, 6
    ),
    Product("gift-card", "Gift Card", "Carte-cadeau", "$50", "", 50.0, None, 2),
)


def line_name(product: Product) -> str:
    """Shopify's `Lineitem name`: `<title> - <variant>`."""
    return f"{product.name_en} - {product.variant}"


def product_url(product: Product) -> str:
    return f"{SHOP_URL}/products/{product.handle}"
