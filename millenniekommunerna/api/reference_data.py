"""The open-data page, which states the licence and links the API and the exports."""

from millenniekommunerna.core.reference_data import (
    OPEN_DATA_PAGE,
    LoadReport,
    add_child,
    home_page,
    loader,
)

from .models import OpenDataPage


@loader(order=OPEN_DATA_PAGE)
def ensure_open_data_page(report: LoadReport) -> None:
    if not OpenDataPage.objects.exists():
        add_child(home_page(), report, "pages", OpenDataPage(title="Öppna data", slug="oppna-data"))
