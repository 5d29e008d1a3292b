"""Realistic made-up stories in bulk, for benchmarks and for trying the site with a lot of data.

`generate_stories(n)` writes `n` published `StoryPage`s under the municipality pages, spread the
way real stories are: a few municipalities write many, most write a few or none. The text is
Swedish, composed from building blocks per topic (matsvinn, biogas, skolutbyte …) so that goals,
partner places and countries agree with what the story is about.

Adding a page with `add_child()` costs a handful of queries each, so the pages are written in
batches instead: the tree paths are computed here (treebeard's materialised path, as
`add_child()` would compute them), the `wagtailcore_page` rows are bulk-created, the
`stories_storypage` rows inserted after them, then the goal, place and country rows, and each
parent's `numchild` is brought up to date. Each batch is one transaction, so an interrupted run
leaves a consistent tree. No revisions, search index entries (`update_index` rebuilds them, or
pass `index=True`) or reference index entries (`rebuild_references_index`) are written, and no
signals are sent; the caches derived from all stories (maps, statistics) are invalidated.

The same seed on the same database gives the same stories.
"""

import html
import operator
import random
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import reduce

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from wagtail.models import Page

from millenniekommunerna.core.text import fold_slug
from millenniekommunerna.goals.models import Goal
from millenniekommunerna.municipalities.models import Municipality, MunicipalityPage
from millenniekommunerna.partnerships.models import Country, PartnerPlace, Partnership
from millenniekommunerna.stories.models import StoryPage

PUBLISHED_FROM = datetime(2010, 1, 1, tzinfo=UTC)
PUBLISHED_UNTIL = datetime(2027, 1, 1, tzinfo=UTC)
FIRST_WORK_YEAR = 2005
LAST_WORK_YEAR = 2026
LAST_MDG_YEAR = 2015  # the Millennium goals ran 2000–2015; the SDGs took over in 2016

# Share of municipalities that never publish a story, and how steeply the rest fall off
# (Zipf's law: the municipality of rank r writes about 1/r^s as much as the most active one).
SILENT_SHARE = 0.3
ZIPF_EXPONENT = 1.1

# Countries Swedish municipalities work with, also where no single partner place is named.
OTHER_COUNTRY_CODES = (
    "KE", "UG", "TZ", "ZA", "IN", "MD", "GE", "TR", "PE", "NA", "BF", "VN", "BA", "UA",
)  # fmt: skip

SLUG_MAX_LENGTH = 80

# Which municipalities write much and which partner places each works with is a property of
# the made-up world, the same for every run and seed: ten runs of 1 000 stories are as skewed
# as one run of 10 000.
WORLD_SEED = 2000


@dataclass(frozen=True)
class Topic:
    """What a story is about, and the words to tell it with.

    Templates may use {kommun}, {kommuns} (genitive), {tal}, {procent}, {ton}, {antal} and
    {start} (the year the work started); partner templates also {partner} (a place or, failing
    that, a country), {partners} and {partner_i_land} ("Kisumu i Kenya").
    """

    key: str
    weight: int  # how common stories on the topic are
    sdgs: tuple[int, ...]  # most relevant first
    mdgs: tuple[int, ...]
    partner_share: float  # how often such a story names a partner abroad
    roles: tuple[str, ...]
    titles: tuple[str, ...]
    partner_titles: tuple[str, ...]
    teasers: tuple[str, ...]
    partner_teasers: tuple[str, ...]
    sentences: tuple[str, ...]
    quotes: tuple[str, ...]


TOPICS = (
    Topic(
        key="matsvinn",
        weight=8,
        sdgs=(12, 2, 13),
        mdgs=(7, 1),
        partner_share=0.1,
        roles=("kostchef", "måltidssamordnare", "rektor", "miljöstrateg"),
        titles=(
            "Skolor minskar matsvinn i rekordfart",
            "{kommun} halverar matsvinnet i skolköken",
            "Mindre mat i soporna i {kommuns} skolor",
            "Eleverna vägde maten – och slängde mindre",
            "Matsvinnet mäts och minskar i {kommuns} förskolor",
            "Från tallrik till biogas i {kommun}",
        ),
        partner_titles=(
            "{kommun} och {partner} lär av varandra om matsvinn",
            "Skolmåltider i fokus för {kommun} och {partner}",
        ),
        teasers=(
            "När kostavdelningen uppmärksammade att runt {ton} ton skolmat slängs varje år, "
            "bestämde {kommun} att göra något åt saken.",
            "I {kommuns} skolor har matsvinnet minskat med {procent} procent på två år. "
            "Eleverna väger själva det som blir kvar på tallriken.",
            "Varje dag slängdes mat för tusentals kronor i {kommuns} kök. Nu planerar "
            "kockarna menyn efter hur många som faktiskt äter.",
        ),
        partner_teasers=(
            "Kockar från {kommun} och {partner_i_land} har jämfört hur skolmaten planeras. "
            "Resultatet blev mindre svinn på båda hållen.",
        ),
        sentences=(
            "Under en vecka vägdes allt som slängdes i skolrestaurangerna.",
            "Eleverna fick själva föreslå hur svinnet kunde minska.",
            "Menyerna planeras nu efter hur många som faktiskt äter, inte efter hur många "
            "som är inskrivna.",
            "Matresterna som ändå blir över går till biogas.",
            "Pengarna som sparas går tillbaka till råvarorna, och mer av maten är nu ekologisk.",
            "Projektet har spridit sig till {tal} skolor och förskolor i kommunen.",
            "På {antal} portioner om dagen blir varje sparat gram många ton om året.",
        ),
        quotes=(
            "Det är ingen stor teknik, det handlar om att se vad som faktiskt händer med maten",
            "Eleverna har varit de bästa ambassadörerna, de säger till när något inte fungerar",
        ),
    ),
    Topic(
        key="biogas",
        weight=5,
        sdgs=(7, 13, 12),
        mdgs=(7,),
        partner_share=0.1,
        roles=("miljöstrateg", "energisamordnare", "lantbrukare", "VD för det kommunala bolaget"),
        titles=(
            "Gödsel blir miljövänligt drivmedel",
            "{kommuns} bussar kör på matavfall",
            "Biogas från gårdarna runt {kommun}",
            "Nu tankar kommunens bilar egen biogas",
            "{kommun} satsar på biogas",
        ),
        partner_titles=("Biogas i {partner} med hjälp från {kommun}",),
        teasers=(
            "I {kommun} blir gödsel till biogas tack vare ett initiativ från lokala lantbrukare. "
            "Nu hoppas man att fler ska våga.",
            "Sedan {start} kör {kommuns} stadsbussar på biogas som görs av hushållens matavfall.",
            "Av {kommuns} {antal} fordon går nu {procent} procent på förnybart drivmedel.",
        ),
        partner_teasers=(
            "Med erfarenheter från {kommun} har {partner_i_land} byggt sin första "
            "biogasanläggning för marknadens avfall.",
        ),
        sentences=(
            "Anläggningen tar emot gödsel från {tal} gårdar i närområdet.",
            "Rötresten går tillbaka till åkrarna som gödning.",
            "Hushållen sorterar matavfallet i papperspåsar som hämtas varannan vecka.",
            "Gasen räcker till stadsbussarna och en del av kommunens egna bilar.",
            "Utsläppen av koldioxid från kollektivtrafiken har minskat med {procent} procent.",
            "Investeringen fick stöd från Klimatklivet.",
        ),
        quotes=(
            "Det som förr var ett problem för gårdarna är i dag en resurs för hela kommunen",
            "Vi visste inte om det skulle gå, men nu vill grannkommunerna göra likadant",
        ),
    ),
    Topic(
        key="solceller",
        weight=5,
        sdgs=(7, 13, 11),
        mdgs=(7,),
        partner_share=0.1,
        roles=("energisamordnare", "fastighetschef", "klimatstrateg"),
        titles=(
            "Solceller på skolornas tak",
            "{kommun} bygger solpark på gamla deponin",
            "Kommunens hus gör egen el",
            "Solenergi lönar sig i {kommun}",
        ),
        partner_titles=("Solel till skolor i {partner} och {kommun}",),
        teasers=(
            "På {tal} av {kommuns} skolor sitter nu solceller. Eleverna kan följa "
            "elproduktionen på en skärm i matsalen.",
            "Den gamla soptippen i {kommun} har blivit en solpark som ger el till {antal} hushåll.",
            "Sedan {start} har {kommun} satt solceller på alla nya kommunala byggnader.",
        ),
        partner_teasers=(
            "Skolorna i {partner_i_land} hade ofta ingen el på eftermiddagen. Med solceller "
            "och stöd från {kommun} går lektionerna nu att hålla som planerat.",
        ),
        sentences=(
            "Panelerna ger ungefär {procent} procent av byggnadens el över året.",
            "Överskottet säljs till elnätet under sommaren.",
            "Fastighetsavdelningen räknar med att investeringen är betald på tolv år.",
            "Eleverna använder mätvärdena i matematik- och NO-undervisningen.",
            "Nästa steg är att låta invånarna köpa andelar i en gemensam solpark.",
        ),
        quotes=(
            "Taken var ju redan där, det var bara att börja använda dem",
            "Det var eleverna som frågade varför vi inte redan gjorde det",
        ),
    ),
    Topic(
        key="skolutbyte",
        weight=7,
        sdgs=(4, 17, 10),
        mdgs=(2, 8),
        partner_share=0.85,
        roles=("rektor", "lärare", "internationell samordnare", "elev i årskurs 8"),
        titles=(
            "Skolor för hållbar utveckling",
            "Utbildning vidgar vyerna i {kommun}",
            "Gymnasielever arbetar för de globala målen",
            "Lärare lär av varandra över gränserna",
        ),
        partner_titles=(
            "Skolor i {kommun} och {partner} byter erfarenheter",
            "Lärare från {partner} på besök i {kommun}",
            "Utbildning vidgar vyerna i {kommun} och {partner}",
            "En resa till {partner} förändrade undervisningen",
        ),
        teasers=(
            "På gymnasiet i {kommun} arbetar eleverna aktivt med de globala målen. Genom "
            "kampanjer samlar de in pengar till skolluncher.",
            "För att förbättra resultaten i skolorna sökte {kommun} svaren långt hemifrån.",
        ),
        partner_teasers=(
            "Tusentals mil skiljer {kommun} och {partner} åt. Men sedan skolorna började "
            "samarbeta {start} har eleverna lärt sig mycket av varandra.",
            "Efter en resa till {partner_i_land} kom {tal} lärare från {kommun} hem med nya "
            "idéer om undervisning.",
        ),
        sentences=(
            "Eleverna skriver till varandra och har gemensamma lektioner via länk.",
            "Varje vår reser en grupp lärare och elever till partnerskolan.",
            "Utbytet finansieras delvis av Atlas partnerskap.",
            "Klasserna har jämfört hur vatten, mat och energi fungerar på de båda orterna.",
            "Samarbetet har gett {antal} elever en första kontakt med ett annat land.",
            "Lärarna har utvecklat ett gemensamt material om de globala målen.",
        ),
        quotes=(
            "Vi har lärt oss minst lika mycket som vi har lärt ut",
            "Eleverna förstår plötsligt varför det de lär sig spelar roll",
        ),
    ),
    Topic(
        key="jamstalldhet",
        weight=5,
        sdgs=(5, 10, 8),
        mdgs=(3,),
        partner_share=0.5,
        roles=("jämställdhetsstrateg", "kommunstyrelsens ordförande", "projektledare"),
        titles=(
            "Service på lika villkor",
            "Jämställdhet i fokus i {kommun}",
            "Kooperativ som bidrar till jämställdhet",
            "{kommun} granskar sina egna beslut",
        ),
        partner_titles=(
            "Kvinnors företagande i {partner} och {kommun}",
            "Jämställdhet och lokal demokrati med {partner}",
        ),
        teasers=(
            "I {kommun} granskas alla förvaltningar nu med jämställdhetsglasögon. Vem får "
            "snöröjningen först, och vem får bidrag till sin förening?",
            "Sedan {start} redovisar {kommun} all statistik om invånarna uppdelad på kön.",
        ),
        partner_teasers=(
            "I {kommun} och {partner_i_land} är jämställdhet och hållbar utveckling centrala "
            "frågor. Arbetet för att starta sociala kooperativ bidrar till båda.",
        ),
        sentences=(
            "All statistik om invånarna redovisas nu uppdelad på kön.",
            "Föreningsbidragen visade sig gå till {procent} procent pojkar och män.",
            "Snöröjningen planeras nu så att gång- och cykelvägar plogas först.",
            "Kooperativen ger kvinnor en egen inkomst och en plats i samhällslivet.",
            "Kommunen har utbildat {antal} chefer i jämställdhetsintegrering.",
        ),
        quotes=(
            "Det handlar om att invånarna ska få samma service oavsett kön",
            "När vi väl började räkna blev skillnaderna tydliga för alla",
        ),
    ),
    Topic(
        key="vatten",
        weight=6,
        sdgs=(6, 14, 15),
        mdgs=(7,),
        partner_share=0.3,
        roles=("VA-chef", "miljöinspektör", "kommunekolog"),
        titles=(
            "Vatten – lokalt arbete för globala resultat",
            "{kommun} räddar den övergödda fjärden",
            "Rent vatten i {kommuns} sjöar",
            "Våtmarker renar vattnet i {kommun}",
        ),
        partner_titles=(
            "Rent vatten i {partner} med stöd från {kommun}",
            "{kommun} och {partner} samarbetar om vatten",
        ),
        teasers=(
            "En övergödd fjärd i {kommun} påverkar miljön både lokalt och i hela "
            "Östersjöregionen. Därför arbetar kommunen med att förbättra vattnet.",
            "Sedan {start} har {kommun} anlagt {tal} våtmarker som fångar upp näring innan "
            "den når sjön.",
        ),
        partner_teasers=(
            "I {partner_i_land} saknade många hushåll rent vatten. Med stöd från {kommun} "
            "har vattenverket byggts ut.",
        ),
        sentences=(
            "Enskilda avlopp inventeras och förbättras med hjälp av fastighetsägarna.",
            "Lantbrukarna har fått stöd för att anlägga skyddszoner längs vattendragen.",
            "Mätningarna visar att halten fosfor har minskat med {procent} procent.",
            "Vattenverket förser nu {antal} hushåll med rent dricksvatten.",
            "Skolklasser hjälper till att mäta siktdjupet varje sommar.",
        ),
        quotes=(
            "Vattnet känner inga kommungränser, så vi måste jobba tillsammans",
            "Det tar tid, men nu ser vi att det vänder",
        ),
    ),
    Topic(
        key="avfall",
        weight=7,
        sdgs=(12, 11, 6),
        mdgs=(7, 8),
        partner_share=0.4,
        roles=("avfallschef", "miljödirektör", "renhållningsingenjör"),
        titles=(
            "Sophantering i {kommun}",
            "Avfallshantering och stadsplanering i {kommun}",
            "Mer återvinning och mindre deponi",
            "{kommun} sorterar i åtta fraktioner",
            "Återbruket fyller {kommuns} nya varuhus",
        ),
        partner_titles=(
            "Avfallshantering formar {kommuns} och {partners} samarbete",
            "Sophantering i {kommun} och {partner}",
        ),
        teasers=(
            "Strategisk planering och kloka prioriteringar är grunden för en hållbar "
            "avfallshantering, enligt {kommuns} miljödirektör.",
            "Sedan {start} sorterar hushållen i {kommun} sitt avfall i åtta fraktioner vid "
            "fastigheten.",
        ),
        partner_teasers=(
            "Soporna på marknaden i {partner_i_land} brändes förr i öppna högar. Med stöd från "
            "{kommun} samlas de nu in och sorteras.",
        ),
        sentences=(
            "Mängden restavfall per invånare har minskat med {procent} procent.",
            "Återbruket tar emot möbler, kläder och elektronik som säljs vidare.",
            "Insamlingen sköts av ett kooperativ som anställt {tal} personer.",
            "Deponin har sluttäckts och metangasen samlas in.",
            "Kommunens avfallsplan tas fram tillsammans med grannkommunerna.",
        ),
        quotes=(
            "Det bästa avfallet är det som aldrig uppstår",
            "Vi har lärt oss att börja med det enkla och bygga vidare",
        ),
    ),
    Topic(
        key="raddningstjanst",
        weight=4,
        sdgs=(11, 3, 17),
        mdgs=(8,),
        partner_share=0.7,
        roles=("räddningschef", "brandman", "säkerhetssamordnare"),
        titles=(
            "Blåljus i {kommun}",
            "Räddningstjänsten övar med grannarna",
            "Säkrare vardag i {kommun}",
        ),
        partner_titles=(
            "Räddningstjänst i {partner} och {kommun}",
            "Blåljus i {kommun} och {partner}",
            "Brandbilar från {kommun} rullar i {partner}",
        ),
        teasers=(
            "Räddningstjänsten i {kommun} har utbildat {antal} invånare i hjärt-lungräddning "
            "sedan {start}.",
        ),
        partner_teasers=(
            "Förr fick brandmännen i {partner} ofta cykla på utryckning. Efter ett års "
            "samarbete med {kommun} har räddningstjänsten fått både fordon och utbildning.",
            "Räddningsinsatser vid trafikolyckor var utgångspunkten när {kommun} och "
            "{partner_i_land} inledde sitt samarbete.",
        ),
        sentences=(
            "Två begagnade brandbilar skänktes och fraktades med båt.",
            "Brandmännen har utbildats i rökdykning och första hjälpen.",
            "Utbytet går åt båda hållen: svenska brandmän har lärt sig arbeta med små resurser.",
            "Insatstiden har kortats med flera minuter.",
            "Kommunen har genomfört {tal} gemensamma övningar.",
        ),
        quotes=(
            "Att rädda liv är samma jobb överallt, men förutsättningarna skiljer sig enormt",
            "Vi trodde att vi skulle lära ut, men vi har lärt oss mycket själva",
        ),
    ),
    Topic(
        key="folkhalsa",
        weight=6,
        sdgs=(3, 10),
        mdgs=(6, 4, 5),
        partner_share=0.35,
        roles=("folkhälsostrateg", "skolsköterska", "barnmorska", "äldreomsorgschef"),
        titles=(
            "Folkhälsa i fokus i {kommun}",
            "Fler i rörelse i {kommun}",
            "Mödrahälsa och barnhälsa i samarbete",
            "Hälsa och välbefinnande för alla åldrar",
        ),
        partner_titles=(
            "Sängar till sjukhuset i {partner}",
            "{kommun} och {partner} förebygger hiv",
            "Mödrahälsovård i {partner} med stöd från {kommun}",
        ),
        teasers=(
            "I {kommun} får alla sjuåringar nu simundervisning och en hälsosamtal med "
            "skolsköterskan.",
            "Sedan {start} har {kommuns} satsning på vardagsmotion nått {antal} invånare.",
        ),
        partner_teasers=(
            "På sjukhuset i {partner_i_land} sover patienterna numera i sängar från {kommun}. "
            "Genom kommunalt partnerskap hoppas man kunna göra mer.",
            "I {kommun} har utbytet med {partner} lett till en ny plan för sex- och "
            "samlevnadsundervisningen.",
        ),
        sentences=(
            "Barnmorskor från de båda orterna har utbildat varandra.",
            "Skolorna har infört daglig rörelse i alla årskurser.",
            "Antalet invånare som röker har minskat med {procent} procent.",
            "Hälsoveckan lockade {antal} besökare.",
            "Samarbetet omfattar också förebyggande arbete mot hiv och aids.",
            "Äldre invånare erbjuds träning i grupp två gånger i veckan.",
        ),
        quotes=(
            "Hälsa handlar om så mycket mer än vård",
            "Små förändringar i vardagen gör stor skillnad över tid",
        ),
    ),
    Topic(
        key="rattvis-handel",
        weight=4,
        sdgs=(12, 8, 1),
        mdgs=(1, 8),
        partner_share=0.2,
        roles=("upphandlare", "Fairtrade City-samordnare", "konsumentvägledare"),
        titles=(
            "{kommun} påverkar globalt",
            "{kommun} blir Fairtrade City",
            "Rättvis handel i kommunens upphandling",
        ),
        partner_titles=("Kaffe från {partner} i {kommuns} personalrum",),
        teasers=(
            "Som Fairtrade City köper {kommun} rättvisemärkt kaffe, te och frukt till alla "
            "verksamheter.",
            "{kommuns} upphandlingar ställer sedan {start} krav på schyssta arbetsvillkor "
            "hela vägen till fabriken.",
        ),
        partner_teasers=(
            "Odlarna i {partner_i_land} får ett bättre pris när {kommun} köper rättvisemärkt.",
        ),
        sentences=(
            "Andelen rättvisemärkta inköp har ökat till {procent} procent.",
            "Butiker och kaféer i kommunen är med i arbetet.",
            "Upphandlarna följer upp kraven med stickprov hos leverantörerna.",
            "Varje år arrangeras en Fairtrade-fika på torget.",
        ),
        quotes=(
            "Offentlig upphandling är ett av våra starkaste verktyg",
            "Varje kopp kaffe är ett litet val som spelar roll",
        ),
    ),
    Topic(
        key="energi",
        weight=6,
        sdgs=(7, 13, 9),
        mdgs=(7,),
        partner_share=0.1,
        roles=("energirådgivare", "gatuchef", "klimatstrateg"),
        titles=(
            "Energisnål gatubelysning ger miljövinster",
            "Minskad energiförbrukning hos företag",
            "{kommun} sänker energianvändningen",
            "LED-lampor lyser upp {kommuns} gator",
        ),
        partner_titles=("Energieffektiva skolor i {partner}",),
        teasers=(
            "Omställningar till miljövänliga lösningar behöver inte vara dyra. I {kommun} har "
            "{antal} gatulampor bytts ut mot energieffektivare alternativ.",
            "I {kommun} har klimatarbetet lett till att fler och fler företag har minskat sin "
            "energiförbrukning kraftigt.",
        ),
        partner_teasers=(
            "Med råd från energirådgivarna i {kommun} har skolorna i {partner_i_land} sänkt "
            "sina elkostnader.",
        ),
        sentences=(
            "Energianvändningen i kommunens lokaler har minskat med {procent} procent sedan "
            "{start}.",
            "Företagen får kostnadsfri energikartläggning.",
            "Besparingen motsvarar elen till {antal} villor.",
            "Gatubelysningen styrs nu efter hur mycket folk som rör sig.",
        ),
        quotes=(
            "Den billigaste energin är den som aldrig används",
            "Det lönar sig, både för plånboken och för klimatet",
        ),
    ),
    Topic(
        key="lokal-mat",
        weight=4,
        sdgs=(2, 12, 15),
        mdgs=(7, 1),
        partner_share=0.1,
        roles=("kostchef", "lantbrukare", "näringslivsutvecklare"),
        titles=(
            "Lokalproducerad mat i {kommun}",
            "Närodlat på skolans tallrik",
            "Mat- och miljödagar i {kommun}",
        ),
        partner_titles=("Odling i {partner} och {kommun}",),
        teasers=(
            "Under mat- och miljödagarna i {kommun} har invånarna fått chansen att provsmaka "
            "den lokalproducerade maten.",
            "Sedan {start} köper {kommuns} storkök {procent} procent av grönsakerna från "
            "gårdar i närheten.",
        ),
        partner_teasers=(
            "Odlare i {partner_i_land} och {kommun} har jämfört metoder för torka och skörd.",
        ),
        sentences=(
            "Upphandlingen delades upp så att små producenter kan lämna anbud.",
            "Skolbarnen besöker gårdarna som levererar maten.",
            "Transporterna har blivit kortare och färre.",
            "{tal} nya odlare har börjat leverera till kommunen.",
        ),
        quotes=(
            "Barnen äter bättre när de vet var maten kommer ifrån",
            "Det håller landsbygden levande",
        ),
    ),
    Topic(
        key="demokrati",
        weight=4,
        sdgs=(16, 10, 5),
        mdgs=(3, 8),
        partner_share=0.6,
        roles=("kommunstyrelsens ordförande", "demokratisamordnare", "ungdomssamordnare"),
        titles=(
            "Lokal demokrati i fokus",
            "Konst och demokrati i {kommun}",
            "Unga tar plats i {kommuns} fullmäktige",
        ),
        partner_titles=(
            "Lokal demokrati i {kommun} och {partner}",
            "{kommun} och {partner} stärker den lokala demokratin",
        ),
        teasers=(
            "I {kommun} har ungdomsfullmäktige fått en egen budget. Pengarna går till förslag "
            "som unga själva röstat fram.",
            "Fattigdom, jämställdhet och lokal demokrati är på agendan i {kommun}.",
        ),
        partner_teasers=(
            "Fattigdom, jämställdhet och lokal demokrati är på agendan när {kommun} samarbetar "
            "med {partner_i_land}.",
        ),
        sentences=(
            "Politiker från de båda kommunerna har besökt varandras fullmäktige.",
            "Medborgardialoger hålls nu i alla kommundelar.",
            "Valdeltagandet bland unga har ökat med {procent} procentenheter.",
            "Samarbetet finansieras av ICLD:s program för kommunala partnerskap.",
            "Kommunen har infört e-förslag som {antal} invånare har skrivit under.",
        ),
        quotes=(
            "Demokrati är något man måste öva på hela tiden",
            "Vi ökar vår samarbetskompetens och lär oss av varandra",
        ),
    ),
    Topic(
        key="klimat",
        weight=5,
        sdgs=(13, 11),
        mdgs=(7,),
        partner_share=0.1,
        roles=("klimatstrateg", "kommundirektör", "miljöchef"),
        titles=(
            "{kommun} budgeterar koldioxid",
            "Klimatlöften från {kommuns} företag",
            "Fossilfri kommun till 2030",
        ),
        partner_titles=("Klimatanpassning i {partner} och {kommun}",),
        teasers=(
            "I {kommun} har klimatet en egen budget. Varje förvaltning vet hur mycket "
            "koldioxid den får släppa ut.",
            "Sedan {start} har utsläppen från {kommuns} verksamheter minskat med {procent} "
            "procent.",
        ),
        partner_teasers=(
            "Översvämningar drabbar både {kommun} och {partner}. Nu planerar kommunerna "
            "tillsammans för ett förändrat klimat.",
        ),
        sentences=(
            "Koldioxidbudgeten följs upp i varje delårsrapport.",
            "Tjänsteresor med flyg har nästan helt ersatts av tåg och videomöten.",
            "{tal} företag har skrivit under kommunens klimatlöfte.",
            "Kommunens bilpark är nu fossilfri.",
        ),
        quotes=(
            "Det som mäts blir gjort",
            "Vi har inte råd att vänta på att någon annan ska börja",
        ),
    ),
    Topic(
        key="trafik",
        weight=3,
        sdgs=(11, 13, 3),
        mdgs=(7,),
        partner_share=0.05,
        roles=("trafikplanerare", "samhällsbyggnadschef"),
        titles=(
            "Tågterminal ger färre lastbilstransporter",
            "Fler cyklar i {kommun}",
            "Gratis buss för unga i {kommun}",
        ),
        partner_titles=("Trafiksäkerhet i {partner} och {kommun}",),
        teasers=(
            "På terminalen i {kommun} lastas skogsprodukter om från lastbil till tåg.",
            "Sedan {start} har {kommun} byggt {tal} mil ny cykelväg.",
        ),
        partner_teasers=("Trafikplanerare från {kommun} och {partner} har jämfört skolvägar.",),
        sentences=(
            "Antalet lastbilstransporter har minskat med {antal} om året.",
            "Cykelvägarna plogas först när det snöar.",
            "Resandet med buss har ökat med {procent} procent.",
            "Skolvägarna har gjorts säkrare med lägre hastigheter.",
        ),
        quotes=("Det ska vara lätt att göra rätt",),
    ),
    Topic(
        key="natur",
        weight=3,
        sdgs=(15, 14, 13),
        mdgs=(7,),
        partner_share=0.1,
        roles=("kommunekolog", "naturvårdshandläggare"),
        titles=(
            "Blommande ängar för bina i {kommun}",
            "Ny naturreservat i {kommun}",
            "Biologisk mångfald mitt i stan",
        ),
        partner_titles=("Skogen i {partner} och {kommun}",),
        teasers=(
            "I {kommun} klipps gräsmattorna mer sällan. Det har gett blommande ängar och fler "
            "pollinerare.",
            "{kommun} har bildat {tal} nya naturreservat sedan {start}.",
        ),
        partner_teasers=("Skogsplantering i {partner_i_land} med kunskap från {kommun}.",),
        sentences=(
            "Invånarna har räknat fjärilar och bin i en gemensam inventering.",
            "Döda träd får ligga kvar som hem åt insekter.",
            "Reservaten skyddar {antal} hektar skog.",
            "Skolor har fått egna ängar att sköta.",
        ),
        quotes=("Det är fantastiskt hur snabbt naturen kommer tillbaka",),
    ),
    Topic(
        key="unga-arbete",
        weight=4,
        sdgs=(8, 10, 4),
        mdgs=(8, 1),
        partner_share=0.2,
        roles=("arbetsmarknadschef", "projektledare", "handledare"),
        titles=(
            "Ungdomar växer med återvunna material",
            "Sommarjobb för de globala målen",
            "Nya vägar till arbete i {kommun}",
        ),
        partner_titles=("Unga företagare i {partner} och {kommun}",),
        teasers=(
            "{kommun} bidrar till en hållbar utveckling genom insatser för arbetslösa ungdomar "
            "samtidigt som gamla saker får nytt liv.",
            "Sedan {start} har {antal} unga haft sommarjobb i {kommuns} miljöarbete.",
        ),
        partner_teasers=(
            "Unga i {kommun} och {partner_i_land} har startat företag med stöd av ett "
            "gemensamt mentorsprogram.",
        ),
        sentences=(
            "{procent} procent av deltagarna har gått vidare till jobb eller studier.",
            "Deltagarna reparerar möbler och cyklar som säljs i kommunens återbruk.",
            "Varje deltagare har en handledare under hela året.",
            "Projektet drivs tillsammans med Arbetsförmedlingen.",
        ),
        quotes=("För många är det första gången någon tror på dem",),
    ),
)


# Names of the people who are quoted: common Swedish names, and some of the most common
# among Swedes born abroad.
FIRST_NAMES = (
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Elin", "Ingrid", "Sofia", "Fatima",
    "Erik", "Lars", "Johan", "Anders", "Mikael", "Per", "Oskar", "Nils", "Ahmed", "Hassan",
)  # fmt: skip
LAST_NAMES = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
    "Persson", "Svensson", "Gustafsson", "Lindberg", "Holm", "Lundqvist", "Sandberg",
    "Åberg", "Öberg", "Ek", "Ali", "Mohammed", "Virtanen",
)  # fmt: skip

MDG_SENTENCES = (
    "Arbetet är en del av kommunens satsning på millenniemålen.",
    "{kommun} är Millenniekommun och vill visa att lokala beslut påverkar globalt.",
    "Målet är att bidra till FN:s millenniemål till 2015.",
    "Kommunfullmäktige beslutade {start} att millenniemålen ska genomsyra verksamheten.",
)
SDG_SENTENCES = (
    "Arbetet är en del av kommunens arbete med Agenda 2030.",
    "De globala målen är inbyggda i kommunens budget och uppföljning.",
    "Kommunen redovisar varje år hur verksamheten bidrar till de globala målen.",
    "Arbetet visar hur lokala insatser bidrar till Agenda 2030.",
)
PARTNER_SENTENCES = (
    "Partnerskapet med {partner} inleddes {start}.",
    "Delegationer har besökt varandra varje år sedan dess.",
    "Samarbetet med {partner} finansieras delvis av ICLD.",
    "Erfarenheterna från {partner} har också förändrat arbetet hemma i {kommun}.",
)
CLOSING_SENTENCES = (
    "Nästa steg är att sprida arbetssättet till hela kommunen.",
    "Arbetet fortsätter, och fler verksamheter vill vara med.",
    "Grannkommunerna har visat intresse för att göra likadant.",
    "Resultaten följs upp av kommunens miljöråd.",
)


def genitive(name: str) -> str:
    """Swedish genitive: `Östhammar` → `Östhammars`, but `Kalix` and `Borås` stay as they are."""
    return name if name.endswith(("s", "x", "z")) else f"{name}s"


def municipality_weights(
    municipality_ids: list[int], rng: random.Random, preferred: set[int] = frozenset()
) -> list[float]:
    """How likely each municipality is to have written any one story: Zipf-distributed over a
    shuffled ranking, the `preferred` (Millennium Municipalities) ranked first, and the last
    SILENT_SHARE of the ranking never writing at all."""
    ranking = list(municipality_ids)
    rng.shuffle(ranking)
    ranking.sort(key=lambda pk: pk not in preferred)  # stable: the shuffle decides within
    writing = len(ranking) - int(len(ranking) * SILENT_SHARE)
    rank = {pk: position for position, pk in enumerate(ranking)}
    return [
        1 / (rank[pk] + 1) ** ZIPF_EXPONENT if rank[pk] < writing else 0.0
        for pk in municipality_ids
    ]


@dataclass
class Parent:
    """A municipality page, and what the next story under it needs."""

    page_id: int
    path: str
    depth: int
    url_path: str
    locale_id: int
    municipality_id: int
    municipality_name: str
    partner_place_ids: list[int]
    last_step: int = 0  # the step of its last child in the materialised path
    slugs: set[str] = field(default_factory=set)


@dataclass
class Draft:
    """One story, composed but not saved."""

    parent: Parent
    title: str
    teaser: str
    body: list[dict]
    goal_ids: list[int]
    place_ids: list[int]
    country_ids: list[int]
    year_start: int | None
    year_end: int | None
    first_published_at: datetime
    last_published_at: datetime


class StoryComposer:
    """Makes up stories from the building blocks above, for the municipality pages in the
    database. Everything random comes from one seeded generator."""

    def __init__(self, rng: random.Random, parents: list[Parent]):
        self.rng = rng
        self.goal_ids = dict(Goal.objects.values_list("slug", "pk"))
        self.places = {place.pk: place for place in PartnerPlace.objects.select_related("country")}
        self.other_countries = list(
            Country.objects.filter(code__in=OTHER_COUNTRY_CODES).order_by("code")
        )
        self.topics = list(TOPICS)
        self.topic_weights = [topic.weight for topic in TOPICS]
        self.now = min(timezone.now(), PUBLISHED_UNTIL)
        millennium_ids = _millennium_municipality_ids()
        millennium = {p.page_id for p in parents if p.municipality_id in millennium_ids}
        world = random.Random(WORLD_SEED)  # noqa: S311
        weights = municipality_weights([p.page_id for p in parents], world, preferred=millennium)
        self.writing_parents = [p for p, w in zip(parents, weights, strict=True) if w]
        self.cumulative_weights = _cumulative([w for w in weights if w])

    def compose(self) -> Draft:
        rng = self.rng
        parent = rng.choices(self.writing_parents, cum_weights=self.cumulative_weights)[0]
        topic = rng.choices(self.topics, weights=self.topic_weights)[0]

        first_published_at = PUBLISHED_FROM + timedelta(
            seconds=rng.uniform(0, (self.now - PUBLISHED_FROM).total_seconds())
        )
        last_published_at = first_published_at
        if rng.random() < 0.3:
            last_published_at = min(
                self.now, first_published_at + timedelta(days=rng.uniform(1, 700))
            )
        published_year = first_published_at.year
        year_start = year_end = None
        if rng.random() < 0.9:
            year_start = max(FIRST_WORK_YEAR, published_year - int(rng.expovariate(0.5)))
            if rng.random() < 0.5:
                year_end = rng.randint(year_start, min(published_year, LAST_WORK_YEAR))

        places = self.pick_places(parent, topic)
        countries = list({self.places[pk].country: None for pk in places})
        if rng.random() < (0.15 if places else topic.partner_share / 3):
            other = rng.choice(self.other_countries) if self.other_countries else None
            if other and other not in countries:
                countries.append(other)

        words = self.words(parent, places, countries, year_start or published_year)
        mdg_era = published_year <= LAST_MDG_YEAR
        partner_titles = topic.partner_titles if countries else ()
        use_partner = bool(partner_titles) and rng.random() < 0.7
        title = rng.choice(partner_titles if use_partner else topic.titles).format(**words)
        teasers = topic.partner_teasers if use_partner else topic.teasers
        teaser = rng.choice(teasers).format(**words)
        return Draft(
            parent=parent,
            title=title,
            teaser=teaser,
            body=self.body(topic, words, partner=bool(countries), mdg_era=mdg_era),
            goal_ids=self.pick_goals(topic, partner=bool(countries), mdg_era=mdg_era),
            place_ids=places,
            country_ids=[country.pk for country in countries],
            year_start=year_start,
            year_end=year_end,
            first_published_at=first_published_at,
            last_published_at=last_published_at,
        )

    def pick_places(self, parent: Parent, topic: Topic) -> list[int]:
        rng = self.rng
        if not parent.partner_place_ids or rng.random() >= topic.partner_share:
            return []
        count = 2 if len(parent.partner_place_ids) > 1 and rng.random() < 0.15 else 1
        return rng.sample(parent.partner_place_ids, count)

    def pick_goals(self, topic: Topic, *, partner: bool, mdg_era: bool) -> list[int]:
        """1–4 goals that fit the topic: Millennium goals for stories from their time,
        Sustainable Development Goals after 2015, now and then both."""
        rng = self.rng
        main = [f"mdg-{n}" for n in topic.mdgs] if mdg_era else [f"sdg-{n}" for n in topic.sdgs]
        other = [f"sdg-{n}" for n in topic.sdgs] if mdg_era else [f"mdg-{n}" for n in topic.mdgs]
        if partner:
            main.append("mdg-8" if mdg_era else "sdg-17")
        wanted = rng.choices((1, 2, 3, 4), weights=(3, 4, 3, 1))[0]
        slugs = [main[0], *rng.sample(main[1:], min(wanted - 1, len(main) - 1))]
        if len(slugs) < 4 and rng.random() < (0.4 if mdg_era else 0.15):
            slugs.append(rng.choice(other))
        return [self.goal_ids[slug] for slug in dict.fromkeys(slugs) if slug in self.goal_ids]

    def words(self, parent, places, countries, start_year) -> dict[str, object]:
        rng = self.rng
        if places:
            place = self.places[places[0]]
            partner, partner_in_country = place.name, f"{place.name} i {place.country.name_sv}"
        elif countries:
            partner = partner_in_country = countries[0].name_sv
        else:
            partner = partner_in_country = ""
        return {
            "kommun": parent.municipality_name,
            "kommuns": genitive(parent.municipality_name),
            "partner": partner,
            "partners": genitive(partner),
            "partner_i_land": partner_in_country,
            "start": start_year,
            "tal": rng.randint(3, 40),
            "procent": rng.randint(10, 70),
            "ton": rng.randint(3, 60),
            "antal": rng.choice((120, 250, 400, 800, 1200, 2500, 3200, 5000)),
        }

    def body(self, topic: Topic, words: dict, *, partner: bool, mdg_era: bool) -> list[dict]:
        """1–4 paragraphs, in the order such stories are told: what was done, what someone
        involved says, the partnership, how it fits the goals, what comes next."""
        rng = self.rng
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        quote = f"– {rng.choice(topic.quotes)}, säger {name}, {rng.choice(topic.roles)}."
        done = rng.sample(topic.sentences, min(len(topic.sentences), rng.randint(2, 4)))
        parts = [
            done[:2],
            [*done[2:], quote],
            rng.sample(PARTNER_SENTENCES, 2) if partner else [],
            [
                rng.choice(MDG_SENTENCES if mdg_era else SDG_SENTENCES),
                rng.choice(CLOSING_SENTENCES),
            ],
        ]
        parts = [part for part in parts if part]
        wanted = rng.choices((1, 2, 3, 4), weights=(2, 4, 3, 2))[0]
        while len(parts) > wanted:  # merge the shortest neighbours until few enough
            i = min(range(len(parts) - 1), key=lambda i: len(parts[i]) + len(parts[i + 1]))
            parts[i : i + 2] = [parts[i] + parts[i + 1]]
        return [
            {
                "type": "paragraph",
                "value": "<p>" + html.escape(" ".join(part).format(**words), quote=False) + "</p>",
                "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            }
            for part in parts
        ]


def _cumulative(weights: list[float]) -> list[float]:
    total, cumulative = 0.0, []
    for weight in weights:
        total += weight
        cumulative.append(total)
    return cumulative


def _millennium_municipality_ids() -> set[int]:
    return set(Municipality.objects.millennium().values_list("pk", flat=True))


def load_parents() -> list[Parent]:
    """The municipality pages, each with the last step used below it, the slugs taken, and
    the partner places its stories may name (its partnerships, else one or two made up)."""
    rng = random.Random(WORLD_SEED)  # noqa: S311
    pages = list(
        MunicipalityPage.objects.select_related("municipality").order_by("municipality__code")
    )
    if not pages:
        return []
    partnerships = defaultdict(list)
    for municipality_id, place_id in Partnership.objects.order_by("pk").values_list(
        "municipality_id", "partner_place_id"
    ):
        partnerships[municipality_id].append(place_id)
    place_ids = list(PartnerPlace.objects.order_by("pk").values_list("pk", flat=True))

    parents = {}
    for page in pages:
        partner_place_ids = partnerships.get(page.municipality_id) or (
            rng.sample(place_ids, min(len(place_ids), rng.choice((1, 1, 2)))) if place_ids else []
        )
        parents[page.path] = Parent(
            page_id=page.pk,
            path=page.path,
            depth=page.depth,
            url_path=page.url_path,
            locale_id=page.locale_id,
            municipality_id=page.municipality_id,
            municipality_name=page.municipality.name,
            partner_place_ids=partner_place_ids,
        )

    # Every existing child, whatever its type: their paths and slugs are taken. The municipality
    # pages share one parent (the municipality index), so this is one range scan of the tree.
    steplen = Page.steplen
    scopes = sorted({(path[:-steplen], parent.depth + 1) for path, parent in parents.items()})
    children = Page.objects.filter(
        reduce(operator.or_, (models.Q(path__startswith=p, depth=d) for p, d in scopes))
    )
    for path, slug in children.values_list("path", "slug").iterator(chunk_size=10_000):
        parent = parents.get(path[:-steplen])
        if parent is not None:
            parent.last_step = max(parent.last_step, Page._str2int(path[-steplen:]))
            parent.slugs.add(slug)
    return list(parents.values())


class SlugAllocator:
    """Slugs from titles, unique among their siblings: `matsvinn-i-kalix`, then
    `matsvinn-i-kalix-2` and so on."""

    def __init__(self):
        self.next_suffix: dict[tuple[int, str], int] = {}

    def allocate(self, parent: Parent, title: str) -> str:
        base = fold_slug(title)[:SLUG_MAX_LENGTH].rstrip("-") or "berattelse"
        slug, key = base, (parent.page_id, base)
        suffix = self.next_suffix.get(key, 2)
        while slug in parent.slugs:
            slug = f"{base}-{suffix}"
            suffix += 1
        self.next_suffix[key] = suffix
        parent.slugs.add(slug)
        return slug


@dataclass
class GenerationResult:
    created: int
    seconds: float
    seed: int
    story_ids: list[int] = field(default_factory=list, repr=False)

    @property
    def rate(self) -> float:
        return self.created / self.seconds if self.seconds else 0.0


Progress = Callable[[int, int, float], None]


def generate_stories(
    count: int,
    *,
    seed: int | None = None,
    batch_size: int = 1000,
    progress: Progress | None = None,
    index: bool = False,
    keep_ids: bool = False,
) -> GenerationResult:
    """Write `count` published stories. `progress(done, count, seconds)` is called after each
    batch; `index` also adds the stories to the search index (slow); `keep_ids` returns the
    new pages' ids in the result."""
    if seed is None:
        seed = random.SystemRandom().randrange(1_000_000)
    # Not for secrets: a seeded generator is the point, the same seed gives the same stories.
    rng = random.Random(seed)  # noqa: S311
    started = time.perf_counter()
    parents = load_parents()
    if not parents:
        raise ValueError("There are no municipality pages: run load_reference_data first.")
    composer = StoryComposer(rng, parents)
    writer = BatchWriter()
    story_ids = []
    done = 0
    while done < count:
        drafts = [composer.compose() for _ in range(min(batch_size, count - done))]
        ids = writer.write(drafts)
        if index:
            _index(ids)
        if keep_ids:
            story_ids.extend(ids)
        done += len(drafts)
        if progress:
            progress(done, count, time.perf_counter() - started)
    if done:
        _forget_derived_caches()
    return GenerationResult(
        created=done, seconds=time.perf_counter() - started, seed=seed, story_ids=story_ids
    )


def _forget_derived_caches() -> None:
    """The maps and statistics cache what they compute from all stories and are told of new
    ones by page_published, which bulk writes do not send."""
    if apps.is_installed("millenniekommunerna.maps"):
        from millenniekommunerna.core.derived_cache import invalidate

        invalidate()


class BatchWriter:
    """Writes drafts as pages: tree rows, story rows, relations, parents' child counts."""

    def __init__(self):
        self.content_type = ContentType.objects.get_for_model(StoryPage)
        self.slugs = SlugAllocator()
        self.relations = [
            (StoryPage.goals.through, "goal_id", "goal_ids"),
            (StoryPage.partner_places.through, "partnerplace_id", "place_ids"),
            (StoryPage.countries.through, "country_id", "country_ids"),
        ]

    def page(self, draft: Draft) -> Page:
        parent = draft.parent
        parent.last_step += 1
        slug = self.slugs.allocate(parent, draft.title)
        return Page(
            path=Page._get_path(parent.path, parent.depth + 1, parent.last_step),
            depth=parent.depth + 1,
            numchild=0,
            translation_key=uuid.uuid4(),
            locale_id=parent.locale_id,
            live=True,
            has_unpublished_changes=False,
            first_published_at=draft.first_published_at,
            last_published_at=draft.last_published_at,
            title=draft.title,
            draft_title=draft.title,
            slug=slug,
            content_type=self.content_type,
            url_path=f"{parent.url_path}{slug}/",
            show_in_menus=False,
        )

    @transaction.atomic
    def write(self, drafts: list[Draft]) -> list[int]:
        pages = Page.objects.bulk_create([self.page(draft) for draft in drafts])
        self.insert_stories(
            {
                "page_ptr_id": page.pk,
                "teaser": draft.teaser,
                "body": draft.body,
                "municipality_id": draft.parent.municipality_id,
                "year_start": draft.year_start,
                "year_end": draft.year_end,
            }
            for page, draft in zip(pages, drafts, strict=True)
        )
        for through, column, attribute in self.relations:
            through.objects.bulk_create(
                through(storypage_id=page.pk, **{column: related_id})
                for page, draft in zip(pages, drafts, strict=True)
                for related_id in getattr(draft, attribute)
            )
        self.count_children(drafts)
        return [page.pk for page in pages]

    def insert_stories(self, rows: Iterable[dict]) -> None:
        """Insert the `stories_storypage` rows of pages that already exist. Django's
        bulk_create refuses multi-table inheritance, so this is the INSERT it would have run,
        with each value prepared by its field (StreamField JSON, for instance) as `save()`
        prepares it; fields not given get their defaults."""
        connection = transaction.get_connection()
        quote = connection.ops.quote_name
        fields = StoryPage._meta.local_concrete_fields
        sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 (quoted identifiers)
            quote(StoryPage._meta.db_table),
            ", ".join(quote(f.column) for f in fields),
            ", ".join(["%s"] * len(fields)),
        )
        params = [
            [
                f.get_db_prep_save(
                    row[f.attname] if f.attname in row else f.get_default(), connection
                )
                for f in fields
            ]
            for row in rows
        ]
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)

    def count_children(self, drafts: list[Draft]) -> None:
        added = defaultdict(int)
        for draft in drafts:
            added[draft.parent.page_id] += 1
        Page.objects.filter(pk__in=added).update(
            numchild=models.F("numchild")
            + models.Case(
                *(models.When(pk=pk, then=models.Value(n)) for pk, n in added.items()),
                default=models.Value(0),
            )
        )


def _index(page_ids: list[int]) -> None:
    from wagtail.search.backends import get_search_backends

    stories = list(StoryPage.get_indexed_objects().filter(pk__in=page_ids))
    for backend in get_search_backends(with_auto_update=False):
        backend.add_bulk(StoryPage, stories)
