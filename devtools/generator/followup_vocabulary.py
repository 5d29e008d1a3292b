"""Building blocks for what came of the work: the indicators each topic measures, whom to ask,
lessons learned (failures too), and how often each of them is given."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Indicator:
    """Something a topic's work is measured by. The latest value comes from the baseline and a
    change per year: `relative` compounds (−5 % a year), otherwise it is added (+30 pupils a
    year). A negative change is an improvement where less is better (food waste, emissions)."""

    name: str
    unit: str
    baseline: tuple[float, float]
    yearly_change: tuple[float, float]
    source: str
    relative: bool = True
    decimals: int = 0
    ceiling: float | None = None


def _count(name, unit, baseline, per_year, source):
    return Indicator(name, unit, baseline, per_year, source, relative=False)


INDICATORS = {
    "matsvinn": (
        Indicator(
            "Matsvinn per elev och dag", "g", (45, 85), (-0.15, -0.04), "kostenhetens mätningar"
        ),
        Indicator(
            "Ekologiska livsmedel i skolmåltiderna",
            "%",
            (10, 35),
            (0.04, 0.15),
            "kostenhetens inköpsstatistik",
            ceiling=100,
        ),
        _count("Skolor som mäter svinnet", "st", (1, 4), (1, 4), "kostenheten"),
    ),
    "biogas": (
        Indicator(
            "Producerad biogas",
            "GWh",
            (2, 25),
            (0.05, 0.25),
            "biogasanläggningens årsrapport",
            decimals=1,
        ),
        Indicator("Insamlat matavfall", "ton", (300, 3000), (0.03, 0.15), "renhållningen"),
        Indicator(
            "Stadsbussar som kör på biogas",
            "%",
            (5, 40),
            (0.1, 0.3),
            "kollektivtrafiken",
            ceiling=100,
        ),
    ),
    "solceller": (
        Indicator(
            "Installerad solcellseffekt", "kW", (20, 400), (0.1, 0.5), "fastighetsavdelningen"
        ),
        Indicator("Egenproducerad solel", "MWh", (15, 350), (0.1, 0.45), "fastighetsavdelningen"),
        _count("Kommunala byggnader med solceller", "st", (1, 6), (1, 5), "fastighetsavdelningen"),
    ),
    "skolutbyte": (
        _count("Elever som deltagit", "st", (0, 40), (15, 120), "skolornas rapporter"),
        _count(
            "Lärare som deltagit i utbyte",
            "st",
            (0, 6),
            (2, 12),
            "barn- och utbildningsförvaltningen",
        ),
        _count("Skolor i samarbetet", "st", (1, 3), (0, 2), "barn- och utbildningsförvaltningen"),
    ),
    "jamstalldhet": (
        Indicator(
            "Föreningsbidrag till flickor och kvinnor",
            "%",
            (30, 42),
            (0.01, 0.06),
            "fritidsförvaltningens bidragsstatistik",
            ceiling=60,
        ),
        _count(
            "Chefer utbildade i jämställdhetsintegrering", "st", (0, 20), (15, 80), "HR-avdelningen"
        ),
        Indicator(
            "Kvinnor bland nämndernas ordförande",
            "%",
            (20, 40),
            (0.02, 0.08),
            "kommunkansliet",
            ceiling=60,
        ),
    ),
    "vatten": (
        Indicator(
            "Fosforhalt i fjärden", "µg/l", (25, 60), (-0.08, -0.02), "länsstyrelsens provtagning"
        ),
        _count(
            "Enskilda avlopp som åtgärdats",
            "st",
            (0, 50),
            (20, 150),
            "miljö- och hälsoskyddsenheten",
        ),
        _count("Anlagda våtmarker", "st", (0, 3), (1, 3), "samhällsbyggnadsförvaltningen"),
        Indicator("Hushåll med rent dricksvatten", "st", (500, 4000), (0.05, 0.2), "vattenverket"),
    ),
    "avfall": (
        Indicator(
            "Restavfall per invånare", "kg", (180, 260), (-0.06, -0.015), "avfallsstatistiken"
        ),
        Indicator(
            "Hushållsavfall till materialåtervinning",
            "%",
            (30, 50),
            (0.02, 0.08),
            "avfallsstatistiken",
            ceiling=90,
        ),
        Indicator("Försäljning i återbruket", "tkr", (200, 1500), (0.08, 0.3), "återbruket"),
    ),
    "raddningstjanst": (
        Indicator(
            "Genomsnittlig insatstid",
            "min",
            (12, 25),
            (-0.08, -0.02),
            "räddningstjänstens insatsrapporter",
            decimals=1,
        ),
        _count("Utbildade brandmän", "st", (0, 10), (5, 25), "räddningstjänsten"),
        _count("Gemensamma övningar", "st", (0, 2), (1, 4), "räddningstjänsten"),
    ),
    "folkhalsa": (
        Indicator(
            "Dagligrökare bland vuxna",
            "%",
            (10, 18),
            (-0.08, -0.02),
            "Folkhälsomyndighetens enkät",
            decimals=1,
        ),
        Indicator(
            "Elever med daglig rörelse i skolan",
            "%",
            (20, 50),
            (0.05, 0.2),
            "elevhälsan",
            ceiling=100,
        ),
        Indicator(
            "Deltagare i gruppträning för äldre",
            "st",
            (20, 100),
            (0.1, 0.35),
            "vård- och omsorgsförvaltningen",
        ),
    ),
    "rattvis-handel": (
        Indicator(
            "Rättvisemärkta inköp",
            "%",
            (2, 10),
            (0.1, 0.35),
            "upphandlingsenhetens inköpsanalys",
            decimals=1,
            ceiling=60,
        ),
        Indicator(
            "Rättvisemärkt kaffe av allt kaffe som köps in",
            "%",
            (20, 60),
            (0.05, 0.2),
            "upphandlingsenheten",
            ceiling=100,
        ),
    ),
    "energi": (
        Indicator(
            "Energianvändning i kommunens lokaler",
            "kWh/m²",
            (150, 230),
            (-0.06, -0.015),
            "energistatistiken",
        ),
        Indicator(
            "Gatubelysningens elanvändning",
            "MWh",
            (800, 4000),
            (-0.15, -0.04),
            "tekniska förvaltningen",
        ),
        _count(
            "Företag med energikartläggning",
            "st",
            (0, 10),
            (5, 20),
            "energi- och klimatrådgivningen",
        ),
    ),
    "lokal-mat": (
        Indicator(
            "Närproducerade livsmedel i storköken",
            "%",
            (5, 20),
            (0.05, 0.25),
            "kostenhetens inköpsstatistik",
            ceiling=80,
        ),
        _count("Lokala leverantörer", "st", (1, 6), (1, 4), "kostenheten"),
    ),
    "demokrati": (
        Indicator(
            "Valdeltagande bland förstagångsväljare",
            "%",
            (65, 80),
            (0.005, 0.025),
            "Valmyndigheten",
            decimals=1,
            ceiling=95,
        ),
        Indicator("Medborgarförslag och e-förslag", "st", (10, 60), (0.1, 0.4), "kommunkansliet"),
        _count("Medborgardialoger", "st", (2, 8), (1, 5), "kommunkansliet"),
    ),
    "klimat": (
        Indicator(
            "Utsläpp från kommunens verksamheter",
            "ton CO₂e",
            (4000, 25000),
            (-0.09, -0.02),
            "kommunens klimatbokslut",
        ),
        Indicator(
            "Fossilfria fordon i kommunens bilpark",
            "%",
            (10, 40),
            (0.1, 0.3),
            "fordonsenheten",
            ceiling=100,
        ),
        _count("Företag med klimatlöfte", "st", (0, 15), (5, 25), "näringslivsenheten"),
    ),
    "trafik": (
        _count("Cykelväg", "km", (20, 120), (1, 8), "samhällsbyggnadsförvaltningen"),
        Indicator(
            "Resor med kollektivtrafik",
            "miljoner resor",
            (0.5, 8),
            (0.01, 0.06),
            "kollektivtrafikmyndigheten",
            decimals=2,
        ),
        Indicator(
            "Lastbilstransporter", "st per år", (5000, 20000), (-0.1, -0.02), "terminalbolaget"
        ),
    ),
    "natur": (
        Indicator("Skyddad natur", "hektar", (500, 5000), (0.02, 0.1), "naturvårdsregistret"),
        Indicator(
            "Arter av vildbin och humlor", "st", (20, 60), (0.02, 0.08), "kommunens inventering"
        ),
        Indicator(
            "Ängsmark som sköts för pollinerare",
            "hektar",
            (1, 15),
            (0.1, 0.4),
            "parkavdelningen",
            decimals=1,
        ),
    ),
    "unga-arbete": (
        Indicator("Unga i sommarjobb", "st", (20, 150), (0.05, 0.25), "arbetsmarknadsenheten"),
        Indicator(
            "Deltagare i arbete eller studier efter ett år",
            "%",
            (25, 45),
            (0.03, 0.12),
            "arbetsmarknadsenheten",
            ceiling=90,
        ),
        Indicator(
            "Arbetslösa unga 18–24 år",
            "%",
            (8, 20),
            (-0.1, -0.02),
            "Arbetsförmedlingen",
            decimals=1,
        ),
    ),
}

# Whom to ask: a role and the part of the municipality it belongs to — never a person.
CONTACTS = {
    "matsvinn": (
        ("kostchef", "kostenheten"),
        ("måltidssamordnare", "måltidsservice"),
        ("miljöstrateg", "kommunledningskontoret"),
    ),
    "biogas": (
        ("miljöstrateg", "samhällsbyggnadsförvaltningen"),
        ("energisamordnare", "tekniska förvaltningen"),
        ("avfallsingenjör", "renhållningsavdelningen"),
    ),
    "solceller": (
        ("energisamordnare", "fastighetsavdelningen"),
        ("fastighetschef", "fastighetsavdelningen"),
        ("klimatstrateg", "kommunledningskontoret"),
    ),
    "skolutbyte": (
        ("internationell samordnare", "barn- och utbildningsförvaltningen"),
        ("rektor", "barn- och utbildningsförvaltningen"),
        ("utvecklingsledare", "barn- och utbildningsförvaltningen"),
    ),
    "jamstalldhet": (
        ("jämställdhetsstrateg", "kommunledningskontoret"),
        ("projektledare", "kultur- och fritidsförvaltningen"),
    ),
    "vatten": (
        ("VA-chef", "VA-avdelningen"),
        ("miljöinspektör", "miljö- och hälsoskyddsenheten"),
        ("kommunekolog", "samhällsbyggnadsförvaltningen"),
    ),
    "avfall": (
        ("avfallschef", "renhållningsavdelningen"),
        ("miljödirektör", "miljöförvaltningen"),
        ("renhållningsingenjör", "tekniska förvaltningen"),
    ),
    "raddningstjanst": (
        ("räddningschef", "räddningstjänsten"),
        ("säkerhetssamordnare", "räddningstjänsten"),
        ("utbildningsansvarig", "räddningstjänsten"),
    ),
    "folkhalsa": (
        ("folkhälsostrateg", "kommunledningskontoret"),
        ("äldreomsorgschef", "vård- och omsorgsförvaltningen"),
        ("skolsköterska", "elevhälsan"),
    ),
    "rattvis-handel": (
        ("upphandlare", "upphandlingsenheten"),
        ("Fairtrade City-samordnare", "kommunledningskontoret"),
        ("konsumentvägledare", "medborgarservice"),
    ),
    "energi": (
        ("energirådgivare", "energi- och klimatrådgivningen"),
        ("gatuchef", "tekniska förvaltningen"),
        ("klimatstrateg", "kommunledningskontoret"),
    ),
    "lokal-mat": (("kostchef", "kostenheten"), ("näringslivsutvecklare", "näringslivsenheten")),
    "demokrati": (
        ("demokratisamordnare", "kommunledningskontoret"),
        ("ungdomssamordnare", "kultur- och fritidsförvaltningen"),
        ("kanslichef", "kommunkansliet"),
    ),
    "klimat": (
        ("klimatstrateg", "kommunledningskontoret"),
        ("miljöchef", "miljöförvaltningen"),
        ("hållbarhetsstrateg", "kommunledningskontoret"),
    ),
    "trafik": (
        ("trafikplanerare", "samhällsbyggnadsförvaltningen"),
        ("samhällsbyggnadschef", "samhällsbyggnadsförvaltningen"),
    ),
    "natur": (
        ("kommunekolog", "samhällsbyggnadsförvaltningen"),
        ("naturvårdshandläggare", "miljöförvaltningen"),
    ),
    "unga-arbete": (
        ("arbetsmarknadschef", "arbetsmarknadsenheten"),
        ("projektledare", "arbetsmarknadsenheten"),
        ("handledare", "arbetsmarknadsenheten"),
    ),
}
INTERNATIONAL_CONTACT = ("internationell samordnare", "kommunledningskontoret")

# Lessons learned, told in this order: where the idea came from, why the work stopped, what
# worked, what did not, and advice to others. Templates may use {kommun}, {partner} and
# {kalla} (the municipality the idea came from).
LESSONS_ADAPTED = (
    "Idén kom från {kalla}, som gärna delade med sig av sina erfarenheter.",
    "Vi byggde på det {kalla} redan hade gjort och anpassade det efter våra förutsättningar.",
    "Ett studiebesök i {kalla} gav oss modet att pröva själva.",
)
LESSONS_DISCONTINUED = (
    "Arbetet avslutades i förtid när finansieringen upphörde.",
    "Efter en omorganisation fanns ingen som ansvarade för arbetet, och det lades ner.",
    "Politiken prioriterade om, och arbetet fick inte fortsätta efter försöksperioden.",
)
LESSONS_WORKED = (
    "Det som fungerade bäst var att involvera dem som gör jobbet varje dag redan från början.",
    "Att mäta före och efter gjorde det lätt att visa politikerna att arbetet lönade sig.",
    "Ett tydligt politiskt beslut gav arbetet legitimitet i hela organisationen.",
    "Små försök i en verksamhet i taget gjorde att vi kunde rätta till misstag tidigt.",
    "Föreningslivet och näringslivet i {kommun} bidrog med fler idéer än vi själva hade.",
    "Det var avgörande att en samordnare hade avsatt tid för arbetet.",
    "Medarbetarna som var med från början blev de bästa ambassadörerna.",
)
LESSONS_PARTNER_WORKED = (
    "Besöken i {partner} gav perspektiv som vi aldrig hade fått på hemmaplan.",
    "Att kollegorna i {partner} och hos oss hade samma yrken gjorde det lätt att förstå varandra.",
)
LESSONS_FAILED = (
    "Vi underskattade hur lång tid det tar att ändra vanor, och det första året hände nästan "
    "ingenting.",
    "Mätningarna kom i gång för sent, så det är svårt att visa vad som hände i början.",
    "När projektpengarna tog slut stannade arbetet av i flera verksamheter.",
    "Vi lyckades inte få med alla förvaltningar, och resultatet blev därefter.",
    "Tekniken krånglade mer än väntat och investeringen blev dyrare än planerat.",
    "När nyckelpersoner slutade försvann mycket av kunskapen med dem.",
    "Målet vi satte var för högt, och vi nådde det inte.",
)
LESSONS_PARTNER_FAILED = (
    "Det var svårt att hålla kontakten med {partner} levande mellan besöken.",
    "Olika sätt att fatta beslut gjorde att samarbetet med {partner} tog tid att komma i gång.",
)
LESSONS_ADVICE = (
    "Vårt råd till andra: börja i liten skala och mät från första dagen.",
    "Avsätt tid och pengar för uppföljningen redan i budgeten.",
    "Förankra arbetet hos både politiker och chefer innan ni sätter i gång.",
    "Se till att fler än en person kan arbetet.",
    "Ta hjälp av kommuner som redan har gjort samma sak.",
)
PLANNED_TEASERS = (
    "Arbetet i {kommun} väntas komma i gång {start}. Här berättar kommunen om planerna och om "
    "vad man hoppas uppnå.",
    "{kommun} förbereder arbetet som ska börja {start}, och vill gärna höra från andra kommuner "
    "som redan har gjort något liknande.",
)

# How often: of the stories that could have them.
UNKNOWN_STATUS_SHARE = 0.1  # status left empty though the years are known
DISCONTINUED_SHARE = 0.12  # of the work that has ended
PLANNED_SHARE = 0.3  # of the stories published in the last year: about work yet to start
LESSONS_SHARE = 0.8
FAILURE_SHARE = 0.3  # lessons that admit something went wrong, besides discontinued work
RESULTS_PER_STORY = ((0, 1, 2, 3), (3, 3, 2, 1))  # how many, and how often
RESULT_SETBACK_SHARE = 0.15  # results that went the wrong way
CONTACT_SHARE = 0.85
ADAPTED_SHARE = 0.055  # of the stories with an earlier one on the topic elsewhere to adapt
# Share of the stories current, due for review and out of date (review_state): newly published
# stories cannot be out of date yet, so a little more is asked of the older ones.
REVIEW_WEIGHTS = (0.58, 0.2, 0.22)

# Partnerships the stories' pairs of municipality and place make.
FUNDING_WEIGHTS = {"icld": 45, "sida": 10, "eu": 15, "egen-finansiering": 20, "": 10}
JOINT_PARTNERSHIP_SHARE = 0.1  # a second Swedish municipality from the same county takes part
PARTNERSHIP_DESCRIPTIONS = (
    "Ett kommunalt partnerskap mellan {kommun} och {plats} i {land}.",
    "{kommun} och {plats} i {land} lär av varandra, förvaltning för förvaltning.",
    "Politiker och tjänstepersoner i {kommun} och {plats} ({land}) utbyter erfarenheter.",
)
