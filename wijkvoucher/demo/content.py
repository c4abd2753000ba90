"""The demo's content: a fictional gemeente Dijkstad with three wijken, the people who
hold its roles, the providers where vouchers are spent and the residents' plans
(initiatives). Pure data, in Dutch; the loader (``wijkvoucher.demo.loader``) turns it
into rows through the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from wijkvoucher.initiatives.constants import ContributionKind, Goal, InitiativeStatus
from wijkvoucher.neighbourhoods.constants import CostCategory, Role

MUNICIPALITY_SLUG = "dijkstad"
CITY = "Dijkstad"
EMAIL_DOMAIN = "example.nl"


@dataclass(frozen=True)
class Person:
    full_name: str
    email: str | None
    phone: str = ""
    consent_publish_name: bool = False


@dataclass(frozen=True)
class Home:
    street: str
    house_number: int
    postcode: str
    house_letter: str = ""
    addition: str = ""


@dataclass(frozen=True)
class Resident:
    person: Person
    home: Home
    confirmed: bool = True
    # Recorded by the official with the confirmation, as the BRP shows it: the
    # account then votes without declaring its age (docs/voting.md).
    birth_date: dt.date | None = None


@dataclass(frozen=True)
class Seat:
    """A place in a wijk's regiegroep. Advisers need not live in the wijk."""

    person: Person
    role: Role
    home: Home | None
    previously_active: bool = False
    note: str = ""


@dataclass(frozen=True)
class Wijk:
    name: str
    slug: str
    population: int
    description: str
    meeting_place: str
    postcode_ranges: tuple[tuple[str, str], ...]
    ceiling_this_year_cents: int
    ceiling_next_year_cents: int
    contact_official: Person
    steering: tuple[Seat, ...]
    residents: tuple[Resident, ...]
    assisted: tuple[Resident, ...] = field(default=())


@dataclass(frozen=True)
class ProviderSpec:
    name: str
    kvk_number: str
    iban: str
    street_address: str
    postcode: str
    description: str
    wijk_slugs: tuple[str, ...]
    user: Person


@dataclass(frozen=True)
class CostLine:
    description: str
    category: CostCategory
    amount_cents: int
    hours: Decimal | None = None
    provider_name: str = ""


@dataclass(frozen=True)
class Contribution:
    kind: ContributionKind
    description: str
    amount_cents: int | None = None
    hours: Decimal | None = None


@dataclass(frozen=True)
class InitiativeSpec:
    """A resident's plan and how far it got. The activity starts ``starts_in_days``
    after the day the demo is loaded and lasts ``lasts_days`` more days; every start
    lies at least the regeling's lead time after the plan's submission.
    ``submitted_days_ago`` backdates the submission; more than the regeling's decision
    term (8 weeks) makes a plan that is still waiting overdue. What happens after the
    submission is in ``MEETINGS`` and ``STORY_STEPS`` (by ``key``)."""

    key: str
    initiator: Person
    wijk_slug: str
    title: str
    summary: str
    description: str
    goals: tuple[Goal, ...]
    target_group: str
    location_text: str
    starts_in_days: int
    lasts_days: int
    costs: tuple[CostLine, ...]
    contributions: tuple[Contribution, ...]
    status: InitiativeStatus = InitiativeStatus.DRAFT
    submitted_days_ago: int = 0
    checked_days_ago: int | None = None
    information_request: str = ""
    information_requested_days_ago: int = 0
    food_drink_motivation: str = ""
    co_initiators: tuple[Person, ...] = ()
    supporters: tuple[Person, ...] = ()
    # In the street, on a square or in a park (the public-space rule).
    uses_public_space: bool | None = None


def _p(full_name: str, local: str, *, consent: bool = False) -> Person:
    return Person(
        full_name=full_name,
        email=f"{local}@{EMAIL_DOMAIN}",
        consent_publish_name=consent,
    )


MUNICIPALITY = {
    "name": "Gemeente Dijkstad",
    "slug": MUNICIPALITY_SLUG,
    "contact_email": f"wijkbudget@{EMAIL_DOMAIN}",
    "contact_phone": "14 0123",
    "website": "https://dijkstad.example.nl",
    "postal_address": "Postbus 100, 2800 AA Dijkstad",
    # Who signs the beschikkingen (docs/documents.md).
    "signatory_name": "M. de Graaf",
    "signatory_function": "Teamleider Wijken en Participatie",
}

REGULATION_LEGAL_BASIS = (
    "Algemene subsidieverordening Dijkstad 2024, artikel 2 en 4, en titel 4.2 van de "
    "Algemene wet bestuursrecht. Het college stelt per wijk een subsidieplafond vast "
    "(artikel 4:25 Awb). De regiegroep van de wijk adviseert over elke aanvraag; een "
    "gemandateerde ambtenaar besluit."
)
REGULATION_BYLAW_ARTICLE = "Participatieverordening Dijkstad 2024, artikel 7"
# A few rule values that differ from the defaults, so the demo shows them.
REGULATION_PARAMETERS: dict[str, int] = {
    "min_amount_cents": 5_000,
    "fast_track_below_cents": 50_000,
    # Awb 4:13: at most eight weeks, so a plan fits between two regiegroep meetings.
    "decision_term_weeks": 8,
    "decision_hard_limit_weeks": 12,
}

COORDINATOR = _p("Maaike Schouten", "maaike.schouten")
CASH_MANAGER = _p("Peter van Leeuwen", "peter.vanleeuwen")
COUNCIL_MEMBER = _p("Jan-Willem de Graaf", "janwillem.degraaf")
# A contact official for every wijk: the colleague a wijk's own contact official can
# hand a plan over to (the hand-over lists the wijk's and the municipality's).
MUNICIPAL_CONTACT_OFFICIAL = _p("Sem de Wit", "sem.dewit")
# The second cash manager: a payout batch needs two people (four eyes).
SECOND_CASH_MANAGER = _p("Rachid Benali", "rachid.benali")
# The account the municipality pays providers and initiators from (SEPA debtor).
# A valid test IBAN (check digits and bank code), not a real account.
MUNICIPALITY_PAYOUT_ACCOUNT = {
    "payout_account_name": "Gemeente Dijkstad",
    "payout_iban": "NL02ABNA0123456789",
    "payout_bic": "ABNANL2A",
}

# Residents who propose the demo's plans (``INITIATIVES``). Karin Willems has none:
# the browser smoke test writes her first plan.
_BAS = _p("Bas Verbeek", "bas.verbeek")
_MIRJAM = _p("Mirjam Hofman", "mirjam.hofman")
_SVEN = _p("Sven Post", "sven.post")
_ELS = _p("Els de Wit", "els.dewit")
_ANNA = _p("Anna Wouters", "anna.wouters")
_YOUSSEF = _p("Youssef Tahiri", "youssef.tahiri")
# Residents of the plans the regiegroepen have already discussed.
_NAIMA = _p("Naima Bakkali", "naima.bakkali", consent=True)
_DENNIS = _p("Dennis Hoogland", "dennis.hoogland")
_GERRIT = _p("Gerrit Vos", "gerrit.vos")
_FEMKE = _p("Femke Jonker", "femke.jonker", consent=True)
_ROBIN = _p("Robin Meijer", "robin.meijer")
_TARIK = _p("Tarik Aydin", "tarik.aydin")
_HANNEKE = _p("Hanneke Prins", "hanneke.prins", consent=True)
_JAN = _p("Jan Kramer", "jan.kramer")
_FLOOR = _p("Floor van Rijn", "floor.vanrijn")
_SIMONE = _p("Simone Wijnberg", "simone.wijnberg")
_HATICE = _p("Hatice Yildiz", "hatice.yildiz", consent=True)
_MARCO = _p("Marco de Jong", "marco.dejong")
_EVELIEN = _p("Evelien Smit", "evelien.smit")
_PIM = _p("Pim Verhoef", "pim.verhoef")
# Initiators of the year's history: plans carried out and settled months ago, so that
# the council's reports have a year to show (``HISTORY`` below).
_WIM = _p("Wim de Groot", "wim.degroot", consent=True)
_RIA = _p("Ria van Beek", "ria.vanbeek", consent=True)
_KOEN = _p("Koen Brink", "koen.brink")

_HAVEN = "Havenkwartier"
_MOLEN = "Molenbuurt"
_HOVEN = "De Hoven"

WIJKEN: tuple[Wijk, ...] = (
    Wijk(
        name=_HAVEN,
        slug="havenkwartier",
        population=7_850,
        description=(
            "Het oude havengebied van Dijkstad, met pakhuizen die nu woningen zijn, "
            "de vismarkt op zaterdag en veel jonge gezinnen. Bewoners willen meer "
            "groen op de kades en een plek waar kinderen veilig kunnen spelen."
        ),
        meeting_place="Buurthuis De Kaai, Kadestraat 12",
        postcode_ranges=(("2811AA", "2811ZZ"),),
        ceiling_this_year_cents=4_500_000,
        ceiling_next_year_cents=4_750_000,
        contact_official=_p("Anouk Verhoeven", "anouk.verhoeven"),
        steering=(
            Seat(
                _p("Fatima el Amrani", "fatima.elamrani", consent=True),
                Role.STEERING_CHAIR,
                Home("Kadestraat", 14, "2811AB"),
                previously_active=True,
            ),
            Seat(
                _p("Joost van der Meer", "joost.vandermeer", consent=True),
                Role.STEERING_SECRETARY,
                Home("Havenstraat", 3, "2811BC", house_letter="A"),
            ),
            Seat(
                _p("Henk Bakker", "henk.bakker"),
                Role.STEERING_MEMBER,
                Home("Visserskade", 27, "2811CE"),
                previously_active=True,
            ),
            Seat(
                _p("Sanne de Vries", "sanne.devries", consent=True),
                Role.STEERING_MEMBER,
                Home("Touwslagerij", 8, "2811DG", addition="2"),
            ),
            Seat(
                _p("Mehmet Yilmaz", "mehmet.yilmaz"),
                Role.STEERING_MEMBER,
                Home("Havenstraat", 41, "2811BD"),
            ),
            Seat(
                _p("Ilse Jacobs", "ilse.jacobs"),
                Role.STEERING_MEMBER,
                Home("Kadestraat", 70, "2811AE"),
            ),
            Seat(
                _p("Lotte Visser", "lotte.visser"),
                Role.STEERING_ADVISER,
                None,
                note="Opbouwwerker van Welzijn Dijkstad",
            ),
        ),
        residents=(
            Resident(
                _p("Karin Willems", "karin.willems"), Home("Kadestraat", 22, "2811AB")
            ),
            Resident(_BAS, Home("Touwslagerij", 15, "2811DG")),
            Resident(_MIRJAM, Home("Visserskade", 19, "2811CE")),
            Resident(
                _p("Ozan Demir", "ozan.demir"),
                Home("Visserskade", 5, "2811CE"),
                confirmed=False,
            ),
            Resident(_NAIMA, Home("Pakhuisstraat", 9, "2811EA")),
            Resident(_DENNIS, Home("Pakhuisstraat", 21, "2811EA")),
            Resident(_GERRIT, Home("Havenstraat", 60, "2811BD")),
            Resident(_FEMKE, Home("Touwslagerij", 30, "2811DG")),
            Resident(_ROBIN, Home("Visserskade", 44, "2811CF")),
            Resident(_TARIK, Home("Kadestraat", 51, "2811AE")),
            Resident(_WIM, Home("Touwslagerij", 41, "2811DG")),
        ),
    ),
    Wijk(
        name=_MOLEN,
        slug="molenbuurt",
        population=4_320,
        description=(
            "Een rustige buurt rond de korenmolen De Hoop, met veel ouderen en "
            "kleine straten. Er is een actieve moestuinclub en elk jaar een "
            "straatfeest op de Molenweg."
        ),
        meeting_place="Ontmoetingscentrum De Wiek, Wiekstraat 2",
        postcode_ranges=(("2812AA", "2812ZZ"),),
        ceiling_this_year_cents=3_000_000,
        ceiling_next_year_cents=3_100_000,
        contact_official=_p("Thijs Brouwer", "thijs.brouwer"),
        steering=(
            Seat(
                _p("Gerda Mulder", "gerda.mulder", consent=True),
                Role.STEERING_CHAIR,
                Home("Molenweg", 9, "2812AC"),
                previously_active=True,
            ),
            Seat(
                _p("Kees Jansen", "kees.jansen"),
                Role.STEERING_SECRETARY,
                Home("Korenmolenstraat", 16, "2812BE"),
                previously_active=True,
            ),
            Seat(
                _p("Priya Ramdin", "priya.ramdin", consent=True),
                Role.STEERING_MEMBER,
                Home("Wiekstraat", 31, "2812CH"),
            ),
            Seat(
                _p("Bram Smit", "bram.smit"),
                Role.STEERING_MEMBER,
                Home("Maalderij", 4, "2812DK"),
            ),
            Seat(
                _p("Wilma Koster", "wilma.koster"),
                Role.STEERING_MEMBER,
                Home("Molenweg", 52, "2812AD"),
            ),
            Seat(
                _p("Ahmed Bouzid", "ahmed.bouzid"),
                Role.STEERING_ADVISER,
                None,
                note="Jongerenwerker van Welzijn Dijkstad",
            ),
        ),
        residents=(
            Resident(
                _SVEN, Home("Maalderij", 11, "2812DK"), birth_date=dt.date(1968, 3, 14)
            ),
            Resident(
                _ELS,
                Home("Korenmolenstraat", 3, "2812BE"),
                birth_date=dt.date(1991, 9, 2),
            ),
            Resident(
                _p("Marloes Hoekstra", "marloes.hoekstra"),
                Home("Wiekstraat", 7, "2812CH"),
                confirmed=False,
            ),
            Resident(_HANNEKE, Home("Molenweg", 31, "2812AD")),
            Resident(_JAN, Home("Maalderij", 20, "2812DK")),
            Resident(_FLOOR, Home("Wiekstraat", 19, "2812CH")),
            Resident(_SIMONE, Home("Korenmolenstraat", 27, "2812BE")),
            Resident(_RIA, Home("Molenweg", 44, "2812AD")),
        ),
        assisted=(
            Resident(
                Person(full_name="Joke Vermeulen", email=None, phone="0612345678"),
                Home("Molenweg", 18, "2812AC"),
                birth_date=dt.date(1946, 11, 23),
            ),
        ),
    ),
    Wijk(
        name=_HOVEN,
        slug="de-hoven",
        population=11_600,
        description=(
            "De grootste wijk van Dijkstad: een tuindorp uit de jaren dertig en een "
            "nieuwe wijk met appartementen aan de Boomgaardlaan. Veel verenigingen, "
            "twee basisscholen en het park De Hof."
        ),
        meeting_place="Wijkcentrum De Hoven, Kloosterhof 1",
        postcode_ranges=(("2813AA", "2813ZZ"), ("2814AA", "2814KZ")),
        ceiling_this_year_cents=6_000_000,
        ceiling_next_year_cents=6_200_000,
        contact_official=_p("Yasmina Haddou", "yasmina.haddou"),
        steering=(
            Seat(
                _p("Ingrid de Boer", "ingrid.deboer", consent=True),
                Role.STEERING_CHAIR,
                Home("Hofstede", 12, "2813AB"),
            ),
            Seat(
                _p("Ruud Hendriks", "ruud.hendriks", consent=True),
                Role.STEERING_SECRETARY,
                Home("Boomgaardlaan", 140, "2814BC", addition="B"),
                previously_active=True,
            ),
            Seat(
                _p("Noor Dekker", "noor.dekker"),
                Role.STEERING_MEMBER,
                Home("Kloosterhof", 6, "2813CD"),
            ),
            Seat(
                _p("Willem van Dijk", "willem.vandijk"),
                Role.STEERING_MEMBER,
                Home("Pastorietuin", 23, "2813EF"),
                previously_active=True,
            ),
            Seat(
                _p("Esther Kok", "esther.kok", consent=True),
                Role.STEERING_MEMBER,
                Home("Boomgaardlaan", 88, "2814BC"),
            ),
            Seat(
                _p("Daan Peters", "daan.peters"),
                Role.STEERING_MEMBER,
                Home("Hofstede", 45, "2813AC"),
            ),
            Seat(
                _p("Marieke Bos", "marieke.bos"),
                Role.STEERING_ADVISER,
                None,
                note="Opbouwwerker van Welzijn Dijkstad",
            ),
        ),
        residents=(
            Resident(_ANNA, Home("Kloosterhof", 19, "2813CD")),
            Resident(_YOUSSEF, Home("Hofstede", 3, "2813AB")),
            Resident(
                _p("Rik Lammers", "rik.lammers"),
                Home("Boomgaardlaan", 12, "2814BA"),
                confirmed=False,
            ),
            Resident(_HATICE, Home("Boomgaardlaan", 64, "2814BB")),
            Resident(_MARCO, Home("Pastorietuin", 8, "2813EF")),
            Resident(_EVELIEN, Home("Kloosterhof", 33, "2813CD")),
            Resident(_PIM, Home("Hofstede", 27, "2813AC")),
            Resident(_KOEN, Home("Kloosterhof", 48, "2813CD")),
        ),
    ),
)

# A business that signed up and waits for the coordinator's review (approve, ask for
# more information, or reject), registered by a resident of De Hoven.
PENDING_PROVIDER = ProviderSpec(
    name="Fietsenmaker Spaak",
    kvk_number="85678901",
    iban="NL91ABNA0417164300",
    street_address="Hofstraat 3",
    postcode="2813AB",
    description="Fietsen repareren en verhuren, ook bakfietsen voor buurtfeesten.",
    wijk_slugs=("de-hoven",),
    user=_p("Rik Lammers", "rik.lammers"),
)

PROVIDERS: tuple[ProviderSpec, ...] = (
    ProviderSpec(
        name="Bouwmarkt Van Dam",
        kvk_number="41234567",
        iban="NL75INGB0400026767",
        street_address="Havenstraat 101",
        postcode="2811BG",
        description="Hout, verf, gereedschap en bouwmaterialen. Ook verhuur van aanhangers.",
        wijk_slugs=("havenkwartier", "molenbuurt", "de-hoven"),
        user=_p("Erik van Dam", "erik.vandam"),
    ),
    ProviderSpec(
        name="Buurtkeuken De Kaai",
        kvk_number="62345678",
        iban="NL41RABO2844112455",
        street_address="Kadestraat 12",
        postcode="2811AB",
        description="Maaltijden en catering voor buurtbijeenkomsten, gekookt door buurtbewoners.",
        wijk_slugs=("havenkwartier",),
        user=_p("Samira Ouali", "samira.ouali"),
    ),
    ProviderSpec(
        name="Drukkerij De Letterbak",
        kvk_number="53456789",
        iban="NL15ABNA5279553247",
        street_address="Wiekstraat 40",
        postcode="2812CJ",
        description="Flyers, posters, spandoeken en uitnodigingen.",
        wijk_slugs=("havenkwartier", "molenbuurt", "de-hoven"),
        user=_p("Hans Kuipers", "hans.kuipers"),
    ),
    ProviderSpec(
        name="Tuincentrum De Hovenier",
        kvk_number="74567890",
        iban="NL13TRIO1387489453",
        street_address="Boomgaardlaan 300",
        postcode="2814CA",
        description="Planten, bloembollen, potgrond en plantenbakken voor geveltuinen.",
        wijk_slugs=("molenbuurt", "de-hoven"),
        user=_p("Linda Groen", "linda.groen"),
    ),
)

_TOOLS = "Bouwmarkt Van Dam"
_PLANTS = "Tuincentrum De Hovenier"
_KITCHEN = "Buurtkeuken De Kaai"
_PRINT = "Drukkerij De Letterbak"

INITIATIVES: tuple[InitiativeSpec, ...] = (
    # Submitted six weeks ago and still waiting: overdue on Anouk Verhoeven's list.
    InitiativeSpec(
        key="bankjes",
        initiator=_BAS,
        wijk_slug="havenkwartier",
        title="Drie bankjes op de Kadestraat",
        summary=(
            "Drie stevige houten bankjes met plantenbakken langs het water, zodat "
            "ouderen onderweg kunnen uitrusten en buren elkaar ontmoeten."
        ),
        description=(
            "Langs de Kadestraat staat geen enkel bankje. Oudere buren lopen daardoor "
            "niet meer naar de vismarkt, en ouders met kleine kinderen zitten op de "
            "kademuur. Wij maken drie bankjes van duurzaam Robiniahout, elk met een "
            "plantenbak ernaast. Vijf buren timmeren en beitsen ze op twee zaterdagen "
            "in de werkplaats aan de Touwslagerij. De gemeente plaatst ze op de "
            "plekken die we samen met de wijkbeheerder hebben uitgezocht. Buren aan "
            "de kade geven de planten water."
        ),
        goals=(Goal.LIVEABILITY, Goal.SOCIAL_COHESION),
        target_group="Bewoners van de Kadestraat en de Visserskade, vooral ouderen",
        location_text="Kadestraat, aan de waterkant tussen nummer 10 en 40",
        uses_public_space=True,
        starts_in_days=30,
        lasts_days=49,
        costs=(
            CostLine(
                "Robiniahout, beslag en beits voor drie bankjes",
                CostCategory.MATERIALS,
                138_000,
                provider_name=_TOOLS,
            ),
            CostLine(
                "Drie plantenbakken met vaste planten",
                CostCategory.PLANTS,
                42_000,
                provider_name=_PLANTS,
            ),
        ),
        contributions=(
            Contribution(
                ContributionKind.HOURS,
                "Timmeren en beitsen met vijf buren op twee zaterdagen",
                hours=Decimal(36),
            ),
            Contribution(
                ContributionKind.IN_KIND,
                "Gereedschap en werkplaats van een buurman aan de Touwslagerij",
            ),
        ),
        status=InitiativeStatus.SUBMITTED,
        submitted_days_ago=62,
    ),
    InitiativeSpec(
        key="barbecue",
        initiator=_MIRJAM,
        wijk_slug="havenkwartier",
        title="Buurtbarbecue op de Visserskade",
        summary=(
            "Een barbecue voor de hele kade op een zaterdag in juni, zodat nieuwe en "
            "oude bewoners elkaar leren kennen."
        ),
        description=(
            "In de nieuwe appartementen in de oude pakhuizen wonen veel mensen die "
            "hun buren nog niet kennen. Met een barbecue op de kade brengen we ze "
            "samen met de bewoners die hier al jaren wonen. Waarom eten? Samen eten "
            "is de makkelijkste manier om een praatje te maken, ook voor wie de taal "
            "nog niet goed spreekt of alleen woont. Buurtkeuken De Kaai bereidt het "
            "vlees en de vegetarische en halal gerechten; buren nemen zelf salades, "
            "brood en toetjes mee. Er is geen alcohol. De uitnodiging gaat huis aan "
            "huis in het Nederlands, Turks en Arabisch."
        ),
        goals=(Goal.SOCIAL_COHESION,),
        target_group="Alle bewoners van de Visserskade en de Havenstraat",
        location_text="Visserskade, op het pleintje bij de oude kraan",
        uses_public_space=True,
        starts_in_days=45,
        lasts_days=0,
        costs=(
            CostLine(
                "Huur van partytent, tafels, banken en twee gasbarbecues",
                CostCategory.RENTAL,
                56_000,
            ),
            CostLine(
                "Eten voor ongeveer 120 buren, vegetarisch en halal",
                CostCategory.FOOD_DRINK,
                19_000,
                provider_name=_KITCHEN,
            ),
            CostLine(
                "Uitnodigingen in drie talen, huis aan huis",
                CostCategory.PROMOTION,
                8_500,
                provider_name=_PRINT,
            ),
        ),
        food_drink_motivation=(
            "Samen eten is de makkelijkste manier om met nieuwe buren een praatje te "
            "maken, ook voor wie de taal nog niet goed spreekt of alleen woont. "
            "Daarom betalen we het warme eten voor iedereen; buren nemen zelf "
            "salades, brood en toetjes mee."
        ),
        contributions=(
            Contribution(
                ContributionKind.IN_KIND,
                "Buren nemen zelf salades, brood en toetjes mee",
            ),
            Contribution(
                ContributionKind.HOURS,
                "Opbouwen, bakken en opruimen met zes buren",
                hours=Decimal(24),
            ),
        ),
        status=InitiativeStatus.INFORMATION_REQUESTED,
        submitted_days_ago=6,
        information_requested_days_ago=2,
        information_request=(
            "Dank voor uw plan. Voordat de regiegroep het bespreekt, hebben we nog "
            "twee dingen nodig. 1. Een tekening of foto van de plek op de "
            "Visserskade waar de partytent en de barbecues komen te staan. 2. Moet de "
            "weg langs de kade daarvoor (een deel van de dag) dicht? Dan helpen wij "
            "u met de melding voor het evenement."
        ),
    ),
    InitiativeSpec(
        key="repair_cafe",
        initiator=_SVEN,
        wijk_slug="molenbuurt",
        title="Repair Café in De Wiek",
        summary=(
            "Elke eerste zaterdag van de maand repareren vrijwilligers samen met "
            "buren kapotte lampen, kleding, fietsen en koffiezetapparaten."
        ),
        description=(
            "In de Molenbuurt wonen veel handige gepensioneerden en veel mensen die "
            "een nieuw apparaat niet zomaar kunnen betalen. In het Repair Café "
            "brengen ze die samen: tien keer per jaar, van 10 tot 13 uur, in "
            "Ontmoetingscentrum De Wiek. Vier vaste reparateurs en een naaister "
            "helpen, de bezoeker kijkt mee en leert. Zo gooien we minder weg en "
            "drinken buren een kop koffie met elkaar. Het geld is voor gereedschap "
            "dat in De Wiek blijft, voor posters en voor koffie en koek."
        ),
        goals=(Goal.SOCIAL_COHESION, Goal.LIVEABILITY),
        target_group="Alle bewoners van de Molenbuurt, vooral ouderen",
        location_text="Ontmoetingscentrum De Wiek, Wiekstraat 2",
        uses_public_space=False,
        starts_in_days=35,
        lasts_days=301,
        costs=(
            CostLine(
                "Gereedschap, twee soldeerstations en een naaimachine",
                CostCategory.MATERIALS,
                64_000,
                provider_name=_TOOLS,
            ),
            CostLine(
                "Posters en flyers voor tien Repair Cafés",
                CostCategory.PROMOTION,
                12_000,
                provider_name=_PRINT,
            ),
            CostLine(
                "Koffie, thee en koek voor bezoekers en vrijwilligers",
                CostCategory.FOOD_DRINK,
                15_000,
            ),
        ),
        food_drink_motivation=(
            "Met een kop koffie en een koek blijven bezoekers zitten terwijl hun "
            "lamp of fiets wordt gemaakt. Zo raken ze aan de praat met de "
            "vrijwilligers en met elkaar. Veel bezoekers zijn ouderen die alleen "
            "wonen; voor hen is het Repair Café ook een plek om buren te zien."
        ),
        contributions=(
            Contribution(
                ContributionKind.HOURS,
                "Vijf vrijwilligers, tien keer drie uur",
                hours=Decimal(150),
            ),
            Contribution(
                ContributionKind.IN_KIND,
                "Eigen gereedschap van de reparateurs",
            ),
        ),
        status=InitiativeStatus.CHECKED,
        submitted_days_ago=12,
        checked_days_ago=10,
        supporters=(_ELS,),
    ),
    # A draft that fits the rules but is not sent yet. The rule check reads "wijnranken"
    # (grapevines) and warns that it may be alcohol: the regiegroep checks, nothing
    # blocks (issue #9).
    InitiativeSpec(
        key="geveltuinen",
        initiator=_ELS,
        wijk_slug="molenbuurt",
        title="Geveltuinen in de Molenweg",
        summary=(
            "Twaalf huishoudens halen een rij stoeptegels weg voor een smalle "
            "geveltuin met klimplanten en vaste planten."
        ),
        description=(
            "De Molenweg is een stenige straat: in de zomer wordt het er heet en bij "
            "een bui loopt het water niet weg. Twaalf huishoudens willen een "
            "geveltuin van 30 centimeter breed. De gemeente haalt de tegels weg, wij "
            "zorgen voor aarde, planten en het onderhoud. We kiezen planten waar "
            "bijen en vlinders op afkomen en die weinig water nodig hebben."
        ),
        goals=(Goal.LIVEABILITY,),
        target_group="Bewoners van de Molenweg",
        location_text="Molenweg, huisnummers 20 tot 44",
        uses_public_space=True,
        starts_in_days=40,
        lasts_days=28,
        costs=(
            CostLine(
                "Klimrozen, kamperfoelie en wijnranken voor twaalf geveltuinen",
                CostCategory.PLANTS,
                54_000,
                provider_name=_PLANTS,
            ),
            CostLine(
                "Tuinaarde en opsluitbanden",
                CostCategory.MATERIALS,
                26_000,
                provider_name=_TOOLS,
            ),
        ),
        contributions=(
            Contribution(
                ContributionKind.MONEY,
                "Elk huishouden betaalt € 5 mee",
                amount_cents=6_000,
            ),
            Contribution(
                ContributionKind.HOURS,
                "Samen planten op een zaterdagochtend",
                hours=Decimal(30),
            ),
        ),
    ),
    InitiativeSpec(
        key="moestuin",
        initiator=_ANNA,
        wijk_slug="de-hoven",
        title="Moestuin voor kinderen in park De Hof",
        summary=(
            "Zes verhoogde moestuinbakken in park De Hof, waar kinderen op "
            "woensdagmiddag zaaien, oogsten en leren waar hun eten vandaan komt."
        ),
        description=(
            "Veel kinderen in de appartementen aan de Boomgaardlaan hebben geen tuin. "
            "In park De Hof is naast de speeltuin een hoek die niemand gebruikt. "
            "Daar bouwen ouders zes verhoogde moestuinbakken en een compostbak. Van "
            "april tot en met oktober begeleidt een tuinbegeleider van het IVN elke "
            "woensdagmiddag een groep van twaalf kinderen. In de vakanties gieten "
            "de ouders. Aan het eind van het seizoen koken we samen soep van de "
            "oogst. De gemeente (beheer openbare ruimte) heeft de plek bekeken."
        ),
        goals=(Goal.SOCIAL_COHESION, Goal.LIVEABILITY),
        target_group="Kinderen van 6 tot 12 jaar uit De Hoven en hun ouders",
        location_text="Park De Hof, naast de speeltuin aan de Kloosterhof",
        uses_public_space=True,
        starts_in_days=40,
        lasts_days=210,
        costs=(
            CostLine(
                "Hout voor zes verhoogde moestuinbakken en een compostbak",
                CostCategory.MATERIALS,
                78_000,
                provider_name=_TOOLS,
            ),
            CostLine(
                "Zaden, pootgoed, aardbeiplanten en potgrond",
                CostCategory.PLANTS,
                31_000,
                provider_name=_PLANTS,
            ),
            CostLine(
                "Tuinbegeleider van het IVN, 24 woensdagmiddagen van 1 uur",
                CostCategory.FEES,
                108_000,
                hours=Decimal(24),
            ),
        ),
        contributions=(
            Contribution(
                ContributionKind.HOURS,
                "Ouders bouwen de bakken en gieten in de vakanties",
                hours=Decimal(60),
            ),
            Contribution(
                ContributionKind.IN_KIND,
                "Basisschool De Boomgaard leent gieters en tuingereedschap uit",
            ),
        ),
        status=InitiativeStatus.SUBMITTED,
        submitted_days_ago=3,
    ),
    # A draft that breaks a hard rule (alcohol): the rule check says "Past niet", although
    # the beer and wine are booked as food and drink (issue #9).
    InitiativeSpec(
        key="buurtmarkt",
        initiator=_YOUSSEF,
        wijk_slug="de-hoven",
        title="Buurtmarkt op de Kloosterhof",
        summary=(
            "Een kleine markt met kramen van buren, verenigingen en de twee "
            "basisscholen, met muziek en iets te drinken."
        ),
        description=(
            "Op een zaterdagmiddag zetten we tien kramen neer op de Kloosterhof. "
            "Buren verkopen zelfgemaakte spullen en koekjes; de opbrengst gaat naar "
            "de voedselbank. Muziekvereniging De Hoven speelt en de kinderen van de "
            "basisscholen zingen. We schenken koffie, thee en limonade, en voor de "
            "volwassenen een glas wijn of bier."
        ),
        goals=(Goal.SOCIAL_COHESION,),
        target_group="Alle bewoners van De Hoven",
        location_text="Kloosterhof, voor het wijkcentrum",
        uses_public_space=True,
        starts_in_days=50,
        lasts_days=0,
        costs=(
            CostLine(
                "Huur van tien marktkramen met verlichting",
                CostCategory.RENTAL,
                65_000,
            ),
            CostLine(
                "Koffie, thee, limonade en koek",
                CostCategory.FOOD_DRINK,
                15_000,
            ),
            CostLine(
                "Bier en wijn voor de volwassenen", CostCategory.FOOD_DRINK, 6_000
            ),
        ),
        contributions=(
            Contribution(
                ContributionKind.HOURS,
                "Kramen opbouwen en afbreken met acht buren",
                hours=Decimal(40),
            ),
            Contribution(
                ContributionKind.IN_KIND,
                "Muziekvereniging De Hoven speelt zonder vergoeding",
            ),
        ),
    ),
)

# --- The months before today: plans the regiegroepen discussed -------------------------
# Each plan below is taken through the workflow by the loader: submitted and checked on
# the days given here, then put on the agenda of a meeting in ``MEETINGS``, advised and
# decided (``DECISIONS``) and followed up (``STORY_STEPS``).

_S = InitiativeStatus

INITIATIVES += (
    InitiativeSpec(
        key="speelplek",
        initiator=_NAIMA,
        wijk_slug="havenkwartier",
        title="Natuurspeelplek op het Pakhuisplein",
        summary=(
            "Een speelplek met boomstammen, keien, zand en wilgentenen op het kale "
            "Pakhuisplein, waar kinderen uit de pakhuizen veilig kunnen spelen."
        ),
        description=(
            "Het Pakhuisplein is een plein van klinkers zonder één speeltoestel, "
            "terwijl er in de omliggende pakhuizen meer dan zestig kinderen wonen. "
            "Samen met de wijkbeheerder hebben we een hoek van het plein uitgezocht "
            "waar geen auto's komen. Daar leggen we boomstammen om op te klimmen, "
            "keien, een zandbak met een rand om op te zitten en een wilgenhut. Ouders "
            "bouwen de speelplek op drie zaterdagen; de gemeente keurt hem daarna "
            "(veiligheid van speeltoestellen) en neemt het onderhoud over."
        ),
        goals=(Goal.LIVEABILITY, Goal.SOCIAL_COHESION, Goal.SAFETY),
        target_group="Kinderen van 2 tot 10 jaar uit het Havenkwartier en hun ouders",
        location_text="Pakhuisplein, de hoek bij de oude hijskraan",
        uses_public_space=True,
        starts_in_days=-7,
        lasts_days=63,
        costs=(
            CostLine(
                "Boomstammen, keien, zand en randen voor de zandbak",
                CostCategory.MATERIALS,
                168_000,
                provider_name=_TOOLS,
            ),
            CostLine(
                "Wilgentenen en vaste planten rond de speelplek",
                CostCategory.PLANTS,
                42_000,
            ),
            CostLine(
                "Bewonersbrief en een bord bij de speelplek",
                CostCategory.PROMOTION,
                9_500,
                provider_name=_PRINT,
            ),
        ),
        contributions=(
            Contribution(
                ContributionKind.HOURS,
                "Twaalf ouders bouwen op drie zaterdagen",
                hours=Decimal(90),
            ),
            Contribution(
                ContributionKind.IN_KIND,
                "Een hovenier uit de buurt leent zijn minigraver uit",
            ),
        ),
        status=_S.IN_EXECUTION,
        submitted_days_ago=66,
        checked_days_ago=60,
        co_initiators=(_DENNIS,),
        supporters=(
            _p("Sanne de Vries", "sanne.devries", consent=True),
            _BAS,
            _MIRJAM,
            _GERRIT,
            _FEMKE,
            _TARIK,
        ),
    ),
    InitiativeSpec(
        key="zomerterras",
        initiator=_GERRIT,
        wijk_slug="havenkwartier",
        title="Zomerterras bij de vismarkt",
        summary=(
            "Picknicktafels en parasols naast de viskraam op de Kadestraat, zodat "
            "marktbezoekers kunnen blijven zitten."
        ),
        description=(
            "Op zaterdag komen honderden mensen naar de vismarkt, maar er is nergens "
            "een plek om te zitten. Wij kopen zes picknicktafels en vier parasols en "
            "zetten ze naast de viskraam van de familie Vos. De kraam zorgt dat de "
            "tafels schoon blijven en zet ze 's avonds binnen. Zo blijven mensen "
            "langer op de markt en praten ze met elkaar."
        ),
        goals=(Goal.SOCIAL_COHESION,),
        target_group="Bezoekers van de vismarkt",
        location_text="Kadestraat, naast de viskraam bij de brug",
        uses_public_space=True,
        starts_in_days=20,
        lasts_days=90,
        costs=(
            CostLine(
                "Zes picknicktafels en vier parasols met voet",
                CostCategory.MATERIALS,
                164_000,
                provider_name=_TOOLS,
            ),
            CostLine(
                "Bord 'Zomerterras' en flyers",
                CostCategory.PROMOTION,
                12_000,
                provider_name=_PRINT,
            ),
        ),
        contributions=(
            Contribution(
                ContributionKind.HOURS,
                "Tafels neerzetten, schoonmaken en binnenzetten",
                hours=Decimal(60),
            ),
        ),
        status=_S.REJECTED,
        submitted_days_ago=64,
        checked_days_ago=58,
    ),
    InitiativeSpec(
        key="havendag",
        initiator=_FEMKE,
        wijk_slug="havenkwartier",
        title="Havendag voor de hele buurt",
        summary=(
            "Een middag op de kade met spelletjes voor kinderen, een rondvaart in de "
            "oude haven en muziek van bands uit de buurt."
        ),
        description=(
            "De Havendag brengt oude en nieuwe bewoners van het Havenkwartier samen. "
            "Kinderen doen oudhollandse spelletjes en knutselen bootjes, de roeivereniging "
            "geeft rondvaarten en drie bands uit de buurt spelen op een klein "
            "podium. Twintig vrijwilligers helpen mee. Voor het podium en het geluid "
            "hebben we ook een aanvraag gedaan bij het evenementenfonds Dijkstad Viert."
        ),
        goals=(Goal.SOCIAL_COHESION,),
        target_group="Alle bewoners van het Havenkwartier",
        location_text="Kadestraat en het Pakhuisplein",
        uses_public_space=True,
        # The Havendag was held two weeks ago: it has been accounted for and settled
        # (content_accountability.py), so it lies in the past.
        starts_in_days=-14,
        lasts_days=0,
        costs=(
            CostLine(
                "Huur van podium en geluidsinstallatie met technicus",
                CostCategory.RENTAL,
                145_000,
            ),
            CostLine(
                "Spelmateriaal en knutselspullen voor de kinderen",
                CostCategory.MATERIALS,
                62_000,
                provider_name=_TOOLS,
            ),
            CostLine(
                "Posters en flyers",
                CostCategory.PROMOTION,
                18_000,
                provider_name=_PRINT,
            ),
        ),
        contributions=(
            Contribution(
                ContributionKind.HOURS,
                "Twintig vrijwilligers, elk vijf uur",
                hours=Decimal(100),
            ),
        ),
        status=_S.IN_EXECUTION,
        submitted_days_ago=63,
        checked_days_ago=57,
    ),
    InitiativeSpec(
        key="zeilles",
        initiator=_ROBIN,
        wijk_slug="havenkwartier",
        title="Zeilles voor buurtkinderen in de oude haven",
        summary=(
            "Zes zaterdagen zeilles in de oude haven voor kinderen die nooit op het "
            "water komen, met de instructeurs van watersportvereniging De Kaap."
        ),
        description=(
            "Het Havenkwartier ligt aan het water, maar veel kinderen uit de buurt "
            "zijn nog nooit in een bootje geweest. Watersportvereniging De Kaap geeft "
            "op zes zaterdagen les in Optimisten aan twaalf kinderen van 8 tot 12 "
            "jaar. Ouders helpen op de steiger en zorgen voor de zwemvesten."
        ),
        goals=(Goal.SOCIAL_COHESION, Goal.SAFETY),
        target_group="Kinderen van 8 tot 12 jaar uit het Havenkwartier",
        location_text="Oude haven, steiger van watersportvereniging De Kaap",
        uses_public_space=False,
        starts_in_days=15,
        lasts_days=35,
        costs=(
            CostLine(
                "Twee instructeurs, zes zaterdagen van vier uur",
                CostCategory.FEES,
                108_000,
                hours=Decimal(24),
            ),
            CostLine(
                "Huur van zes Optimisten met zwemvesten",
                CostCategory.RENTAL,
                54_000,
            ),
        ),
        contributions=(
            Contribution(
                ContributionKind.HOURS,
                "Ouders helpen op de steiger",
                hours=Decimal(48),
            ),
        ),
        status=_S.CANCELLED,
        submitted_days_ago=61,
        checked_days_ago=57,
    ),
    InitiativeSpec(
        key="opschoondag",
        initiator=_TARIK,
        wijk_slug="havenkwartier",
        title="Opschoondag in het Havenkwartier",
        summary=(
            "Vier keer per jaar prikken buren samen zwerfvuil langs de kades, met "
            "eigen grijpers en afvalzakken die in het buurthuis blijven."
        ),
        description=(
            "Na de vismarkt en na warme weekenden ligt er veel zwerfvuil langs de "
            "kades en in het water. Vier keer per jaar maken we op zaterdagochtend "
            "samen de buurt schoon. We kopen dertig afvalgrijpers, hesjes en "
            "afvalzakken; die blijven in Buurthuis De Kaai, zodat iedereen ze kan "
            "lenen. De gemeente haalt de volle zakken op."
        ),
        goals=(Goal.LIVEABILITY,),
        target_group="Alle bewoners van het Havenkwartier",
        location_text="Kades en pleinen van het Havenkwartier, start bij De Kaai",
        uses_public_space=True,
        starts_in_days=40,
        lasts_days=270,
        costs=(
            CostLine(
                "Dertig afvalgrijpers, hesjes, handschoenen en afvalzakken",
                CostCategory.MATERIALS,
                52_000,
                provider_name=_TOOLS,
            ),
            CostLine(
                "Posters en flyers voor vier opschoondagen",
                CostCategory.PROMOTION,
                11_000,
                provider_name=_PRINT,
            ),
        ),
        contributions=(
            Contribution(
                ContributionKind.HOURS,
                "Buren prikken vier keer drie uur",
                hours=Decimal(120),
            ),
        ),
        status=_S.ON_AGENDA,
        submitted_days_ago=12,
        checked_days_ago=6,
        supporters=(_BAS, _NAIMA, _ROBIN),
    ),
    InitiativeSpec(
        key="jeu_de_boules",
        initiator=_HANNEKE,
        wijk_slug="molenbuurt",
        title="Jeu-de-boulesbaan bij De Wiek",
        summary=(
            "Een jeu-de-boulesbaan naast Ontmoetingscentrum De Wiek, waar ouderen "
            "en jongeren elke week samen spelen."
        ),
        description=(
            "Naast De Wiek ligt een grasveld dat niemand gebruikt. Daar leggen we "
            "een baan van 4 bij 15 meter aan, met opsluitbanden en gravel. De "
            "bezoekers van De Wiek spelen er op dinsdag- en donderdagmiddag, de "
            "jongeren van het jongerenwerk op vrijdag. Er komen vier sets boules "
            "die in De Wiek blijven. Vrijwilligers leggen de baan aan en houden hem "
            "onkruidvrij."
        ),
        goals=(Goal.SOCIAL_COHESION, Goal.LIVEABILITY),
        target_group="Ouderen en jongeren uit de Molenbuurt",
        location_text="Grasveld naast Ontmoetingscentrum De Wiek, Wiekstraat 2",
        uses_public_space=True,
        # Laid last week: the initiator can now fill in the accountability form, with
        # the spending at the Bouwmarkt filled in (nothing waits for the cash manager).
        starts_in_days=-11,
        lasts_days=4,
        costs=(
            CostLine(
                "Gravel, opsluitbanden en worteldoek voor de baan",
                CostCategory.MATERIALS,
                196_000,
                provider_name=_TOOLS,
            ),
            CostLine(
                "Vier sets boules en een meetlint",
                CostCategory.MATERIALS,
                28_000,
                provider_name=_TOOLS,
            ),
        ),
        contributions=(
            Contribution(
                ContributionKind.HOURS,
                "Acht vrijwilligers leggen de baan aan",
                hours=Decimal(64),
            ),
            Contribution(
                ContributionKind.IN_KIND,
                "De Wiek bewaart de boules en zorgt voor koffie",
            ),
        ),
        status=_S.IN_EXECUTION,
        submitted_days_ago=44,
        checked_days_ago=37,
        co_initiators=(_JAN,),
        supporters=(
            _SVEN,
            _ELS,
            _FLOOR,
            _SIMONE,
            _p("Marloes Hoekstra", "marloes.hoekstra"),
        ),
    ),
    InitiativeSpec(
        key="waterspeelplek",
        initiator=_FLOOR,
        wijk_slug="molenbuurt",
        title="Waterspeelplek bij de Molenvijver",
        summary=(
            "Een handpomp en een stroompje van keien aan de rand van de Molenvijver, "
            "waar kinderen in de zomer met water kunnen spelen."
        ),
        description=(
            "In de zomer is het in de Molenbuurt heet en er is geen plek waar "
            "kinderen met water kunnen spelen. Aan de rand van de Molenvijver willen "
            "we een handpomp plaatsen die vijverwater oppompt in een stroompje van "
            "keien en houten schotjes. Buren bouwen het stroompje zelf."
        ),
        goals=(Goal.LIVEABILITY,),
        target_group="Kinderen uit de Molenbuurt",
        location_text="Oever van de Molenvijver, bij het bruggetje",
        uses_public_space=True,
        starts_in_days=30,
        lasts_days=0,
        costs=(
            CostLine(
                "Handpomp met fundering",
                CostCategory.MATERIALS,
                138_000,
                provider_name=_TOOLS,
            ),
            CostLine(
                "Keien, hout en schotjes voor het stroompje",
                CostCategory.MATERIALS,
                46_000,
                provider_name=_TOOLS,
            ),
        ),
        contributions=(
            Contribution(
                ContributionKind.HOURS,
                "Buren bouwen het stroompje",
                hours=Decimal(40),
            ),
        ),
        status=_S.REJECTED,
        submitted_days_ago=41,
        checked_days_ago=36,
    ),
    InitiativeSpec(
        key="muurschildering",
        initiator=_SIMONE,
        wijk_slug="molenbuurt",
        title="Muurschildering op de molenschuur",
        summary=(
            "Kinderen en ouderen uit de buurt ontwerpen samen een muurschildering "
            "over de geschiedenis van korenmolen De Hoop."
        ),
        description=(
            "De blinde muur van de schuur naast de molen is grauw en wordt vaak "
            "beklad. Een kunstenaar uit de buurt begeleidt drie middagen waarin "
            "kinderen van basisschool De Molenwiek en ouderen uit De Wiek het ontwerp "
            "maken. Daarna schilderen ze het samen op de muur, met een laag die "
            "graffiti afstoot."
        ),
        goals=(Goal.LIVEABILITY, Goal.SOCIAL_COHESION),
        target_group="Kinderen en ouderen uit de Molenbuurt",
        location_text="Schuur naast korenmolen De Hoop, Molenweg 1",
        uses_public_space=False,
        starts_in_days=45,
        lasts_days=21,
        costs=(
            CostLine(
                "Begeleiding door een kunstenaar, 20 uur",
                CostCategory.FEES,
                90_000,
                hours=Decimal(20),
            ),
            CostLine(
                "Muurverf, kwasten, steiger en anti-graffitilaag",
                CostCategory.MATERIALS,
                74_000,
                provider_name=_TOOLS,
            ),
        ),
        contributions=(
            Contribution(
                ContributionKind.HOURS,
                "Buren schilderen mee en ruimen op",
                hours=Decimal(50),
            ),
        ),
        status=_S.DEFERRED,
        submitted_days_ago=40,
        checked_days_ago=36,
    ),
    InitiativeSpec(
        key="taalcafe",
        initiator=_HATICE,
        wijk_slug="de-hoven",
        title="Taalcafé in Wijkcentrum De Hoven",
        summary=(
            "Elke dinsdagochtend oefenen buren die Nederlands leren met vrijwilligers "
            "uit de wijk: praten over de buurt, de school en de dokter."
        ),
        description=(
            "In de appartementen aan de Boomgaardlaan wonen veel nieuwe Nederlanders "
            "die de taal willen oefenen, maar weinig Nederlandstaligen kennen. In "
            "het Taalcafé praten ze een halfjaar lang elke dinsdagochtend in kleine "
            "groepjes met vrijwilligers uit De Hoven. Het geld is voor de zaalhuur, "
            "oefenboekjes en flyers in vijf talen."
        ),
        goals=(Goal.SOCIAL_COHESION,),
        target_group="Bewoners van De Hoven die Nederlands leren",
        location_text="Wijkcentrum De Hoven, Kloosterhof 1",
        uses_public_space=False,
        starts_in_days=30,
        lasts_days=180,
        costs=(
            CostLine(
                "Zaalhuur, 26 dinsdagochtenden",
                CostCategory.RENTAL,
                52_000,
            ),
            CostLine(
                "Oefenboekjes en spellen",
                CostCategory.MATERIALS,
                24_000,
            ),
            CostLine(
                "Flyers in vijf talen",
                CostCategory.PROMOTION,
                9_000,
                provider_name=_PRINT,
            ),
        ),
        contributions=(
            Contribution(
                ContributionKind.HOURS,
                "Acht vrijwilligers, 26 ochtenden van twee uur",
                hours=Decimal(416),
            ),
        ),
        status=_S.ADVISED,
        submitted_days_ago=26,
        checked_days_ago=17,
        supporters=(_ANNA, _YOUSSEF, _MARCO),
    ),
    InitiativeSpec(
        key="straatvoetbal",
        initiator=_MARCO,
        wijk_slug="de-hoven",
        title="Straatvoetbaltoernooi in park De Hof",
        summary=(
            "Een straatvoetbaltoernooi voor teams van de Boomgaardlaan en het "
            "tuindorp, met een pannakooi en scheidsrechters uit de buurt."
        ),
        description=(
            "Jongeren uit het tuindorp en uit de nieuwe appartementen kennen elkaar "
            "nauwelijks en botsen soms in het park. Met een toernooi in gemengde "
            "teams leren ze elkaar kennen. We huren een pannakooi en doeltjes; "
            "oudere jongeren fluiten de wedstrijden. Het jongerenwerk helpt mee."
        ),
        goals=(Goal.SOCIAL_COHESION, Goal.SAFETY),
        target_group="Jongeren van 10 tot 16 jaar uit De Hoven",
        location_text="Park De Hof, het grasveld bij de Boomgaardlaan",
        uses_public_space=True,
        starts_in_days=35,
        lasts_days=0,
        costs=(
            CostLine(
                "Huur van een pannakooi en vier doeltjes",
                CostCategory.RENTAL,
                78_000,
            ),
            CostLine(
                "Ballen, hesjes en medailles",
                CostCategory.MATERIALS,
                26_000,
                provider_name=_TOOLS,
            ),
            CostLine(
                "Posters op de scholen en in het park",
                CostCategory.PROMOTION,
                7_500,
                provider_name=_PRINT,
            ),
        ),
        contributions=(
            Contribution(
                ContributionKind.HOURS,
                "Opbouwen en fluiten door tien jongeren",
                hours=Decimal(60),
            ),
        ),
        status=_S.IN_DELIBERATION,
        submitted_days_ago=24,
        checked_days_ago=15,
    ),
    InitiativeSpec(
        key="speurtocht",
        initiator=_EVELIEN,
        wijk_slug="de-hoven",
        title="Natuurspeurtocht in park De Hof",
        summary=(
            "Een vaste speurtocht met twaalf houten paaltjes en vragen over de "
            "bomen en vogels in park De Hof."
        ),
        description=(
            "Gezinnen kunnen met een kaart langs twaalf paaltjes lopen met een vraag "
            "over de natuur in het park. De kaart ligt in het wijkcentrum en staat "
            "online."
        ),
        goals=(Goal.LIVEABILITY,),
        target_group="Gezinnen met kinderen in De Hoven",
        location_text="Park De Hof",
        uses_public_space=True,
        starts_in_days=45,
        lasts_days=0,
        costs=(
            CostLine(
                "Twaalf eikenhouten paaltjes met bordjes",
                CostCategory.MATERIALS,
                48_000,
                provider_name=_TOOLS,
            ),
            CostLine(
                "Drukwerk van de speurtochtkaart",
                CostCategory.PROMOTION,
                14_000,
                provider_name=_PRINT,
            ),
        ),
        contributions=(
            Contribution(
                ContributionKind.HOURS,
                "Paaltjes plaatsen met buren",
                hours=Decimal(16),
            ),
        ),
        status=_S.NOT_PROCESSED,
        submitted_days_ago=40,
        information_requested_days_ago=37,
        information_request=(
            "Dank voor uw plan. Wilt u ons een kaartje sturen met de twaalf plekken "
            "van de paaltjes? Het park is van de gemeente; beheer openbare ruimte "
            "moet de plekken goedkeuren voordat de regiegroep het plan bespreekt."
        ),
    ),
    InitiativeSpec(
        key="schaakbord",
        initiator=_PIM,
        wijk_slug="de-hoven",
        title="Buitenschaakbord op de Kloosterhof",
        summary=(
            "Een groot schaakbord in de bestrating van de Kloosterhof, met stukken "
            "die in het wijkcentrum liggen."
        ),
        description=(
            "Op de Kloosterhof zitten op mooie dagen veel ouderen op de bankjes. Een "
            "groot schaakbord in de bestrating nodigt uit om samen een partij te "
            "spelen, en kinderen kijken mee."
        ),
        goals=(Goal.SOCIAL_COHESION,),
        target_group="Bewoners van De Hoven, jong en oud",
        location_text="Kloosterhof, voor het wijkcentrum",
        uses_public_space=True,
        starts_in_days=30,
        lasts_days=0,
        costs=(
            CostLine(
                "Tegels voor het schaakbord en 32 grote stukken",
                CostCategory.MATERIALS,
                118_000,
                provider_name=_TOOLS,
            ),
        ),
        contributions=(
            Contribution(
                ContributionKind.HOURS,
                "Buren leggen de tegels met de stratenmaker",
                hours=Decimal(24),
            ),
        ),
        status=_S.WITHDRAWN,
        submitted_days_ago=30,
    ),
)


@dataclass(frozen=True)
class Item:
    """One plan on a meeting's agenda and what the regiegroep did with it. ``outcome``
    is an advice outcome ("award", "partly_award", "reject"), "defer", "open" (under
    discussion right now) or "waiting" (on the agenda of a coming meeting). Members vote "for" unless named in ``against`` or
    ``abstain`` (by e-mail); with ``by_consensus`` nobody votes."""

    key: str
    outcome: str
    motivation: str = ""
    amount_cents: int | None = None
    reason_code: str = ""
    conditions: str = ""
    by_consensus: bool = False
    against: tuple[str, ...] = ()
    abstain: tuple[str, ...] = ()
    # (member e-mail, kind, note): interests a member declares themselves.
    declared: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class MeetingSpec:
    """A meeting of a wijk's regiegroep ``held_days_ago`` (negative: in the future),
    planned by its secretary ``planned_days_ago``. Past meetings are closed with
    published minutes; a meeting held today stays open."""

    wijk_slug: str
    held_days_ago: int
    planned_days_ago: int
    agenda_days_ago: int = 0
    absent: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()
    minutes: str = ""


def _e(local: str) -> str:
    return f"{local}@{EMAIL_DOMAIN}"


MEETINGS: tuple[MeetingSpec, ...] = (
    MeetingSpec(
        wijk_slug="havenkwartier",
        held_days_ago=42,
        planned_days_ago=70,
        agenda_days_ago=56,
        absent=(_e("ilse.jacobs"),),
        items=(
            Item(
                "speelplek",
                "award",
                motivation=(
                    "Een veilige speelplek is het meest gehoorde wens in de buurt. Het "
                    "plan is goed voorbereid met de wijkbeheerder, veel ouders helpen "
                    "mee en de gemeente neemt het onderhoud over."
                ),
                conditions="De gemeente keurt de speelplek voordat kinderen er spelen.",
            ),
            Item(
                "zomerterras",
                "reject",
                reason_code="rule_breach",
                motivation=(
                    "De tafels en parasols staan bij één viskraam en die kraam beheert "
                    "ze. Daarmee helpt het plan vooral één ondernemer; de regeling "
                    "betaalt niet voor een commercieel belang (artikel 5). Een terras "
                    "dat van de hele buurt is, op een openbare plek, kan opnieuw "
                    "worden aangevraagd."
                ),
                against=(
                    _e("fatima.elamrani"),
                    _e("joost.vandermeer"),
                    _e("mehmet.yilmaz"),
                ),
                abstain=(_e("sanne.devries"),),
            ),
            Item(
                "havendag",
                "partly_award",
                amount_cents=80_000,
                reason_code="other_budget",
                motivation=(
                    "De spelletjes, het knutselen en de flyers passen goed bij de "
                    "regeling. Podium en geluid worden al betaald uit het "
                    "evenementenfonds Dijkstad Viert, dus die betaalt de wijkvoucher "
                    "niet."
                ),
                by_consensus=True,
            ),
            Item(
                "zeilles",
                "award",
                motivation=(
                    "Kinderen uit de buurt leren veilig op het water te zijn, met "
                    "ervaren instructeurs. De kosten per kind zijn redelijk."
                ),
                by_consensus=True,
            ),
        ),
        minutes=(
            "Besluitenlijst regiegroep Havenkwartier\n\n"
            "Aanwezig: Fatima el Amrani (voorzitter), Joost van der Meer (secretaris), "
            "Henk Bakker, Sanne de Vries, Mehmet Yilmaz; Lotte Visser (adviseur, "
            "Welzijn Dijkstad). Afwezig met bericht: Ilse Jacobs.\n\n"
            "1. Opening. De voorzitter stelt vast dat het quorum is gehaald.\n"
            "2. Belangen. Sanne de Vries heeft de steunlijst van de natuurspeelplek "
            "getekend en stemt niet mee over dat plan.\n"
            "3. Natuurspeelplek op het Pakhuisplein: positief advies, 4 stemmen voor.\n"
            "4. Zomerterras bij de vismarkt: negatief advies, het plan helpt vooral "
            "één ondernemer (artikel 5 van de regeling).\n"
            "5. Havendag voor de hele buurt: advies om een deel toe te kennen, € 800; "
            "podium en geluid worden uit het evenementenfonds betaald.\n"
            "6. Zeilles voor buurtkinderen: positief advies, bij consensus.\n"
            "7. Rondvraag. De volgende vergadering is over zes weken in De Kaai."
        ),
    ),
    MeetingSpec(
        wijk_slug="molenbuurt",
        held_days_ago=21,
        planned_days_ago=50,
        agenda_days_ago=35,
        absent=(_e("bram.smit"),),
        items=(
            Item(
                "jeu_de_boules",
                "award",
                motivation=(
                    "De baan brengt ouderen en jongeren samen bij De Wiek, die het "
                    "beheer op zich neemt. Ruim voldoende steun uit de buurt."
                ),
                declared=(
                    (
                        _e("wilma.koster"),
                        "other",
                        "Mijn man is voorzitter van jeu-de-boulesclub De Molenboulers.",
                    ),
                ),
            ),
            Item(
                "waterspeelplek",
                "reject",
                reason_code="not_feasible",
                motivation=(
                    "Het waterschap staat geen pomp in de Molenvijver toe, en het "
                    "vijverwater is in de zomer niet schoon genoeg om mee te spelen. "
                    "De regiegroep denkt graag mee over een waterspeelplek met "
                    "leidingwater op een andere plek."
                ),
                against=(_e("gerda.mulder"), _e("kees.jansen"), _e("priya.ramdin")),
            ),
            Item(
                "muurschildering",
                "defer",
                reason_code="other",
                motivation=(
                    "De eigenaar van de schuur, Stichting Korenmolen De Hoop, moet "
                    "eerst toestemming geven. De regiegroep bespreekt het plan "
                    "opnieuw als die toestemming er is."
                ),
            ),
        ),
        minutes=(
            "Besluitenlijst regiegroep Molenbuurt\n\n"
            "Aanwezig: Gerda Mulder (voorzitter), Kees Jansen (secretaris), Priya "
            "Ramdin, Wilma Koster; Ahmed Bouzid (adviseur, jongerenwerk). Afwezig: "
            "Bram Smit.\n\n"
            "1. Opening en vaststelling quorum.\n"
            "2. Belangen. Wilma Koster meldt dat haar man voorzitter is van de "
            "jeu-de-boulesclub; zij stemt niet mee over de jeu-de-boulesbaan.\n"
            "3. Jeu-de-boulesbaan bij De Wiek: positief advies, 3 stemmen voor.\n"
            "4. Waterspeelplek bij de Molenvijver: negatief advies, niet uitvoerbaar "
            "(waterschap, waterkwaliteit).\n"
            "5. Muurschildering op de molenschuur: uitgesteld tot de eigenaar van de "
            "schuur toestemming geeft.\n"
            "6. Rondvraag en sluiting."
        ),
    ),
    # Tonight in De Hoven: the first plan has its advice, the second is being discussed.
    MeetingSpec(
        wijk_slug="de-hoven",
        held_days_ago=0,
        planned_days_ago=35,
        agenda_days_ago=14,
        absent=(_e("willem.vandijk"),),
        items=(
            Item(
                "taalcafe",
                "award",
                motivation=(
                    "Het Taalcafé helpt nieuwe bewoners om mee te doen in de wijk en "
                    "brengt hen in contact met buren. Vrijwilligers staan al klaar."
                ),
                abstain=(_e("daan.peters"),),
            ),
            Item("straatvoetbal", "open"),
        ),
    ),
    # The next meetings: plans checked on or before the cut-off can still go on them.
    MeetingSpec(
        wijk_slug="havenkwartier",
        held_days_ago=-14,
        planned_days_ago=40,
        agenda_days_ago=5,
        items=(Item("opschoondag", "waiting"),),
    ),
    MeetingSpec(wijk_slug="molenbuurt", held_days_ago=-21, planned_days_ago=19),
    MeetingSpec(wijk_slug="de-hoven", held_days_ago=-42, planned_days_ago=1),
)


@dataclass(frozen=True)
class DecisionSpec:
    """The beschikking on a plan, ``days_ago``, by the wijk's contact official. It
    follows the regiegroep's advice; rejections and partial awards get a short
    explanation for the public page (no names)."""

    key: str
    days_ago: int
    motivation: str = ""
    public_explanation: str = ""


DECISIONS: tuple[DecisionSpec, ...] = (
    DecisionSpec("speelplek", 38),
    DecisionSpec(
        "zomerterras",
        38,
        motivation=(
            "Wij wijzen uw aanvraag af. Het terras staat bij één viskraam en die "
            "beheert het; de subsidie komt daarmee vooral ten goede aan één "
            "onderneming. Artikel 5 van de regeling sluit kosten met een commercieel "
            "doel uit. Wij volgen hierin het advies van de regiegroep."
        ),
        public_explanation=(
            "Het plan helpt vooral één ondernemer. De regeling betaalt niet voor een "
            "commercieel belang."
        ),
    ),
    DecisionSpec(
        "havendag",
        38,
        motivation=(
            "Wij kennen € 800 toe voor de spelletjes, het knutselmateriaal en de "
            "flyers. Podium en geluid worden al betaald uit het evenementenfonds "
            "Dijkstad Viert; dubbele subsidie is niet mogelijk."
        ),
        public_explanation=(
            "Podium en geluid worden al uit een ander fonds van de gemeente betaald."
        ),
    ),
    DecisionSpec("zeilles", 38),
    DecisionSpec("jeu_de_boules", 17),
    DecisionSpec(
        "waterspeelplek",
        17,
        motivation=(
            "Wij wijzen uw aanvraag af, omdat het plan niet uitgevoerd kan worden. "
            "Het waterschap geeft geen toestemming voor een pomp in de Molenvijver "
            "en het vijverwater is in de zomer niet schoon genoeg om mee te spelen."
        ),
        public_explanation=(
            "Een pomp in de vijver mag niet van het waterschap en het water is niet "
            "schoon genoeg om mee te spelen."
        ),
    ),
    DecisionSpec(
        "speurtocht",
        20,
        motivation=(
            "Wij vroegen u om een kaartje met de plekken van de paaltjes. Dat hebben "
            "wij niet binnen de hersteltermijn ontvangen. Daarom behandelen wij uw "
            "aanvraag niet verder (artikel 4:5 Awb). U kunt een nieuwe aanvraag doen."
        ),
    ),
)

# What happens after the decisions (days ago). The awarded plans that are carried out
# get their vouchers (``VOUCHER_ISSUES``), which starts their execution.
CANCELLATIONS = (
    (
        "zeilles",
        10,
        "not_feasible",
        "Watersportvereniging De Kaap kan dit seizoen geen boten en instructeurs meer "
        "leveren. We zoeken een andere vereniging en vragen het volgend jaar opnieuw "
        "aan.",
    ),
)
WITHDRAWALS = (
    (
        "schaakbord",
        22,
        "De woningcorporatie legt het schaakbord nu zelf aan bij de renovatie van de "
        "Kloosterhof.",
    ),
)
# (plan key, received days ago, registered days ago, grounds)
OBJECTIONS = (
    (
        "zomerterras",
        24,
        23,
        "Ik ben het niet eens met de afwijzing. Het terras is voor alle "
        "marktbezoekers, niet alleen voor klanten van onze kraam. Wij vragen geen "
        "geld voor de tafels en iedereen mag er zitten.",
    ),
)

# --- The money after the award (issue #4) ---------------------------------------------


@dataclass(frozen=True)
class VoucherIssue:
    """The contact official turns a plan's award into vouchers ``days_ago``; the
    amounts must add up to the award. Small vouchers, so that several stay unspent
    for whoever tries the provider portal or the API."""

    key: str
    days_ago: int
    amounts_cents: tuple[int, ...]


@dataclass(frozen=True)
class RedemptionSpec:
    """A purchase paid with voucher number ``voucher`` (1-based) of plan ``key``, by
    the provider's user, through the portal or the provider's own till (API)."""

    key: str
    voucher: int
    provider: str
    channel: str
    days_ago: int
    amount_cents: int
    description: str
    reference: str = ""


@dataclass(frozen=True)
class RefundSpec:
    """The provider pays part of redemption number ``redemption`` (0-based index in
    ``REDEMPTIONS``) back onto the voucher."""

    redemption: int
    days_ago: int
    amount_cents: int
    reason: str


@dataclass(frozen=True)
class ClaimSpec:
    """An initiator asks to be paid back for a receipt of the plan's cost line
    ``budget_line`` (its description); it waits for the cash manager's approval."""

    key: str
    budget_line: str
    days_ago: int
    amount_cents: int
    description: str
    payee_name: str
    iban: str
    receipt_name: str


VOUCHER_ISSUES: tuple[VoucherIssue, ...] = (
    VoucherIssue("speelplek", 30, (120_000, 60_000, 39_500)),
    VoucherIssue("havendag", 28, (50_000, 30_000)),
    VoucherIssue("jeu_de_boules", 12, (150_000, 74_000)),
)

REDEMPTIONS: tuple[RedemptionSpec, ...] = (
    RedemptionSpec(
        "speelplek",
        1,
        "Bouwmarkt Van Dam",
        "portal",
        26,
        84_560,
        "Vier boomstammen, twee kuub zand en randen voor de zandbak",
        reference="VD-2026-0412",
    ),
    RedemptionSpec(
        "havendag",
        1,
        "Drukkerij De Letterbak",
        "api",
        19,
        18_000,
        "500 flyers A5 en 20 posters A2 voor de Havendag",
        reference="LB-10387",
    ),
    RedemptionSpec(
        "havendag",
        2,
        "Bouwmarkt Van Dam",
        "portal",
        19,
        26_500,
        "Sjoelbakken, touw, verf en knutselhout voor de spelletjes",
        reference="VD-2026-0533",
    ),
    RedemptionSpec(
        "jeu_de_boules",
        1,
        "Bouwmarkt Van Dam",
        "portal",
        11,
        138_650,
        "Gravel, opsluitbanden en worteldoek voor de jeu-de-boulesbaan",
        reference="VD-2026-0618",
    ),
    RedemptionSpec(
        "jeu_de_boules",
        2,
        "Bouwmarkt Van Dam",
        "portal",
        11,
        24_990,
        "Vier sets boules en een meetlint",
        reference="VD-2026-0619",
    ),
)

REFUNDS: tuple[RefundSpec, ...] = (
    RefundSpec(
        0,
        17,
        4_560,
        "Eén boomstam teruggebracht: te lang voor de hoek van het plein.",
    ),
)

CLAIMS: tuple[ClaimSpec, ...] = (
    ClaimSpec(
        "speelplek",
        "Wilgentenen en vaste planten rond de speelplek",
        3,
        3_475,
        "Wilgentenen bij de kwekerij aan de Dijkweg, contant betaald",
        "N. Bakkali",
        "NL20INGB0001234567",
        "bon-wilgentenen.jpg",
    ),
)

# --- The year's history (issue #13 point 7) -------------------------------------------
# One plan per wijk that went the whole way months before the demo day: sent, checked,
# advised at a regiegroep meeting, awarded, vouchers spent, the activity held, the
# report sent and the plan settled (content_accountability.py). The council's report
# then has a year of numbers, quarter by quarter. Days are days before the demo day.

INITIATIVES += (
    InitiativeSpec(
        key="plantenbakken",
        initiator=_WIM,
        wijk_slug="havenkwartier",
        title="Plantenbakken in de Touwslagerij",
        summary=(
            "Zes houten plantenbakken met vaste planten in de Touwslagerij, die de "
            "bewoners zelf water geven."
        ),
        description=(
            "De Touwslagerij is een stenige straat zonder één boom. Met zes grote "
            "plantenbakken van hout en vaste planten wordt de straat groener en koeler. "
            "Elke bak heeft een peter of meter uit de straat die water geeft; de "
            "bakken staan op plekken die de wijkbeheerder heeft aangewezen."
        ),
        goals=(Goal.LIVEABILITY,),
        target_group="Bewoners van de Touwslagerij",
        location_text="Touwslagerij, tussen nummer 8 en 41",
        uses_public_space=True,
        starts_in_days=-288,
        lasts_days=0,
        costs=(
            CostLine(
                "Zes houten plantenbakken",
                CostCategory.MATERIALS,
                96_000,
                provider_name=_TOOLS,
            ),
            CostLine(
                "Potgrond en vaste planten voor de bakken",
                CostCategory.PLANTS,
                54_000,
                provider_name=_TOOLS,
            ),
        ),
        contributions=(
            Contribution(
                ContributionKind.HOURS,
                "Bakken neerzetten en planten, en een jaar lang water geven",
                hours=Decimal(40),
            ),
        ),
        status=_S.SETTLED,
        submitted_days_ago=330,
        checked_days_ago=324,
    ),
    InitiativeSpec(
        key="repaircafe",
        initiator=_RIA,
        wijk_slug="molenbuurt",
        title="Repair Café in De Wiek",
        summary=(
            "Elke eerste zaterdag van de maand repareren vrijwilligers in De Wiek "
            "kapotte spullen van buren, met koffie erbij."
        ),
        description=(
            "Veel ouderen in de Molenbuurt gooien een kapotte lamp of broek weg omdat "
            "niemand hem kan maken. Tien vrijwilligers met handige handen openen twee "
            "maanden lang elke zaterdag een Repair Café in De Wiek. Voor het "
            "gereedschap en de flyers vragen we een bijdrage; De Wiek geeft de ruimte."
        ),
        goals=(Goal.SOCIAL_COHESION,),
        target_group="Buren uit de Molenbuurt, vooral ouderen",
        location_text="Ontmoetingscentrum De Wiek, Wiekstraat 2",
        uses_public_space=False,
        starts_in_days=-203,
        lasts_days=60,
        costs=(
            CostLine(
                "Gereedschap voor drie reparatietafels",
                CostCategory.MATERIALS,
                78_000,
                provider_name=_TOOLS,
            ),
            CostLine(
                "Flyers en posters",
                CostCategory.PROMOTION,
                9_500,
                provider_name=_PRINT,
            ),
        ),
        contributions=(
            Contribution(
                ContributionKind.HOURS,
                "Tien vrijwilligers repareren op negen zaterdagen",
                hours=Decimal(180),
            ),
            Contribution(
                ContributionKind.IN_KIND,
                "De Wiek geeft de zaal en de koffie",
            ),
        ),
        status=_S.SETTLED,
        submitted_days_ago=245,
        checked_days_ago=239,
    ),
    InitiativeSpec(
        key="bloembollen",
        initiator=_KOEN,
        wijk_slug="de-hoven",
        title="Bloembollen langs de Kloosterhof",
        summary=(
            "Buren planten in het najaar vijfduizend bloembollen in de bermen langs "
            "de Kloosterhof, samen met de kinderen van de basisschool."
        ),
        description=(
            "De bermen langs de Kloosterhof zijn in het voorjaar kaal. Op een "
            "zaterdag planten buren en de kinderen van groep 6 van De Hofstee "
            "vijfduizend bollen: krokussen, narcissen en blauwe druifjes. De "
            "gemeente maait de bermen pas na de bloei."
        ),
        goals=(Goal.LIVEABILITY, Goal.SOCIAL_COHESION),
        target_group="Buren en schoolkinderen uit De Hoven",
        location_text="Bermen langs de Kloosterhof",
        uses_public_space=True,
        starts_in_days=-128,
        lasts_days=1,
        costs=(
            CostLine(
                "Vijfduizend bloembollen",
                CostCategory.PLANTS,
                64_000,
                provider_name="Tuincentrum De Hovenier",
            ),
            CostLine(
                "Schoppen en plantstokken",
                CostCategory.MATERIALS,
                12_000,
                provider_name=_TOOLS,
            ),
        ),
        contributions=(
            Contribution(
                ContributionKind.HOURS,
                "Twintig buren en een schoolklas planten een zaterdag",
                hours=Decimal(80),
            ),
        ),
        status=_S.SETTLED,
        submitted_days_ago=175,
        checked_days_ago=169,
    ),
)

MEETINGS += (
    MeetingSpec(
        wijk_slug="havenkwartier",
        held_days_ago=306,
        planned_days_ago=340,
        agenda_days_ago=320,
        items=(
            Item(
                "plantenbakken",
                "award",
                motivation=(
                    "Meer groen in een stenige straat, met bewoners die de bakken "
                    "zelf verzorgen."
                ),
                by_consensus=True,
            ),
        ),
        minutes=(
            "Besluitenlijst regiegroep Havenkwartier\n\n"
            "1. Opening. Het quorum is gehaald.\n"
            "2. Plantenbakken in de Touwslagerij: positief advies, bij consensus.\n"
            "3. Rondvraag."
        ),
    ),
    MeetingSpec(
        wijk_slug="molenbuurt",
        held_days_ago=221,
        planned_days_ago=250,
        agenda_days_ago=235,
        items=(
            Item(
                "repaircafe",
                "award",
                motivation=(
                    "Buren helpen buren, en minder spullen worden weggegooid. De Wiek "
                    "is er blij mee."
                ),
                by_consensus=True,
            ),
        ),
        minutes=(
            "Besluitenlijst regiegroep Molenbuurt\n\n"
            "1. Opening. Het quorum is gehaald.\n"
            "2. Repair Café in De Wiek: positief advies, bij consensus.\n"
            "3. Rondvraag."
        ),
    ),
    MeetingSpec(
        wijk_slug="de-hoven",
        held_days_ago=146,
        planned_days_ago=185,
        agenda_days_ago=160,
        items=(
            Item(
                "bloembollen",
                "award",
                motivation=(
                    "Een kleurige berm in het voorjaar, geplant door buren en "
                    "schoolkinderen samen."
                ),
                by_consensus=True,
            ),
        ),
        minutes=(
            "Besluitenlijst regiegroep De Hoven\n\n"
            "1. Opening. Het quorum is gehaald.\n"
            "2. Bloembollen langs de Kloosterhof: positief advies, bij consensus.\n"
            "3. Rondvraag."
        ),
    ),
)

DECISIONS += (
    DecisionSpec("plantenbakken", 302),
    DecisionSpec("repaircafe", 217),
    DecisionSpec("bloembollen", 142),
)

VOUCHER_ISSUES += (
    VoucherIssue("plantenbakken", 296, (100_000, 50_000)),
    VoucherIssue("repaircafe", 211, (87_500,)),
    VoucherIssue("bloembollen", 136, (76_000,)),
)

REDEMPTIONS += (
    RedemptionSpec(
        "plantenbakken",
        1,
        "Bouwmarkt Van Dam",
        "portal",
        292,
        92_340,
        "Zes houten plantenbakken",
        reference="VD-2026-0102",
    ),
    RedemptionSpec(
        "plantenbakken",
        2,
        "Bouwmarkt Van Dam",
        "portal",
        292,
        41_875,
        "Potgrond en vaste planten",
        reference="VD-2026-0103",
    ),
    RedemptionSpec(
        "repaircafe",
        1,
        "Bouwmarkt Van Dam",
        "portal",
        208,
        74_890,
        "Gereedschap: schroevendraaiers, soldeerbouten, naaigerei",
        reference="VD-2026-0290",
    ),
    RedemptionSpec(
        "repaircafe",
        1,
        "Drukkerij De Letterbak",
        "api",
        208,
        9_500,
        "Flyers en posters voor het Repair Café",
        reference="LB-10112",
    ),
    RedemptionSpec(
        "bloembollen",
        1,
        "Tuincentrum De Hovenier",
        "portal",
        133,
        63_150,
        "Vijfduizend bloembollen, gemengd",
        reference="HOV-8841",
    ),
    RedemptionSpec(
        "bloembollen",
        1,
        "Bouwmarkt Van Dam",
        "portal",
        133,
        11_495,
        "Vier schoppen en plantstokken",
        reference="VD-2026-0377",
    ),
)

# The provider whose own till system uses the API, and when its key was made.
API_PROVIDER = "Drukkerij De Letterbak"
API_TOKEN_NAME = "Kassasysteem Letterbak"  # noqa: S105 (a label, not a secret)
API_TOKEN_DAYS_AGO = 21
# The payout batch: prepared by the cash manager, approved by the second one; left
# approved (not paid), so a visitor can download the bank file and mark it paid.
PAYOUT_PREPARED_DAYS_AGO = 2
PAYOUT_APPROVED_DAYS_AGO = 1
PAYOUT_EXECUTION_IN_DAYS = 3
# The year's history was paid out earlier: a batch prepared, approved and marked paid
# (days ago), with everything owed to the providers then.
PAYOUT_HISTORY_DAYS_AGO = (100, 99, 95)


# Which login shows what, for whoever gives the demo. Printed by ``demo_credentials``
# (a developer tool that speaks English).
STORY: tuple[tuple[str, str], ...] = (
    (
        _e("maaike.schouten"),
        "Coordinator: Mijn werk lists every page of the role; review providers "
        "(Fietsenmaker Spaak waits: approve, ask for more information or reject), "
        "objections, the budgets and the admin (/beheer/).",
    ),
    (
        _e("sem.dewit"),
        "Contact official for all wijken: the colleague a plan can be handed over to "
        "from its plan file.",
    ),
    (
        _e("janwillem.degraaf"),
        "Council: Mijn werk shows the budget of every wijk and its quarterly "
        "overviews.",
    ),
    (
        _e("anouk.verhoeven"),
        "Contact official Havenkwartier: work list with one overdue plan (Drie "
        "bankjes), an information request, beschikkingen and a bezwaar.",
    ),
    (
        _e("fatima.elamrani"),
        "Chair of the Havenkwartier regiegroep: past meeting with published minutes "
        "(a member with a conflict did not vote) and the next meeting's agenda.",
    ),
    (
        _e("gerda.mulder"),
        "Chair of the Molenbuurt regiegroep: meeting with a declared interest, a "
        "rejection and a deferred plan.",
    ),
    (
        _e("ingrid.deboer"),
        "Chair of the De Hoven regiegroep: tonight's meeting is open, one plan is "
        "under discussion.",
    ),
    (
        _e("yasmina.haddou"),
        "Contact official De Hoven: a plan with the regiegroep's advice waiting for "
        "its beschikking.",
    ),
    (
        _e("naima.bakkali"),
        "Initiator with an award being carried out: beschikking PDF, co-initiator, "
        "support signatures, vouchers (one partly spent at Bouwmarkt Van Dam, with a "
        "refund) and a reimbursement waiting for the cash manager's approval.",
    ),
    (
        _e("erik.vandam"),
        "Provider user of Bouwmarkt Van Dam: the provider portal (/aanbieder/): look "
        "up a voucher code, register a purchase, pay part back; one purchase with a "
        "partial refund.",
    ),
    (
        _e("hans.kuipers"),
        "Provider user of Drukkerij De Letterbak, whose till uses the API (one "
        "purchase came in that way). Try it: curl -X POST <SITE_URL>/api/v1/"
        "redemptions/ -H 'Authorization: Token <API_KEY>' -H 'Idempotency-Key: "
        "demo-1' -H 'Content-Type: application/json' -d '{\"voucher_code\": "
        '"<VOUCHER_CODE>", "amount_cents": 250, "description": "Koffie"}\' '
        "(send it twice: the same answer, charged once).",
    ),
    (
        _e("peter.vanleeuwen"),
        "Cash manager: /kas/ (a reimbursement waiting for approval) and "
        "/kas/uitbetalingen/ (the payout batch he prepared, approved by Rachid Benali: "
        "download the SEPA file and mark it paid).",
    ),
    (
        _e("rachid.benali"),
        "Second cash manager: approved the payout batch that Peter van Leeuwen "
        "prepared (four eyes: who prepares a batch cannot approve it).",
    ),
    (
        _e("hanneke.prins"),
        "Initiator whose jeu-de-boulesbaan was laid last week: Mijn plannen > the plan "
        "> Verantwoording shows the spending at Bouwmarkt Van Dam filled in; send the "
        "form, then settle it as the Molenbuurt contact official.",
    ),
    (
        _e("gerrit.vos"),
        "Initiator whose plan was rejected (rule breach) and who objected.",
    ),
    (
        _e("mirjam.hofman"),
        "Initiator who must answer an information request.",
    ),
    (
        _e("sven.post"),
        "Resident of Molenbuurt whose birth date the municipality recorded with his "
        "address: votes from his account in the open budget vote (no letters) "
        "without being asked his age, and has voted already.",
    ),
    (
        _e("floor.vanrijn"),
        "Resident of Molenbuurt without a recorded birth date: the open budget vote "
        "asks her on the ballot to declare that she is old enough. The roll page of "
        "that vote (contact official Molenbuurt) counts both kinds.",
    ),
    (
        _e("karin.willems"),
        "Resident without plans: write a first plan (the browser tests use her).",
    ),
)


# --- Security events (issue #14 point 3) ------------------------------------------------
# Refused requests the coordinator sees under "Mijn werk > Beveiliging": (days ago,
# reason, client address, how many times, method, path; a count shown is exact at
# 1-10, powers of two and hundreds). The last one is a burst of
# made-up API keys: the coordinators get a message about it. Addresses are from the
# documentation ranges (RFC 5737).


@dataclass(frozen=True)
class RefusalSpec:
    days_ago: int
    reason: str
    client: str
    times: int
    method: str
    path: str


SECURITY_REFUSALS = (
    RefusalSpec(6, "csrf", "203.0.113.40", 1, "POST", "/inloggen/"),
    RefusalSpec(4, "rate_limited", "203.0.113.41", 3, "POST", "/inloggen/"),
    RefusalSpec(2, "not_found", "192.0.2.15", 4, "GET", "/plannen/"),
    RefusalSpec(
        1, "api.key_unknown", "198.51.100.77", 128, "POST", "/api/v1/vouchers/lookup/"
    ),
)
