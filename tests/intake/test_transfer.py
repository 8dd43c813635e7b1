"""A complaint transferred by another body: registered with the body's case and dates, its testing
pauses, and the outcome reported back in the 12315 platform's fields. Bad input saves nothing and
says why in the desk's language (zh-Hans)."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from intake.choices import Channel, TransferBody
from intake.models import Complaint, MediationEnd, OutcomeMethod, Transfer, TransferPause
from intake.services.registration import complaint_register
from intake.services.transfers import transfer_outcome_record, transfer_pause_record
from tests.intake.desk_data import registration_fields, registration_post
from tests.intake.transfer_data import day_at, transferred

pytestmark = pytest.mark.django_db
REGISTER = reverse("complaint-register")
TODAY = date(2026, 11, 25)
TRANSFER = {
    "channel": Channel.TRANSFER,
    "transfer_body": TransferBody.REGULATOR_12315,
    "transfer_case_number": "SC-2026-0815",
    "transfer_received_on": "2026-11-20",
    "transfer_accepted_on": "2026-11-23",
}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(day_at(TODAY), tick=False):
        yield


def _preview_errors(client, **overrides) -> dict:
    response = client.post(REGISTER, registration_post(**{**TRANSFER, **overrides}))
    return response.context["form"].errors


def test_the_agent_registers_the_bodys_case_and_dates(client, agent):
    client.force_login(agent)
    preview = client.post(REGISTER, registration_post(**TRANSFER))
    data = registration_post(**TRANSFER)
    data.pop("preview")
    shown = preview.context["classification"].initial
    data.update({f"cls-{name}": value for name, value in shown.items() if value is not False})

    client.post(REGISTER, {**data, "confirm": "1"})

    transfer = Complaint.objects.get().transfer
    assert (transfer.received_on, transfer.accepted_on) == (date(2026, 11, 20), date(2026, 11, 23))
    assert transfer.complaint.transfer_case_number == "SC-2026-0815"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"transfer_body": ""}, "transfer_body", "请选择转办单位。"),
        ({"transfer_case_number": " "}, "transfer_case_number", "请填写转办单位的案件编号。"),
        ({"transfer_received_on": ""}, "transfer_received_on", "请填写该机构收到投诉的日期。"),
        ({"transfer_accepted_on": "2026-11-19"}, "transfer_accepted_on", "该机构的受理日期不能早于收到日期。"),
        ({"transfer_accepted_on": "2026-11-26"}, "transfer_accepted_on", "受理日期不能晚于今天。"),
    ],
)
def test_bad_transfer_input_is_refused_with_a_clear_message(client, agent, overrides, field, message):
    client.force_login(agent)

    errors = _preview_errors(client, **overrides)

    assert message in errors[field]
    assert not Complaint.objects.exists()


def test_the_service_refuses_a_transfer_without_dates_and_saves_nothing(agent):
    fields = registration_fields(channel=Channel.TRANSFER, transfer_body="12315", transfer_case_number="SC-1")

    with pytest.raises(ValidationError) as error:
        complaint_register(actor=agent, transfer_received_on=date(2026, 11, 20), **fields)

    assert "transfer_accepted_on" in error.value.message_dict
    assert not Complaint.objects.exists()
    assert not Transfer.objects.exists()


@pytest.fixture
def mediated(agent):
    return transferred(agent, received_on=date(2026, 11, 2), accepted_on=date(2026, 11, 3), now=TODAY)


@pytest.mark.parametrize(
    ("started_on", "ended_on", "message"),
    [
        (date(2026, 11, 10), date(2026, 11, 9), "结束日期不能早于开始日期。"),
        (date(2026, 10, 1), date(2026, 11, 24), "超过了目前调解已进行的天数（23 天）"),
        (date(2026, 11, 20), date(2026, 11, 26), "结束日期不能晚于今天。"),
    ],
)
def test_a_bad_pause_is_refused_and_nothing_moves(mediated, agent, started_on, ended_on, message):
    due_before = mediated.deadlines.get(step="transfer_body").due_at

    with pytest.raises(ValidationError) as error:
        transfer_pause_record(
            complaint_id=mediated.pk, actor=agent, kind="appraisal", started_on=started_on, ended_on=ended_on
        )

    assert message in " ".join(error.value.messages)
    assert not TransferPause.objects.exists()
    assert mediated.deadlines.get(step="transfer_body").due_at == due_before


def test_a_regulator_mediation_outcome_needs_how_the_mediation_ended(mediated, agent):
    with pytest.raises(ValidationError) as error:
        transfer_outcome_record(
            complaint_id=mediated.pk,
            actor=agent,
            outcome_at=timezone.now(),
            outcome_process="组织双方调解。",
            outcome_method=OutcomeMethod.MEDIATION,
            outcome_result="未达成一致。",
        )

    assert "mediation_end" in error.value.message_dict
    assert not Transfer.objects.get().outcome_recorded


def test_the_outcome_is_recorded_on_the_workbench_and_printed_in_the_platforms_fields(client, mediated, agent):
    client.force_login(agent)
    workbench = reverse("complaint-workbench", args=[mediated.pk])

    page = client.get(workbench).content.decode()
    response = client.post(
        reverse("transfer-outcome", args=[mediated.pk]),
        {
            "outcome_at": (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "outcome_process": "两次通知经营者到场调解。",
            "outcome_method": OutcomeMethod.MEDIATION,
            "outcome_result": "经营者未到场，终止调解。",
            "mediation_end": MediationEnd.NOT_ATTENDED,
        },
    )
    printed = client.get(reverse("transfer-outcome-print", args=[mediated.pk])).content.decode()

    assert 'id="transfer"' in page
    assert response.status_code == 302
    transfer = Transfer.objects.get()
    assert (transfer.mediation_end, transfer.outcome_by) == (MediationEnd.NOT_ATTENDED, agent)
    for shown in ("SC-2026-0001", "两次通知经营者到场调解。", "经营者未到场，终止调解。", "由该机构调解"):
        assert shown in printed
    assert "一方无正当理由不参加调解" in printed


def test_an_invalid_outcome_shows_the_form_again(client, mediated, agent):
    client.force_login(agent)

    response = client.post(reverse("transfer-outcome", args=[mediated.pk]), {"outcome_method": "refund"})

    assert response.status_code == 400
    assert not Transfer.objects.get().outcome_recorded


def test_there_is_nothing_to_print_before_the_outcome(client, mediated, agent):
    client.force_login(agent)

    assert client.get(reverse("transfer-outcome-print", args=[mediated.pk])).status_code == 404


def test_supervisors_read_the_transfer_in_admin_and_cannot_change_it_there(client, mediated, supervisor):
    client.force_login(supervisor)
    page = client.get(f"/admin/intake/transfer/{mediated.transfer.pk}/change/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "SC-2026-0001" in body or mediated.tracking_number in body
    assert "2026-11-03" in body or "2026年11月3日" in body
    assert 'name="_save"' not in body
    assert client.get("/admin/intake/transfer/add/").status_code == 403
