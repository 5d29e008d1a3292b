from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from wagtail.models import Page


class BasePage(Page):
    """Shared behaviour of the site's page types. Abstract: no table of its own."""

    per_page = 12

    class Meta:
        abstract = True

    def paginate(self, request, queryset, per_page=None):
        paginator = Paginator(queryset, per_page or self.per_page)
        try:
            return paginator.page(request.GET.get("sida") or 1)
        except InvalidPage as error:
            raise Http404(str(error)) from error
