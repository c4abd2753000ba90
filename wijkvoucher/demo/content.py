"""The demo's content: a fictional gemeente Dijkstad with three wijken, the people who
hold its roles and the providers where vouchers are spent. Pure data, in Dutch; the
loader (``wijkvoucher.demo.loader``) turns it into rows through the services."""

from __future__ import annotations

from dataclasses import dataclass, field

from wijkvoucher.neighbourhoods.constants import Role

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
            Resident(_p("Sven Post", "sven.post"), Home("Maalderij", 11, "2812DK")),
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
            Resident(
                _p("Anna Wouters", "anna.wouters"), Home("Kloosterhof", 19, "2813CD")
            ),
            Resident(
                _p("Youssef Tahiri", "youssef.tahiri"), Home("Hofstede", 3, "2813AB")
            ),
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
