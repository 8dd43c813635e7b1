"""What a stage shows and records for one complaint, over REST, through the web pages' own forms
and services.

Each stage's ``api`` module declares a ``ComplaintStageViewSet`` under
``/api/desk/complaints/{complaint_pk}/<stage>/``: a GET answers what the stage holds for the
complaint (``read_serializer`` over ``stage_read``), and every write is a ``stage_write`` (most
declared in ``service_writes``): the web page's permission, its form (a JSON object, or multipart
with files) and its service. There is no second path to a change: a service refuses here exactly
what it refuses on the workbench.

Every answer is scoped with ``complaints_visible_to``: a complaint outside the user's scope is a
404, as on the pages. A field the form does not know is a 400, so a misspelt name never passes
as "not given".
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, permissions, serializers, viewsets
from rest_framework.response import Response

from core.api_errors import Conflict, request_data

from .access import complaints_visible_to
from .locking import ComplaintChanged
from .models import Complaint
from .services.decision import DecisionNotPossible

VIEW_COMPLAINT = "intake.view_complaint"


class CanViewComplaints(permissions.BasePermission):
    """The gate to every desk endpoint; a write then needs its own permission too."""

    def has_permission(self, request, view) -> bool:
        return request.user.is_authenticated and request.user.has_perm(VIEW_COMPLAINT)


def service_run(run: Callable[[], object]):
    """Run a service; its refusals become the API's 4xx: a stale version or a state that no longer
    allows the change a 409, an unmet rule a 400 naming the field, a missing permission a 403."""
    try:
        return run()
    except (ComplaintChanged, DecisionNotPossible) as error:
        raise Conflict(error.message) from error
    except TransitionNotAllowed as error:
        raise Conflict(_("This action is not possible in the complaint's current state. Please reload.")) from error
    except PermissionDenied as error:
        raise exceptions.PermissionDenied(*error.args[:1]) from error
    except DjangoValidationError as error:
        if getattr(error, "code", None) == "state":  # the complaint's state no longer allows it
            raise Conflict(error.messages[0]) from error
        detail = error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages}
        raise exceptions.ValidationError(detail) from error


def unknown_fields_refuse(data, known) -> None:
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise exceptions.ValidationError({name: [_("This field is not known here.")] for name in unknown})


def form_data(form_class, data):
    """A JSON object as a form expects it: numbers and booleans as text, ``null`` as empty, a list
    only for a field of several values. A value of the wrong shape is a 400 naming its field,
    never a form choking on it. Form-encoded bodies are already text; other names pass untouched."""
    if not isinstance(data, dict):
        return data
    bound, errors = dict(data), {}
    for name, value in data.items():
        field = form_class.base_fields.get(name)
        if field is None or isinstance(field, forms.FileField):
            continue
        several = getattr(field.widget, "allow_multiple_selected", False)
        values = value if several and isinstance(value, list) else [value]
        if (several and not isinstance(value, list)) or any(isinstance(item, dict | list) for item in values):
            errors[name] = [_("A list of values.") if several else _("A single value, not a list or an object.")]
            continue
        texts = ["" if item is None else str(item).lower() if isinstance(item, bool) else str(item) for item in values]
        bound[name] = texts if several else texts[0]
    if errors:
        raise exceptions.ValidationError(errors)
    return bound


def form_validate(form_class, data, files=None, *, extra_fields=(), **form_kwargs) -> forms.Form:
    """The page's form bound to the request's body: unknown fields and form errors are a 400."""
    unknown_fields_refuse(data, [*form_class.base_fields, *extra_fields])
    data = form_data(form_class, data)
    form = form_class(data, files, **form_kwargs) if files is not None else form_class(data, **form_kwargs)
    if not form.is_valid():
        raise exceptions.ValidationError(_form_errors(form))
    return form


def _form_errors(form) -> dict:
    errors = {name: [error["message"] for error in value] for name, value in form.errors.get_json_data().items()}
    if "__all__" in errors:
        errors["detail"] = errors.pop("__all__")
    return errors


_FIELD_TYPES: list[tuple[type, Callable[..., serializers.Field]]] = [
    (forms.ModelMultipleChoiceField, lambda f, **kw: serializers.ListField(child=serializers.IntegerField(), **kw)),
    (
        forms.ModelChoiceField,
        lambda f, **kw: serializers.CharField(**kw) if f.to_field_name else serializers.IntegerField(**kw),
    ),
    (forms.ChoiceField, lambda f, **kw: serializers.ChoiceField(choices=[c for c in f.choices if c[0] != ""], **kw)),
    (forms.BooleanField, lambda f, **kw: serializers.BooleanField(**kw)),
    (forms.IntegerField, lambda f, **kw: serializers.IntegerField(min_value=f.min_value, max_value=f.max_value, **kw)),
    (
        forms.DecimalField,
        lambda f, **kw: serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal(0), **kw),
    ),
    (forms.DateTimeField, lambda f, **kw: serializers.DateTimeField(**kw)),
    (forms.DateField, lambda f, **kw: serializers.DateField(**kw)),
    (forms.FileField, lambda f, **kw: serializers.FileField(**kw)),
    (forms.CharField, lambda f, **kw: serializers.CharField(max_length=f.max_length, **kw)),
]


def form_serializer(form_class, name: str, **extra: serializers.Field):
    """The form's fields as a serializer, for the schema: what the body may carry. A field the form
    does not need may be left out, empty or ``null``."""
    fields = {}
    for field_name, field in form_class.base_fields.items():
        make = next((make for kind, make in _FIELD_TYPES if isinstance(field, kind)), _FIELD_TYPES[-1][1])
        optional = {} if field.required else {"allow_null": True}
        textual = isinstance(field, forms.CharField | forms.ChoiceField) and not isinstance(
            field, forms.ModelChoiceField
        )
        if not field.required and textual:
            optional["allow_blank"] = True
        fields[field_name] = make(field, required=field.required, help_text=str(field.label or ""), **optional)
    return inline_serializer(name, {**fields, **extra})


def _schema_name(*parts: str) -> str:
    return "".join(word.title() for part in parts for word in part.replace("-", "_").split("_"))


@dataclass(frozen=True)
class StageWrite:
    url_path: str
    permission: str
    form_class: type
    run: Callable[..., object]  # run(complaint, form, user, **ids)
    files: bool
    extra: dict
    summary: str


def stage_write(
    *,
    url_path: str,
    form_class,
    summary: str,
    service: Callable[..., object] | None = None,
    run: Callable[..., object] | None = None,
    permission: str = VIEW_COMPLAINT,
    files: bool = False,
    extra: dict | None = None,
):
    """One write of a stage: ``service(complaint_id=, actor=, **cleaned_data)``, or ``run(complaint,
    form, user, **ids)`` when the page calls its service otherwise. ``extra`` names body fields
    beyond the form (read by ``run``), with their schema."""
    write = StageWrite(
        url_path=url_path,
        permission=permission,
        form_class=form_class,
        run=run or (lambda complaint, form, user: service(complaint_id=complaint.pk, actor=user, **form.cleaned_data)),
        files=files,
        extra=extra or {},
        summary=summary,
    )

    def method(self, request, complaint_pk=None, **ids):
        complaint = self.complaint()
        if not request.user.has_perm(write.permission):
            raise exceptions.PermissionDenied()
        data = request_data(request)
        form = form_validate(
            write.form_class, data, request.FILES if write.files else None, extra_fields=tuple(write.extra)
        )
        service_run(lambda: write.run(complaint, form, request.user, **ids))
        return self.stage_answer(self.complaint())

    method.stage_write = write
    return method


class ServiceWrite(NamedTuple):
    """A write that calls one service as ``service(complaint_id=, actor=, **cleaned_data)``: the
    common case, declared in a stage's ``service_writes`` by its URL path."""

    permission: str
    form_class: type
    service: Callable[..., object]
    summary: str
    files: bool = False


class ComplaintStageViewSet(viewsets.GenericViewSet):
    """``stage`` names the URL segment; ``read_serializer`` shapes ``stage_read(complaint)``, the
    answer of the GET and of every write. With ``readable`` off the stage has no GET and no segment
    of its own: its writes sit right under the complaint (``…/complaints/{id}/accept/``)."""

    permission_classes = [CanViewComplaints]
    queryset = Complaint.objects.none()
    pagination_class = None
    filter_backends: list = []
    stage: str = ""
    readable: bool = True
    read_serializer: type = serializers.Serializer
    #: ``{url_path: ServiceWrite}``: each a POST at ``…/<stage>/<url_path>/``, named after its path.
    service_writes: dict[str, ServiceWrite] = {}

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        for url_path, write in cls.service_writes.items():
            setattr(cls, url_path.replace("-", "_"), stage_write(url_path=url_path, **write._asdict()))
        for name, method in cls.writes().items():
            write = method.stage_write
            body = form_serializer(write.form_class, _schema_name(cls.stage, name, "body"), **write.extra)
            media = ["multipart/form-data"] if write.files else ["application/json", "multipart/form-data"]
            extend_schema(
                operation_id=f"desk_{cls.stage}_{name}",
                summary=write.summary,
                request={kind: body for kind in media},
                responses={200: cls.read_serializer},
            )(method)
        if not cls.readable:
            return

        def retrieve(self, request, complaint_pk=None):
            return self.stage_answer(self.complaint())

        cls.retrieve = extend_schema(
            operation_id=f"desk_{cls.stage}_read", responses={200: cls.read_serializer}, summary=cls.__doc__
        )(retrieve)

    @classmethod
    def writes(cls) -> dict:
        return {name: getattr(cls, name) for name in dir(cls) if hasattr(getattr(cls, name, None), "stage_write")}

    @classmethod
    def urls(cls) -> list:
        base = "desk/complaints/<int:complaint_pk>/"
        urls = []
        if cls.readable:
            base += f"{cls.stage}/"
            urls.append(path(base, cls.as_view({"get": "retrieve"}), name=f"api-{cls.stage}"))
        for name, method in cls.writes().items():
            route = f"{base}{method.stage_write.url_path}/"
            urls.append(path(route, cls.as_view({"post": name}), name=f"api-{cls.stage}-{name}"))
        return urls

    @property
    def api_scope(self) -> str:
        """The area an integration's token needs (``core.integrations``)."""
        return self.stage

    def get_serializer_class(self):
        return self.read_serializer

    def complaint(self) -> Complaint:
        return get_object_or_404(complaints_visible_to(self.request.user), pk=self.kwargs["complaint_pk"])

    def stage_read(self, complaint: Complaint):
        raise NotImplementedError

    def stage_answer(self, complaint: Complaint) -> Response:
        return Response(self.read_serializer(self.stage_read(complaint), context=self.get_serializer_context()).data)
