"""`/folj/`: follow a listing or a partner place by email, confirm, manage, unsubscribe.
No account: the link in each mail (a random token, never the address) is the key."""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView

from millenniekommunerna.core import ratelimit

from . import mail
from .forms import HONEYPOT_FIELD, ChoicesForm, FollowForm
from .models import MAX_FOLLOWS, Follow, Subscriber, unconfirmed_days
from .scope import (
    PARAM_PLACE,
    described,
    find_place,
    label,
    listing_path,
    normalised,
    read_query,
)

logger = logging.getLogger(__name__)
RATE_SCOPE = "subscriptions"
ADDRESS_SCOPE = "subscriptions-address"


def rate_limit() -> ratelimit.Limit:
    """Forms posted per connection, as for the tip form."""
    return ratelimit.Limit(
        int(getattr(settings, "SUBSCRIPTIONS_RATE_LIMIT", 10)),
        int(getattr(settings, "SUBSCRIPTIONS_RATE_PERIOD", 60 * 60)),
    )


def address_limit() -> ratelimit.Limit:
    """Confirmation mails per address: the form cannot be used to flood someone's inbox."""
    return ratelimit.Limit(int(getattr(settings, "SUBSCRIPTIONS_MAILS_PER_ADDRESS", 3)), 24 * 3600)


class Target:
    """What the follow form is about, from its query string (`?kommun=…`, `?ort=…`)."""

    def __init__(self, params):
        self.place = None
        if params.get(PARAM_PLACE):
            self.place = find_place(params[PARAM_PLACE])
            if self.place is None:
                raise Http404("no such partner place")
        if self.place is not None:
            self.query, self.notices = "", []
            self.follow = Follow(place=self.place)
        else:
            selection = read_query(params)
            self.query, self.notices = normalised(selection), selection.notices
            self.follow = Follow(query=self.query)
        self.label = label(self.follow)
        self.url = listing_path(self.follow)


@method_decorator(never_cache, name="dispatch")
class FollowView(View):
    template_name = "subscriptions/follow_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.limited = None
        if request.method == "POST":
            result = ratelimit.hit(RATE_SCOPE, ratelimit.client_ip(request), rate_limit())
            if not result.allowed:
                self.limited = result
                response = self.render_form(FollowForm(initial=_kept(request.POST)), status=429)
                response["Retry-After"] = str(result.retry_after)
                return response
        return super().dispatch(request, *args, **kwargs)

    def initial(self):
        target = Target(self.request.GET)
        return {
            "language": translation.get_language() or settings.LANGUAGE_CODE,
            "query": target.query,
            "place": target.place.slug if target.place else "",
        }

    def render_form(self, form, status=200):
        data = form.data if form.is_bound else self.request.POST
        target = Target(_params(data) if data else self.request.GET)
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "honeypot": form[HONEYPOT_FIELD],
                "target": target,
                "days": unconfirmed_days(),
                "limited": self.limited,
                "robots": "noindex, nofollow",
            },
            status=status,
        )

    def get(self, request, *args, **kwargs):
        return self.render_form(FollowForm(initial=self.initial()))

    def post(self, request, *args, **kwargs):
        form = FollowForm(request.POST)
        if not form.is_valid():
            return self.render_form(form, status=400)
        try:
            subscribe(form.cleaned_data, request)
        except OSError:
            logger.exception("The confirmation mail could not be sent")
            form.add_error(
                None, _("The email could not be sent just now. Try again in a few minutes.")
            )
            return self.render_form(form, status=503)
        return redirect(reverse("subscriptions:sent"))


def _kept(data) -> dict:
    """What a refused form had filled in, shown again so that nothing typed is lost."""
    return {
        name: data.get(name, "") for name in ("email", "frequency", "language", "query", "place")
    }


def _params(data) -> QueryDict:
    """The follow form's query string again, from its hidden fields."""
    if data.get("place"):
        params = QueryDict(mutable=True)
        params[PARAM_PLACE] = data["place"]
        return params
    return QueryDict((data.get("query") or "")[:2000])


def subscribe(data, request=None) -> None:
    """Adds what the form asked for to the address, unconfirmed, and mails the address a link
    to confirm. The answer is the same whether the address was known or not, so the form does
    not tell anyone who follows what. Raises OSError (SMTPException is one) when the mail
    cannot be sent; what was stored stays, and sending the form again sends the mail again."""
    target = data["target"]
    try:
        with transaction.atomic():
            subscriber, created = Subscriber.objects.get_or_create(
                email__iexact=data["email"],
                defaults={
                    "email": data["email"],
                    "language": data["language"],
                    "frequency": data["frequency"],
                },
            )
    except IntegrityError:  # the same new address sent twice at once: the other one won
        subscriber, created = Subscriber.objects.get(email__iexact=data["email"]), False
    with transaction.atomic():
        if not created and not subscriber.is_confirmed:
            # Not confirmed yet: the latest choices count (a confirmed address changes them on
            # its own page, never through a form anyone can post).
            subscriber.language = data["language"]
            subscriber.frequency = data["frequency"]
            subscriber.save(update_fields=["language", "frequency"])
        follows = subscriber.follows.all()
        exists = follows.filter(place=target["place"], query=target["query"]).exists()
        if not exists and follows.count() < MAX_FOLLOWS:
            subscriber.follows.create(place=target["place"], query=target["query"])
    pending = list(follows.filter(confirmed_at__isnull=True).select_related("place__country"))
    if not pending:
        return  # already followed and confirmed: nothing to ask
    allowed = ratelimit.hit(ADDRESS_SCOPE, subscriber.email.lower(), address_limit()).allowed
    if not allowed:
        logger.info("No confirmation mail to subscriber %s: too many today", subscriber.pk)
        return
    mail.confirmation(subscriber, pending, request).send()


class SentView(TemplateView):
    template_name = "subscriptions/sent.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "days": unconfirmed_days(),
            "robots": "noindex, nofollow",
        }


class TokenView(View):
    """A page reached by the link in a mail: `token` names the subscriber."""

    def dispatch(self, request, token, *args, **kwargs):
        self.subscriber = Subscriber.objects.filter(token=token).first() if token else None
        return super().dispatch(request, token, *args, **kwargs)

    def unknown(self):
        return render(
            self.request,
            "subscriptions/unknown_link.html",
            {"days": unconfirmed_days(), "robots": "noindex, nofollow"},
            status=404,
        )


@method_decorator(never_cache, name="dispatch")
class ConfirmView(TokenView):
    """The link in the confirmation mail shows a button: mail scanners that open every link
    must not confirm an address on their own, so the confirmation itself is a POST."""

    def get(self, request, token):
        if self.subscriber is None:
            return self.unknown()
        pending = self.subscriber.follows.filter(confirmed_at__isnull=True).select_related(
            "place__country"
        )
        return render(
            request,
            "subscriptions/confirm.html",
            {
                "subscriber": self.subscriber,
                "pending": [label(follow) for follow in pending],
                "robots": "noindex, nofollow",
            },
        )

    def post(self, request, token):
        if self.subscriber is None:
            return self.unknown()
        self.subscriber.confirm()
        return HttpResponseRedirect(reverse("subscriptions:manage", args=[token]) + "?bekraftad=1")


@method_decorator(never_cache, name="dispatch")
class ManageView(TokenView):
    template_name = "subscriptions/manage.html"

    def render_page(self, form=None, status=200, saved=False):
        follows = self.subscriber.follows.select_related("place__country")
        return render(
            self.request,
            self.template_name,
            {
                "subscriber": self.subscriber,
                "follows": described(follows),
                "form": form
                or ChoicesForm(
                    initial={
                        "frequency": self.subscriber.frequency,
                        "language": self.subscriber.language,
                    }
                ),
                "confirmed_now": self.request.GET.get("bekraftad") == "1",
                "saved": saved or self.request.GET.get("sparat") == "1",
                "removed": self.request.GET.get("borttagen") == "1",
                "days": unconfirmed_days(),
                "robots": "noindex, nofollow",
            },
            status=status,
        )

    def get(self, request, token):
        if self.subscriber is None:
            return self.unknown()
        return self.render_page()

    def post(self, request, token):
        if self.subscriber is None:
            return self.unknown()
        url = reverse("subscriptions:manage", args=[token])
        if request.POST.get("action") == "remove":
            follow_id = request.POST.get("follow", "")
            if follow_id.isascii() and follow_id.isdigit():
                self.subscriber.follows.filter(pk=follow_id).delete()
            return HttpResponseRedirect(url + "?borttagen=1")
        form = ChoicesForm(request.POST)
        if not form.is_valid():
            return self.render_page(form, status=400)
        self.subscriber.frequency = form.cleaned_data["frequency"]
        self.subscriber.language = form.cleaned_data["language"]
        self.subscriber.save(update_fields=["frequency", "language"])
        return HttpResponseRedirect(url + "?sparat=1")


# The one-click unsubscribe (RFC 8058) is a POST from the mail program, without a CSRF
# token; the random token in the address is what authorises it.
@method_decorator(csrf_exempt, name="dispatch")
@method_decorator(never_cache, name="dispatch")
class UnsubscribeView(TokenView):
    def get(self, request, token):
        if self.subscriber is None:
            return self.done()
        return render(
            request,
            "subscriptions/unsubscribe.html",
            {"subscriber": self.subscriber, "robots": "noindex, nofollow"},
        )

    def post(self, request, token):
        """Deletes the address and everything it follows. Unsubscribing twice is not an
        error: the page says the same."""
        if self.subscriber is not None:
            self.subscriber.delete()
        return self.done()

    def done(self):
        return render(
            self.request,
            "subscriptions/unsubscribed.html",
            {"robots": "noindex, nofollow"},
        )
