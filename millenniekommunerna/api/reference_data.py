"""The open-data page, which states the licence and links the API and the exports."""

from millenniekommunerna.core import reference_data

from .models import OpenDataPage


@reference_data.loader(order=reference_data.OPEN_DATA_PAGE)
def ensure_open_data_page(report: reference_data.LoadReport) -> None:
    if not OpenDataPage.objects.exists():
        reference_data.add_child(
            reference_data.home_page(),
            report,
            "pages",
            OpenDataPage(title="Öppna data", slug="oppna-data"),
        )
