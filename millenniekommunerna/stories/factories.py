from decimal import Decimal

import factory
import wagtail_factories
from django.utils import timezone

from millenniekommunerna.municipalities.models import MunicipalityPage

from .models import StoryPage, StoryResult


class StoryPageFactory(wagtail_factories.PageFactory):
    """A published story. Pass `parent=` a MunicipalityPage, or `municipality_code=` to use
    that municipality's page (default: Östhammar, 0382)."""

    title = factory.Sequence(lambda n: f"Berättelse nummer {n}")
    teaser = factory.Faker("paragraph", nb_sentences=2, locale="sv_SE")
    live = True
    first_published_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = StoryPage
        skip_postgeneration_save = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        municipality_code = kwargs.pop("municipality_code", "0382")
        if kwargs.get("parent") is None:
            kwargs["parent"] = MunicipalityPage.objects.get(municipality__code=municipality_code)
        return super()._create(model_class, *args, **kwargs)

    @factory.post_generation
    def goals(self, create, extracted, **kwargs):
        if create and extracted:
            self.goals.set(extracted)
            self.save()

    @factory.post_generation
    def partner_places(self, create, extracted, **kwargs):
        if create and extracted:
            self.partner_places.set(extracted)
            self.save()


class StoryResultFactory(factory.django.DjangoModelFactory):
    """A measured result of a story: pass `page=` the story."""

    indicator = "Matsvinn per elev och dag"
    unit = "g"
    baseline_value = Decimal("62")
    baseline_year = 2011
    latest_value = Decimal("38.5")
    latest_year = 2014
    source = "Kostenheten"
    # In the order made, as the editor's inline panel numbers them (a NULL sorts first on
    # SQLite and last on PostgreSQL).
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = StoryResult
