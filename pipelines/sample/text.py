"""Fake but plausible message texts and post captions, in English and Canadian French."""

from __future__ import annotations

import random

from .catalog import PRODUCTS

CUSTOMER_EN: dict[str, tuple[str, ...]] = {
    "purchase": (
        "Hi! Is the {p} still available in {v}?",
        "Do you ship to {city}? Want to order the {p} before the weekend",
        "how much is shipping for the {p}",
        "Is there a discount on the {p} right now?",
        "Hey, can I get the {p} in a bigger size?",
        "Thinking of getting the {p} as a gift, does it come in a box?",
    ),
    "question": (
        "What's the difference between the {p} and the one from last year?",
        "Is the {p} machine washable?",
        "Where is your store located? Can I try the {p} on?",
        "Do you restock the {v} {p}?",
    ),
    "support": (
        "My order #{o} hasn't arrived yet, can you check?",
        "Tracking for order #{o} hasn't moved in 4 days",
        "I need to change the address on order #{o}",
        "How do I exchange the {p} for another size?",
        "The discount code didn't work at checkout",
    ),
    "complaint": (
        "The {p} I got is already falling apart. Really disappointed.",
        "Still no answer about my order #{o}... this is the third message",
        "Wrong size sent AGAIN. Not impressed.",
        "Paid for expedited shipping and it took 9 days",
    ),
    "refund": (
        "I want a refund for order #{o}, the {p} arrived damaged",
        "How long does a refund take? Returned the {p} two weeks ago",
    ),
    "praise": (
        "Love my new {p}!! Best purchase this year",
        "Just wanted to say the {p} is amazing, wearing it every day",
        "Obsessed with this 😍",
        "Great quality, fast shipping, thank you!",
    ),
    "influencer": (
        "Hi! I'm a creator in {city} (40k followers), would love to collab on the {p}",
        "Hello, I run an outdoor blog and would like to feature your {p}. Who can I talk to?",
        "We're a small business in {city} interested in wholesale, do you have a catalogue?",
    ),
    "spam": (
        "Get 10k followers today!!! DM us 🔥🔥",
        "Promote your page on our network, cheap prices, link in bio",
        "Congratulations you won! Claim your prize at bit.ly/xxxxx",
    ),
    "followup": ("hello?", "Any update?", "ok thanks", "Sure, here it is", "Perfect 👍", "still waiting..."),
}

CUSTOMER_FR: dict[str, tuple[str, ...]] = {
    "purchase": (
        "Bonjour! Est-ce que la {p} est encore disponible en {v}?",
        "Livrez-vous à {city}? J'aimerais commander la {p} avant la fin de semaine",
        "C'est combien la livraison pour la {p}?",
        "Y a-t-il un rabais sur la {p} en ce moment?",
        "Allo, avez-vous la {p} dans une plus grande taille?",
    ),
    "question": (
        "Est-ce que la {p} va à la laveuse?",
        "Où est votre magasin? Je peux essayer la {p}?",
        "Allez-vous recevoir la {p} en {v} bientôt?",
    ),
    "support": (
        "Ma commande #{o} n'est pas encore arrivée, pouvez-vous vérifier?",
        "Le suivi de la commande #{o} ne bouge plus depuis 4 jours",
        "Je dois changer l'adresse de la commande #{o}",
        "Comment échanger la {p} pour une autre taille?",
    ),
    "complaint": (
        "La {p} que j'ai reçue est déjà brisée. Vraiment déçue.",
        "Toujours pas de réponse pour ma commande #{o}... c'est mon troisième message",
        "Pas de service en français?? Ça fait deux jours que j'attends",
    ),
    "refund": (
        "Je voudrais un remboursement pour la commande #{o}, la {p} est arrivée endommagée",
        "Combien de temps pour un remboursement? J'ai retourné la {p} il y a deux semaines",
    ),
    "praise": (
        "J'adore ma nouvelle {p}!! Meilleur achat de l'année",
        "Super qualité, livraison rapide, merci!",
        "Trop belle 😍",
    ),
    "influencer": (
        "Bonjour! Je suis créatrice de contenu à {city}, j'aimerais collaborer avec vous",
        "Nous sommes une boutique à {city}, offrez-vous la vente en gros?",
    ),
    "spam": (
        "Gagnez 10k abonnés aujourd'hui!!! Écrivez-nous 🔥",
        "Promo incroyable sur notre site, lien en bio",
    ),
    "followup": ("allo?", "Des nouvelles?", "ok merci", "Parfait 👍", "j'attends toujours..."),
}

AGENT_EN = (
    "Hi {n}! Thanks for reaching out. Let me check that for you.",
    "Hi {n}, thanks for your patience! I've looked into it and {detail}",
    "Happy to help! {detail}",
    "Sorry about that, {n}. {detail}",
)
AGENT_FR = (
    "Bonjour {n}! Merci de nous écrire. Je vérifie pour vous.",
    "Bonjour {n}, merci de votre patience! J'ai vérifié et {detail}",
    "Avec plaisir! {detail}",
    "Désolée pour ce délai, {n}. {detail}",
)
DETAIL_EN = (
    "it's in stock and ships within 1 business day.",
    "your parcel is with Canada Post and should arrive Thursday.",
    "I've sent a prepaid return label to your email.",
    "the new shipment lands next week.",
)
DETAIL_FR = (
    "c'est en stock et expédié en 1 jour ouvrable.",
    "votre colis est chez Postes Canada et devrait arriver jeudi.",
    "je vous ai envoyé une étiquette de retour prépayée par courriel.",
    "le nouvel arrivage est prévu la semaine prochaine.",
)
COMMENT_REPLY_EN = (
    "Thank you {n}! 🧡",
    "So glad you love it!",
    "Sent you a DM 📩",
    "Great question, check our DMs!",
)
COMMENT_REPLY_FR = ("Merci {n}! 🧡", "Contente que ça vous plaise!", "On vous écrit en privé 📩")

BOT_TEXT: dict[str, str] = {
    "welcome_v1": "Hi! Thanks for messaging Boreal & Co. A team member will reply soon. Mon-Fri 8am-9pm ET.",
    "welcome_v2": "Hey there 👋 Thanks for your message! Tap an option below or tell us what you need.",
    "welcome_fr_v1": "Bonjour 👋 Merci de votre message! Choisissez une option ou écrivez-nous votre question.",
    "faq_shipping_v2": "Free shipping in Canada on orders over $75. Orders ship in 1-2 business days.",
    "faq_returns_v1": "Returns are free within 30 days: start one at shop.example.com/returns",
    "promo_v1": "Here's 15% off just for you: {code} 🎁 Shop the collection: {url}",
    "comment_dm_v1": "Thanks for your comment! We just sent you a DM with the details 📩",
    "handoff_v1": "Let me get a team member for you. Someone will reply shortly.",
    "mod_spam_v1": "",
}

CAPTIONS_EN = (
    'New drop: the {p} is here 🍂 Made in Canada, built for "real" weather. Link in bio.',
    "Three ways to wear the {p}, which one's yours? 1, 2 or 3?\nTell us below 👇",
    "Cold mornings, warm hands. The {p}, now back in stock.\n\n#bornnorth #outdoors #fallstyle",
    'Customer pic of the week: @{h} in the {p}. "Best gift I ever got," she says ❤️',
    "GIVEAWAY 🎁 Win a {p}! To enter: follow us, like this post, tag 2 friends. Ends Sunday, good luck!",
    "Behind the seams: how we make the {p}, from fibre to finish.",
)
CAPTIONS_FR = (
    "Nouveauté: la {p} est arrivée 🍂 Fabriquée au Canada, pour les «vrais» hivers. Lien en bio.",
    "Trois façons de porter la {p}, laquelle est la vôtre? 1, 2 ou 3?\nDites-le-nous 👇",
    "Matins frais, mains au chaud. La {p}, de retour en stock.\n\n#fiertéquébécoise #plein_air",
)


def _fill(rng: random.Random, template: str, french: bool, city: str, name: str) -> str:
    product = rng.choice(PRODUCTS)
    return template.format(
        p=(product.name_fr if french else product.name_en).lower(),
        v=product.variant,
        city=city,
        o=rng.randrange(18_000, 26_000),
        n=name,
        h=f"{name.lower()}.outdoors",
        detail=rng.choice(DETAIL_FR if french else DETAIL_EN),
    )


def customer_text(rng: random.Random, intent: str, french: bool, city: str) -> str:
    bank = CUSTOMER_FR if french else CUSTOMER_EN
    return _fill(rng, rng.choice(bank[intent]), french, city, "")


def agent_text(rng: random.Random, french: bool, first_name: str) -> str:
    return _fill(rng, rng.choice(AGENT_FR if french else AGENT_EN), french, "", first_name)


def comment_reply_text(rng: random.Random, french: bool, first_name: str) -> str:
    return rng.choice(COMMENT_REPLY_FR if french else COMMENT_REPLY_EN).format(n=first_name)


def bot_text(template_id: str, code: str = "", url: str = "") -> str:
    return BOT_TEXT[template_id].format(code=code, url=url)


def caption(rng: random.Random, french: bool, bilingual: bool, campaign: str | None) -> str:
    text = _fill(
        rng, rng.choice(CAPTIONS_FR if french else CAPTIONS_EN), french, "", rng.choice(("maya", "léa"))
    )
    if bilingual:
        text += "\n—\n" + _fill(rng, rng.choice(CAPTIONS_FR), True, "", "léa")
    if campaign:
        text += f" #{campaign.replace('_', '')}"
    return text
