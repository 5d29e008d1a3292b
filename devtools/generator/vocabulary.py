"""The made-up world's building blocks: the period, the topics stories are about (with their
goals, places and wording), people's names and the sentences that join them."""

from dataclasses import dataclass
from datetime import UTC, datetime

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
