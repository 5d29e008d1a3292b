"""The home page as the site's root: the page every other page hangs off."""

from wagtail.models import Locale, Page, Site

from millenniekommunerna.core import reference_data

from .models import HomePage


@reference_data.loader(order=reference_data.HOME_PAGE)
def ensure_home_page(report: reference_data.LoadReport) -> None:
    """The home page, and the default site rooted at it. Existing pages are left exactly as
    editors left them."""
    locale = Locale.get_default()
    home = HomePage.objects.filter(locale=locale).first()
    if home is None:
        root = Page.get_first_root_node()
        home = reference_data.add_child(
            root,
            report,
            "pages",
            HomePage(
                title="Millenniekommunerna",
                slug="hem",
                locale=locale,
                intro=(
                    "<p>Det här är Millenniekommunerna: berättelser om hur Sveriges kommuner "
                    "arbetar lokalt för de globala utvecklingsmålen – från millenniemålen "
                    "2000–2015 till Agenda 2030 och de 17 globala målen.</p>"
                ),
            ),
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Millenniekommunerna",
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Millenniekommunerna"
        site.save()
        # Wagtail's placeholder "Welcome to your new Wagtail site!" page goes.
        if old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()
