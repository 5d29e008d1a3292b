"""The first version of the accessibility statement at `/tillganglighet/`, in Swedish, as
`load_reference_data` creates it. After that it is the editors' page: they keep it up to date
in the admin, and nothing here overwrites it."""

import datetime

# The date the site was last assessed by the checks in tests/e2e/ and by hand (keyboard, zoom).
ASSESSED_ON = datetime.date(2026, 11, 26)

KNOWN_GAPS = """\
<p>Vi känner till följande brister. Vi åtgärdar dem så snart vi kan och uppdaterar den här sidan
när vi gör det.</p>
<ul>
<li><b>Kartorna går inte att förstå utan syn.</b> Kartorna över Sveriges kommuner och över
partnerskapen i världen är bilder. Kommunerna och orterna på kartorna är länkar med namn, men
linjerna mellan kommunerna och partnerorterna har inget eget textalternativ. Samma uppgifter finns
i tabellerna under kartorna, och i listan över kommuner. (WCAG 1.1.1 Icke-textuellt innehåll.)</li>
<li><b>Färgerna på Sverigekartan är svåra att skilja åt.</b> Den ljusaste färgen (en berättelse)
har inte kontrasten 3:1 mot kommunerna utan berättelser. Antalet berättelser per kommun finns
också i listan under kartan. (WCAG 1.4.11 Kontrast för icke-textuellt innehåll.)</li>
<li><b>Bilder som redaktörerna laddar upp beror på deras alternativtexter.</b> Webbplatsen kräver
en alternativtext till varje bild som inte är dekorativ och vägrar filnamn och siffror, men den kan
inte avgöra om texten beskriver bilden. Säg till oss om en bild saknar en bra beskrivning.
(WCAG 1.1.1 Icke-textuellt innehåll.)</li>
<li><b>Några ingresser är avbrutna.</b> Berättelser som flyttats från den gamla webbplatsen har i
några fall en ingress som slutar mitt i en mening, eftersom den var avkortad redan i källan. Vi
visar dem med en ellips (…) tills redaktörerna har skrivit klart dem.</li>
<li><b>De flesta berättelser finns bara på svenska.</b> Den engelska versionen av webbplatsen
har engelska menyer, rubriker och målnamn. En berättelse som kommunen har översatt visas på
engelska; de andra visas på svenska med en upplysning om det och en länk till den svenska sidan.
Svensk text är märkt som svenska så att skärmläsare läser den med svensk röst. Sökningen på den
engelska webbplatsen söker i den svenska texten.</li>
<li><b>Dokumentationen av det öppna API:et (/api/v1/docs) kräver JavaScript</b> och har inte
granskats. Samma uppgifter finns på sidan Öppna data.</li>
</ul>
"""

OUT_OF_SCOPE = """\
<ul>
<li>Webbplatser vi länkar till, till exempel kommunernas egna webbplatser.</li>
<li>Redaktörernas verktyg för att skriva berättelser (/admin/) är Wagtails eget gränssnitt och
omfattas inte av den här redogörelsen, som gäller den publika webbplatsen.</li>
</ul>
"""

TESTING = """\
<p>Vi har gjort en självskattning (intern testning) av webbplatsen. Varje gång koden ändras
testas varje typ av sida automatiskt i webbläsaren Chromium:</p>
<ul>
<li>med axe-core mot WCAG 2.0 och 2.1 nivå A och AA, på svenska och engelska, i datorns och
mobilens bredd (1280 och 375 pixlar),</li>
<li>med Lighthouse och med W3C:s HTML-validator (Nu HTML Checker),</li>
<li>med enbart tangentbord: länken förbi menyn, synlig fokusmarkering, fokusordning och att
fokus inte fastnar,</li>
<li>i 320 pixlars bredd och med dubbel textstorlek utan att sidan behöver rullas i sidled,</li>
<li>och med JavaScript avstängt.</li>
</ul>
<p>Vi har ännu inte låtit någon extern part granska webbplatsen och inte gjort användartester med
skärmläsare eller med personer med funktionsnedsättning.</p>
"""


def statement_defaults() -> dict:
    return {
        "title": "Tillgänglighet för Millenniekommunerna",
        "slug": "tillganglighet",
        "seo_title": "Tillgänglighetsredogörelse",
        "search_description": (
            "Hur tillgänglig Millenniekommunerna är, vilka brister vi känner till och hur du "
            "rapporterar problem."
        ),
        "organisation": "Millenniekommunerna",
        "contact_email": "tillganglighet@millenniekommunerna.se",
        "known_gaps": KNOWN_GAPS,
        "out_of_scope": OUT_OF_SCOPE,
        "testing": TESTING,
        "assessed_on": ASSESSED_ON,
        "statement_updated_on": ASSESSED_ON,
    }
