"""The editorial groups that exist already get the permissions for proposed partner places
(new groups get them from editorial.roles)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MUNICIPALITY_GROUP_PREFIX = "Kommunredaktör:"
NATIONAL_GROUP = "Nationell redaktör"
MUNICIPALITY = ("add_partnerplaceproposal", "change_partnerplaceproposal", "view_partnerplaceproposal")
NATIONAL = ("view_partnerplaceproposal", "change_partnerplaceproposal", "delete_partnerplaceproposal")


def grant(apps, schema_editor):
    # Permissions are otherwise made after the last migration (post_migrate); a migration's
    # app config is a stub that create_permissions skips unless it claims to have models.
    app_config = apps.get_app_config("partnerships")
    app_config.models_module = getattr(app_config, "models_module", None) or True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(codenames):
        return Permission.objects.filter(
            content_type__app_label="partnerships", codename__in=codenames
        )

    for group in Group.objects.filter(name__startswith=MUNICIPALITY_GROUP_PREFIX):
        group.permissions.add(*permissions(MUNICIPALITY))
    for group in Group.objects.filter(name=NATIONAL_GROUP):
        group.permissions.add(*permissions(NATIONAL))


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0002_partner_place_proposals"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
