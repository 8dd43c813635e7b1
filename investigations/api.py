"""The investigation of a complaint over REST: its team, statements, site visits, evidence (files
upload as multipart), evidence asked of the other side, the report and requests for more time.

The same forms, permissions and services as the investigation panel's pages; names and phones of
the people heard are masked, evidence files are fetched from their access-checked URL.
"""

from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers

from core.privacy import mask_name, mask_phone
from intake.api_stage import ComplaintStageViewSet, ServiceWrite

from . import forms, services
from .models import EvidenceItem, EvidenceRequest, ExtensionRequest, Investigation, InvestigationReport
from .models.investigation import SiteVisit, Statement

_USERNAME = {"slug_field": "username", "read_only": True}


class StatementSerializer(serializers.ModelSerializer):
    person_name = serializers.SerializerMethodField()
    taken_by = serializers.SlugRelatedField(**_USERNAME)

    class Meta:
        model = Statement
        fields = ["id", "party", "person_name", "content", "taken_by", "taken_at"]

    def get_person_name(self, statement) -> str:
        return mask_name(statement.person_name)


class SiteVisitSerializer(serializers.ModelSerializer):
    recorded_by = serializers.SlugRelatedField(**_USERNAME)

    class Meta:
        model = SiteVisit
        fields = ["id", "visited_at", "place", "present", "findings", "recorded_by"]


class EvidenceSerializer(serializers.ModelSerializer):
    added_by = serializers.SlugRelatedField(**_USERNAME)
    file_url = serializers.SerializerMethodField(help_text="The file, for staff who may see evidence; null without.")

    class Meta:
        model = EvidenceItem
        fields = [
            "id",
            "sequence",
            "kind",
            "provided_by",
            "description",
            "original_name",
            "content_type",
            "size",
            "collected_at",
            "added_by",
            "added_at",
            "supersedes",
            "supersede_reason",
            "content_sha256",
            "record_sha256",
            "file_url",
        ]

    def get_file_url(self, item) -> str | None:
        return reverse("evidence-file", args=[item.pk]) if item.file else None


class EvidenceRequestSerializer(serializers.ModelSerializer):
    addressee_name = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()

    class Meta:
        model = EvidenceRequest
        fields = ["id", "addressee", "addressee_name", "phone", "asked_for", "due_on", "requested_at", "received_at"]

    def get_addressee_name(self, asked) -> str:
        return mask_name(asked.addressee_name)

    def get_phone(self, asked) -> str:
        return mask_phone(asked.phone)


class ReportSerializer(serializers.ModelSerializer):
    submitted_by = serializers.SlugRelatedField(**_USERNAME)

    class Meta:
        model = InvestigationReport
        fields = [*forms.ReportForm.Meta.fields, "submitted_by", "submitted_at"]


class ExtensionSerializer(serializers.ModelSerializer):
    requested_by = serializers.SlugRelatedField(**_USERNAME)
    decided_by = serializers.SlugRelatedField(**_USERNAME)

    class Meta:
        model = ExtensionRequest
        fields = ["id", "hours", "reason", "requested_by", "requested_at", "status", "decided_by", "decided_at"]


class InvestigationSerializer(serializers.ModelSerializer):
    lead = serializers.SlugRelatedField(**_USERNAME)
    members = serializers.SlugRelatedField(many=True, **_USERNAME)
    statements = StatementSerializer(many=True, read_only=True)
    site_visits = SiteVisitSerializer(many=True, read_only=True)
    evidence_requests = EvidenceRequestSerializer(many=True, read_only=True)
    extension_requests = ExtensionSerializer(many=True, read_only=True)
    report = serializers.SerializerMethodField()

    class Meta:
        model = Investigation
        fields = [
            "id",
            "round",
            "lead",
            "members",
            "opened_at",
            "statements",
            "site_visits",
            "evidence_requests",
            "report",
            "extension_requests",
        ]

    @extend_schema_field(ReportSerializer(allow_null=True))
    def get_report(self, investigation) -> dict | None:
        report = getattr(investigation, "report", None)
        return ReportSerializer(report).data if report else None


class InvestigationStageSerializer(serializers.Serializer):
    investigation = InvestigationSerializer(read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True, help_text="Empty without the permission to see it.")


class InvestigationAPI(ComplaintStageViewSet):
    """The complaint's current investigation: team, statements, visits, evidence, report"""

    stage = "investigation"
    read_serializer = InvestigationStageSerializer

    def stage_read(self, complaint) -> dict:
        user = self.request.user
        if not user.has_perm("investigations.view_investigation"):
            raise exceptions.PermissionDenied()
        investigation = (
            Investigation.objects.filter(complaint=complaint)
            .select_related("lead", "report__submitted_by")
            .prefetch_related(
                "members",
                "statements__taken_by",
                "site_visits__recorded_by",
                "evidence_requests",
                Prefetch("extension_requests", ExtensionRequest.objects.select_related("requested_by", "decided_by")),
            )
            .order_by("-round")
            .first()
        )
        if investigation is None:
            raise exceptions.NotFound()
        evidence = (
            EvidenceItem.objects.filter(complaint=complaint).select_related("added_by").order_by("sequence")
            if user.has_perm("investigations.view_evidenceitem")
            else []
        )
        return {"investigation": investigation, "evidence": evidence}

    service_writes = {
        "statements": ServiceWrite(
            "investigations.add_statement",
            forms.StatementForm,
            services.statement_add,
            "Take a statement (it also enters the evidence chain)",
        ),
        "evidence": ServiceWrite(
            "investigations.add_evidenceitem",
            forms.EvidenceForm,
            services.evidence_add,
            "Add an evidence item: a file (`upload`), a text, or both",
            files=True,
        ),
        "site-visits": ServiceWrite(
            "investigations.add_sitevisit",
            forms.SiteVisitForm,
            services.site_visit_record,
            "Record a site visit, with photos as repeated `photos` parts",
            files=True,
        ),
        "evidence-requests": ServiceWrite(
            "investigations.add_evidenceitem",
            forms.EvidenceRequestForm,
            services.evidence_request_create,
            "Ask the worker or the company for evidence by a date (by SMS when a phone is given)",
        ),
        "report": ServiceWrite(
            "investigations.add_investigationreport",
            forms.ReportForm,
            services.report_submit,
            "Submit the investigation report with the responsibility finding",
        ),
        "extension": ServiceWrite(
            "investigations.add_extensionrequest",
            forms.ExtensionRequestForm,
            services.extension_request,
            "Ask for more time; a supervisor decides",
        ),
    }
