from django.db import models
from django.utils.translation import gettext_lazy as _


class AuthorityMode(models.TextChoices):
    ADVICE = "advice", _("advice: the regiegroep advises, a mandated official decides")
    BINDING_ADVICE = "binding_advice", _("binding advice")
    MANDATE = "mandate", _("mandate: the regiegroep decides")


class AllocationMode(models.TextChoices):
    FIFO_UNTIL_CEILING = "fifo", _("first come, first served until the ceiling")
    ROUNDS = "rounds", _("fixed rounds")
    VOTE = "vote", _("neighbourhood vote")


class FoodDrinkPolicy(models.TextChoices):
    NOT_UNLESS_MOTIVATED = (
        "motivated",
        _("not allowed unless motivated (cohesion, loneliness)"),
    )
    ALLOWED = "allowed", _("allowed")
    NEVER = "never", _("never allowed")


class VaststellingMode(models.TextChoices):
    DIRECT = "direct", _("settled at once when awarded")
    AMBTSHALVE = "ambtshalve", _("settled by the municipality after the activity")
    ON_APPLICATION = "on_application", _("settled on application")


class UnspentPolicy(models.TextChoices):
    RETURN_TO_BUDGET = "return", _("return to the neighbourhood budget")
    FORFEIT = "forfeit", _("return to the municipality")


class Role(models.TextChoices):
    STEERING_MEMBER = "steering_member", _("regiegroep member")
    STEERING_CHAIR = "steering_chair", _("regiegroep chair")
    STEERING_SECRETARY = "steering_secretary", _("regiegroep secretary")
    STEERING_ADVISER = "steering_adviser", _("regiegroep adviser (no vote)")
    CONTACT_OFFICIAL = "contact_official", _("contact official")
    CASH_MANAGER = "cash_manager", _("cash manager")
    COORDINATOR = "coordinator", _("coordinator")
    COUNCIL = "council", _("council (read only)")


# The role sets (who together may do one kind of work) live in roles.py.


DEFAULT_EXCLUDED_CATEGORIES = [
    "commercial",
    "private_interest",
    "political_religious",
    "alcohol",
    "structural_maintenance",
    "double_funding",
    "other_budget",
]


class CostCategory(models.TextChoices):
    MATERIALS = "materials", _("materials")
    RENTAL = "rental", _("rental")
    FEES = "fees", _("fees for people")
    FOOD_DRINK = "food_drink", _("food and drink")
    PARTY = "party", _("party or barbecue")
    PROMOTION = "promotion", _("flyers and promotion")
    PLANTS = "plants", _("plants and greenery")
    OTHER = "other", _("other")
    COMMERCIAL = "commercial", _("commercial or profit aim")
    PRIVATE_INTEREST = "private_interest", _("private interest")
    POLITICAL_RELIGIOUS = (
        "political_religious",
        _("political or religious aim that excludes people"),
    )
    ALCOHOL = "alcohol", _("alcohol")
    STRUCTURAL_MAINTENANCE = (
        "structural_maintenance",
        _("structural or maintenance costs"),
    )
    DOUBLE_FUNDING = "double_funding", _("already funded elsewhere")
    OTHER_BUDGET = "other_budget", _("covered by another municipal budget")


# The kinds of cost whose rules also read what a resident wrote: a word in a cost's
# description shows what the cost is, whatever kind of cost was chosen. The regeling
# keeps a word list per kind (``RegulationVersion.cost_words``); the rule engine
# (initiatives/rules/) decides what a match means, docs/configuration.md explains it.
WORD_CATEGORIES: tuple[str, ...] = (
    "alcohol",
    "food_drink",
    "party",
    "fees",
    "commercial",
    "private_interest",
    "political_religious",
    "structural_maintenance",
    "double_funding",
    "other_budget",
)
# Basic forms (singular, no diminutive): plurals, diminutives, capitals and accents are
# found anyway. A kind without a word that is safe to block on has an empty list; the
# coordinator can add words.
DEFAULT_COST_WORDS: dict[str, list[str]] = {
    "alcohol": [
        "bier",
        "wijn",
        "prosecco",
        "champagne",
        "cava",
        "sekt",
        "sterke drank",
        "jenever",
        "whisky",
        "whiskey",
        "wodka",
        "vodka",
        "rum",
        "gin",
        "likeur",
        "cider",
        "sherry",
        "martini",
        "cocktail",
        "radler",
        "glühwein",
        "gluehwein",
        "alcohol",
        "borrel",
        "heineken",
        "grolsch",
        "amstel",
        "hertog jan",
        "bavaria",
        "jupiler",
        "bacardi",
        "jägermeister",
        "cognac",
        "brandy",
        "tequila",
        "sangria",
        "aperol",
        "limoncello",
        "wine",
        "speciaalbier",
        "pils",
        "tapinstallatie",
        "fust",
        "gall & gall",
    ],
    "food_drink": [
        "catering",
        "lunch",
        "brunch",
        "ontbijt",
        "diner",
        "maaltijd",
        "hapje",
        "snack",
        "koffie",
        "thee",
        "frisdrank",
        "limonade",
        "taart",
        "gebak",
        "koek",
        "brood",
        "soep",
        "pizza",
        "friet",
        "patat",
        "chips",
        "fruit",
        "vlees",
        "etenswaren",
        "drank",
    ],
    "party": ["feest", "party", "fuif", "dj", "barbecue", "bbq", "silent disco"],
    "fees": ["uurloon", "honorarium", "gage", "salaris", "vrijwilligersvergoeding"],
    "commercial": ["winst", "winstmarge"],
    "private_interest": [],
    "political_religious": ["politieke partij", "verkiezingscampagne"],
    "structural_maintenance": [
        "vaste lasten",
        "energierekening",
        "onderhoudscontract",
        "loonkosten",
    ],
    "double_funding": [],
    "other_budget": [
        "fietsenrek",
        "fietsrek",
        "fietsenstalling",
        "fietsnietje",
        "lantaarnpaal",
        "straatverlichting",
        "verkeersdrempel",
        "verkeersbord",
    ],
}


class PaymentMode(models.TextChoices):
    PROVIDER_INVOICE = "provider", _("voucher spent at a provider")
    REIMBURSEMENT = "reimbursement", _("reimbursement against a receipt")
    ADVANCE = "advance", _("advance")
    PREPAID_CARD = "prepaid_card", _("prepaid card")


DEFAULT_PAYMENT_MODES = ["provider", "reimbursement", "advance"]
