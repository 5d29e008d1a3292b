"""The editorial roles as Wagtail groups, and the review workflow.

- *Kommunredaktör* (one group per municipality): add and change pages on that municipality's
  page and below it, lock them while editing; add, change and choose images in the
  municipality's own collection; propose partner places for it; keep the partnerships it
  takes part in (partnerships.permissions). No publish permission,
  nothing elsewhere.
- *Nationell redaktör*: add, change, publish, lock and unlock everywhere in the page tree;
  every image and collection; the municipalities' Millenniekommun status, goals, partner places,
  partnerships and funding programmes (and confirming proposed places); the tips of every
  municipality.
- The workflow *Nationell granskning* (one task approved by the national editors) sits on the
  municipality index page, so every story and municipality page goes through it.

Everything here is idempotent: it adds what is missing and never removes what an
administrator has added."""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import MunicipalityEditorGroup, NationalReviewTask

NATIONAL_GROUP = "Nationell redaktör"
MUNICIPALITY_GROUP = "Kommunredaktör"
WORKFLOW_NAME = "Nationell granskning"
TASK_NAME = "Granskning av nationell redaktör"

MUNICIPALITY_PAGE_PERMISSIONS = ("add_page", "change_page", "lock_page")
MUNICIPALITY_IMAGE_PERMISSIONS = ("add_image", "change_image", "choose_image")
MUNICIPALITY_MODEL_PERMISSIONS = (
    "wagtailadmin.access_admin",
    # Propose a partner place missing from the list (partnerships.proposals).
    "partnerships.add_partnerplaceproposal",
    "partnerships.change_partnerplaceproposal",
    "partnerships.view_partnerplaceproposal",
    # Keep the partnerships the municipality takes part in (partnerships.permissions).
    "partnerships.view_partnership",
    "partnerships.add_partnership",
    "partnerships.change_partnership",
    "partnerships.delete_partnership",
)

NATIONAL_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
NATIONAL_IMAGE_PERMISSIONS = ("add_image", "change_image", "choose_image", "delete_image")
NATIONAL_COLLECTION_PERMISSIONS = ("add_collection", "change_collection", "delete_collection")
NATIONAL_MODEL_PERMISSIONS = (
    "wagtailadmin.access_admin",
    "municipalities.view_municipality",
    "municipalities.change_municipality",
    "goals.view_goal",
    "goals.change_goal",
    "goals.view_goalmapping",
    "goals.add_goalmapping",
    "goals.change_goalmapping",
    "goals.delete_goalmapping",
    "partnerships.view_partnerplace",
    "partnerships.add_partnerplace",
    "partnerships.change_partnerplace",
    "partnerships.view_partnership",
    "partnerships.add_partnership",
    "partnerships.change_partnership",
    "partnerships.delete_partnership",
    "partnerships.view_fundingprogramme",
    "partnerships.add_fundingprogramme",
    "partnerships.change_fundingprogramme",
    "partnerships.delete_fundingprogramme",
    "partnerships.view_partnerplaceproposal",
    "partnerships.change_partnerplaceproposal",
    "partnerships.delete_partnerplaceproposal",
    "tips.view_tip",
    "tips.change_tip",
    "tips.delete_tip",
)


def _permission(label: str) -> Permission:
    app_label, codename = label.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _add_model_permissions(group: Group, labels) -> None:
    group.permissions.add(*[_permission(label) for label in labels])


def _add_page_permissions(group: Group, page: Page, codenames) -> None:
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_permission(f"wagtailcore.{codename}")
        )


def _add_collection_permissions(
    group: Group, collection: Collection, codenames, app_label="wagtailimages"
) -> None:
    for codename in codenames:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=collection,
            permission=_permission(f"{app_label}.{codename}"),
        )


@transaction.atomic
def ensure_national_group() -> Group:
    group, _created = Group.objects.get_or_create(name=NATIONAL_GROUP)
    _add_model_permissions(group, NATIONAL_MODEL_PERMISSIONS)
    _add_page_permissions(group, Page.get_first_root_node(), NATIONAL_PAGE_PERMISSIONS)
    root_collection = Collection.get_first_root_node()
    _add_collection_permissions(group, root_collection, NATIONAL_IMAGE_PERMISSIONS)
    _add_collection_permissions(
        group, root_collection, NATIONAL_COLLECTION_PERMISSIONS, app_label="wagtailcore"
    )
    return group


def municipality_group_name(municipality) -> str:
    return f"{MUNICIPALITY_GROUP}: {municipality.name} ({municipality.code})"


@transaction.atomic
def ensure_municipality_group(municipality) -> MunicipalityEditorGroup:
    """The municipality's editor group and image collection, with their permissions."""
    from millenniekommunerna.municipalities.models import MunicipalityPage

    page = MunicipalityPage.objects.filter(municipality=municipality).first()
    if page is None:
        raise ValueError(f"{municipality} has no municipality page; run load_reference_data.")
    link = (
        MunicipalityEditorGroup.objects.select_related("group", "collection")
        .filter(municipality=municipality)
        .first()
    )
    if link is None:
        group, _created = Group.objects.get_or_create(name=municipality_group_name(municipality))
        link = MunicipalityEditorGroup(municipality=municipality, group=group)
    if link.collection is None:
        link.collection = Collection.get_first_root_node().add_child(
            name=f"{municipality.name} ({municipality.code})"
        )
    link.save()
    _add_model_permissions(link.group, MUNICIPALITY_MODEL_PERMISSIONS)
    _add_page_permissions(link.group, page, MUNICIPALITY_PAGE_PERMISSIONS)
    _add_collection_permissions(link.group, link.collection, MUNICIPALITY_IMAGE_PERMISSIONS)
    return link


@transaction.atomic
def ensure_review_workflow() -> Workflow:
    """The national review workflow on the municipality index page (once that page exists).
    An administrator's later choice of workflow for that page is left alone."""
    from millenniekommunerna.municipalities.models import MunicipalityIndexPage

    group = ensure_national_group()
    task = NationalReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = NationalReviewTask.objects.create(name=TASK_NAME)
    task.groups.add(group)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.workflow_tasks.exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    index = MunicipalityIndexPage.objects.first()
    if index is not None:
        WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
    return workflow


@dataclass
class Setup:
    national_group: Group
    workflow: Workflow


def ensure_editorial_setup() -> Setup:
    workflow = ensure_review_workflow()
    # Groups made before a permission joined the role get it now.
    for link in MunicipalityEditorGroup.objects.select_related("group"):
        _add_model_permissions(link.group, MUNICIPALITY_MODEL_PERMISSIONS)
    return Setup(national_group=Group.objects.get(name=NATIONAL_GROUP), workflow=workflow)
