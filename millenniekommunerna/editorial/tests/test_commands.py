import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.management import CommandError, call_command
from wagtail.models import Workflow

from millenniekommunerna.editorial.models import MunicipalityEditorGroup

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("create_editor", *args, stdout=out)
    return out.getvalue()


def test_create_editor_for_two_municipalities_sends_a_set_password_link(client):
    output = run("Anna@Salem.se", "--municipality", "0128", "--municipality", "0382")
    user = get_user_model().objects.get(username="anna@salem.se")
    assert not user.has_usable_password()
    assert set(user.groups.values_list("name", flat=True)) == {
        "Kommunredaktör: Salem (0128)",
        "Kommunredaktör: Östhammar (0382)",
    }
    assert "Created anna@salem.se" in output
    assert Workflow.objects.filter(name="Nationell granskning").exists()

    [message] = mail.outbox
    assert message.to == ["anna@salem.se"]
    assert message.subject == "Ditt redaktörskonto på Millenniekommunerna"
    assert "Välj ditt lösenord med den här länken" in message.body
    link = re.search(r"http://testserver(/admin/password_reset/confirm/\S+/)", message.body)
    _uid, token = link.group(1).rstrip("/").split("/")[-2:]
    assert default_token_generator.check_token(user, token)
    # The link works: it leads to Wagtail's form for choosing a password.
    response = client.get(link.group(1), follow=True)
    assert response.status_code == 200
    assert 'name="new_password1"' in response.content.decode()


def test_create_editor_is_idempotent_and_adds_roles(client):
    run("anna@salem.se", "--municipality", "0128", "--no-email")
    user = get_user_model().objects.get(username="anna@salem.se")
    user.set_password("a-long-test-password")
    user.save()
    output = run("anna@salem.se", "--municipality", "0128", "--national", "--no-email")
    assert "Updated anna@salem.se" in output
    user.refresh_from_db()
    assert user.check_password("a-long-test-password")  # never reset by the command
    assert set(user.groups.values_list("name", flat=True)) == {
        "Kommunredaktör: Salem (0128)",
        "Nationell redaktör",
    }
    assert MunicipalityEditorGroup.objects.count() == 1
    assert get_user_model().objects.count() == 1
    assert mail.outbox == []


def test_editor_profile_uses_the_swedish_admin():
    run("bo@osthammar.se", "--municipality", "0382", "--no-email")
    user = get_user_model().objects.get(username="bo@osthammar.se")
    assert user.wagtail_userprofile.preferred_language == "sv"


@pytest.mark.parametrize(
    "args, message",
    [
        (["anna@salem.se"], "--municipality CODE"),
        (["anna@salem.se", "--municipality", "9999"], "Unknown municipality code(s): 9999"),
        (["anna@salem.se", "--municipality", "Salem"], "Unknown municipality code(s): Salem"),
        (["inte-en-adress", "--national"], "Not an email address"),
    ],
)
def test_create_editor_refuses_bad_input_and_creates_nothing(args, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        run(*args)
    assert not get_user_model().objects.exists()
    assert not MunicipalityEditorGroup.objects.exists()


def test_setup_editorial_command_reports_the_workflow():
    out = io.StringIO()
    call_command("setup_editorial", stdout=out)
    call_command("setup_editorial", stdout=out)
    assert "Nationell granskning (pages: Kommuner)" in out.getvalue()
    assert Workflow.objects.filter(name="Nationell granskning").count() == 1
