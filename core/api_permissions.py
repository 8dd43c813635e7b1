"""Permission classes shared by the staff API views."""

from rest_framework import permissions


class ModelPermissions(permissions.DjangoModelPermissions):
    """Reading needs the view permission too (DRF's default lets any authenticated user list)."""

    perms_map = {**permissions.DjangoModelPermissions.perms_map, "GET": ["%(app_label)s.view_%(model_name)s"]}
