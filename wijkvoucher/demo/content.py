"""The demo's content: a fictional gemeente Dijkstad with three wijken, the people who
hold its roles, the providers where vouchers are spent and the residents' plans
(initiatives). Pure data, in Dutch; the loader (``wijkvoucher.demo.loader``) turns it
into rows through the services."""

from __future__ import annotations

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
    """A resident's plan and how far it got. Dates are (month, day) in the year after
    the demo year, so the lead time always fits. ``submitted_days_ago`` backdates the
    submission (never before the regeling came into force); more than the regeling's
    decision term (4 weeks) makes the plan overdue."""

    initiator: Person
    wijk_slug: str
    title: str
    summary: str
    description: str
    goals: tuple[Goal, ...]
    target_group: str
    location_text: str
    starts: tuple[int, int]
    ends: tuple[int, int]
    costs: tuple[CostLine, ...]
    contributions: tuple[Contribution, ...]
    status: InitiativeStatus = InitiativeStatus.DRAFT
    submitted_days_ago: int = 0
    information_request: str = ""
    food_drink_motivation: str = ""


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
}

COORDINATOR = _p("Maaike Schouten", "maaike.schouten")
CASH_MANAGER = _p("Peter van Leeuwen", "peter.vanleeuwen")
COUNCIL_MEMBER = _p("Jan-Willem de Graaf", "janwillem.degraaf")

# Residents who propose the demo's plans (``INITIATIVES``). Karin Willems has none:
# the browser smoke test writes her first plan.
_BAS = _p("Bas Verbeek", "bas.verbeek")
_MIRJAM = _p("Mirjam Hofman", "mirjam.hofman")
_SVEN = _p("Sven Post", "sven.post")
_ELS = _p("Els de Wit", "els.dewit")
_ANNA = _p("Anna Wouters", "anna.wouters")
_YOUSSEF = _p("Youssef Tahiri", "youssef.tahiri")

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
            Resident(_SVEN, Home("Maalderij", 11, "2812DK")),
            Resident(_ELS, Home("Korenmolenstraat", 3, "2812BE")),
            Resident(
                _p("Marloes Hoekstra", "marloes.hoekstra"),
                Home("Wiekstraat", 7, "2812CH"),
                confirmed=False,
            ),
        ),
        assisted=(
            Resident(
                Person(full_name="Joke Vermeulen", email=None, phone="0612345678"),
                Home("Molenweg", 18, "2812AC"),
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
        ),
    ),
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
        starts=(4, 10),
        ends=(5, 29),
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
        submitted_days_ago=40,
    ),
    InitiativeSpec(
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
        starts=(6, 19),
        ends=(6, 19),
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
        information_request=(
            "Dank voor uw plan. Voordat de regiegroep het bespreekt, hebben we nog "
            "twee dingen nodig. 1. Een tekening of foto van de plek op de "
            "Visserskade waar de partytent en de barbecues komen te staan. 2. Moet de "
            "weg langs de kade daarvoor (een deel van de dag) dicht? Dan helpen wij "
            "u met de melding voor het evenement."
        ),
    ),
    InitiativeSpec(
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
        starts=(2, 6),
        ends=(12, 4),
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
    ),
    # A draft that fits the rules but is not sent yet.
    InitiativeSpec(
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
        starts=(3, 20),
        ends=(4, 17),
        costs=(
            CostLine(
                "Vaste planten, klimrozen en kamperfoelie voor twaalf geveltuinen",
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
        starts=(3, 31),
        ends=(10, 27),
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
    # A draft that breaks a hard rule (alcohol): the rule check says "Past niet".
    InitiativeSpec(
        initiator=_YOUSSEF,
        wijk_slug="de-hoven",
        title="Kerstmarkt op de Kloosterhof",
        summary=(
            "Een kleine kerstmarkt met kramen van buren, verenigingen en de twee "
            "basisscholen, met muziek en warme chocolademelk."
        ),
        description=(
            "Op de zaterdag voor Kerst zetten we tien kramen neer op de Kloosterhof. "
            "Buren verkopen zelfgemaakte kerststukjes en koekjes; de opbrengst gaat "
            "naar de voedselbank. Muziekvereniging De Hoven speelt kerstliedjes en "
            "de kinderen van de basisscholen zingen. We schenken warme chocolademelk "
            "en glühwein."
        ),
        goals=(Goal.SOCIAL_COHESION,),
        target_group="Alle bewoners van De Hoven",
        location_text="Kloosterhof, voor het wijkcentrum",
        starts=(12, 18),
        ends=(12, 18),
        costs=(
            CostLine(
                "Huur van tien marktkramen met verlichting",
                CostCategory.RENTAL,
                65_000,
            ),
            CostLine(
                "Warme chocolademelk en oliebollen",
                CostCategory.FOOD_DRINK,
                15_000,
            ),
            CostLine("Glühwein", CostCategory.ALCOHOL, 18_000),
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
