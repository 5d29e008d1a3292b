from django.shortcuts import render


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a request context: the error may come from the database or a context
    # processor, and this page must still show.
    from django.http import HttpResponseServerError
    from django.template.loader import get_template

    return HttpResponseServerError(get_template("500.html").render())
