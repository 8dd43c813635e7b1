"""The inbox's search by words: description, place and names, in Chinese; ranked and indexed on
PostgreSQL, ``icontains`` on SQLite. The suite runs on both; the tests of one engine's own
behaviour skip on the other."""

import importlib
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from intake.models import Complaint, PrivacyRequest
from intake.search import MAX_TOKENS, _query_terms, search_document, words_match
from intake.selectors import inbox_complaints
from intake.services.privacy import personal_data_erase, privacy_request_fulfil, privacy_request_submit
from intake.synthetic import complaints_synthesize
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db

OTHER = {"complainant_name": "李四", "worker_named": "", "occurred_place": "", "description": "师傅说话很冲，还骂人。"}


def _found(agent, q: str, **filters) -> list:
    return list(inbox_complaints(agent, {"q": q, **filters}))


def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("ranking and the index are PostgreSQL's")


@pytest.mark.parametrize(
    ("field", "value", "query"),
    [
        ("description", "阿姨把实木地板划伤了", "地板"),
        ("occurred_place", "北京市朝阳区望京街道", "望京"),
        ("complainant_name", "欧阳娜娜", "欧阳"),
        ("worker_named", "金牌月嫂刘桂芳", "刘桂芳"),
    ],
)
def test_a_chinese_word_finds_the_complaint_by_any_searched_field(agent, field, value, query):
    wanted = ComplaintFactory(**{**OTHER, field: value})
    ComplaintFactory(**OTHER)

    assert _found(agent, query) == [wanted]


def test_every_word_of_the_query_must_be_found(agent):
    both = ComplaintFactory(complainant_name="王芳", description="押金迟迟不退，客服一直推脱。")
    ComplaintFactory(complainant_name="王芳", description="保洁阿姨迟到一个多小时。")
    ComplaintFactory(complainant_name="李四", description="押金迟迟不退。")

    assert _found(agent, "王芳 押金") == [both]


def test_a_single_character_finds_it_wherever_it_stands(agent):
    wanted = ComplaintFactory(complainant_name="王芳", description="钟点工没来。")
    ComplaintFactory(complainant_name="李四", description="钟点工没来。")

    assert _found(agent, "芳") == [wanted]


def test_a_word_made_of_the_end_of_one_field_and_the_start_of_the_next_is_not_found(agent):
    ComplaintFactory(complainant_name="王芳", worker_named="", occurred_place="朝阳区", description="钟点工没来。")

    assert _found(agent, "芳朝") == []
    assert len(_found(agent, "王芳 朝阳")) == 1


def test_a_name_is_no_longer_found_once_the_personal_data_is_erased(agent, supervisor):
    complaint = ComplaintFactory(complainant_name="欧阳娜娜", description="擦玻璃被额外收费，事先没说明。")
    assert _found(agent, "欧阳娜娜", state="all") == [complaint]

    personal_data_erase(complaint, actor=supervisor, reason="保存期限届满")

    assert _found(agent, "欧阳娜娜", state="all") == []
    assert _found(agent, "玻璃", state="all") == []
    assert Complaint.objects.get(pk=complaint.pk).search_document == ""


def test_a_corrected_name_is_found_and_the_old_one_no_longer(agent, supervisor):
    complaint = ComplaintFactory(complainant_name="欧阳娜娜")
    request = privacy_request_submit(
        complaint_id=complaint.pk, kind=PrivacyRequest.Kind.CORRECT, channel=PrivacyRequest.Channel.WEB
    )

    privacy_request_fulfil(request_id=request.pk, actor=supervisor, corrections={"complainant_name": "司马娜娜"})

    assert _found(agent, "司马") == [complaint]
    assert _found(agent, "欧阳") == []


def test_synthetic_complaints_carry_their_search_words(agent):
    complaints_synthesize(count=3, seed=5)

    for complaint in Complaint.objects.all():
        words = search_document(**{name: getattr(complaint, name) for name in OTHER})
        assert words and Complaint.objects.filter(pk=complaint.pk, search_document=words).exists()


def test_the_migration_fills_the_words_of_existing_complaints(agent):
    complaint = ComplaintFactory(**{**OTHER, "complainant_name": "欧阳娜娜"})
    Complaint.objects.update(search_document="")  # as the rows were before the column existed
    migration = importlib.import_module("intake.migrations.0021_complaint_search_words")

    migration.documents_fill(apps, SimpleNamespace(connection=connection))

    words = search_document(**OTHER | {"complainant_name": "欧阳娜娜"})
    assert Complaint.objects.filter(pk=complaint.pk, search_document=words).exists()


@pytest.mark.parametrize(
    "query",
    ["！？。，", "'&|!():*", "a' & b:* | !c", "退款' OR 1=1 --", "\\", "退款 " * 300, "欧阳娜娜" * 25, "<->"],
)
def test_any_text_in_the_search_field_answers_a_page(client, agent, query):
    complaint = ComplaintFactory()
    client.force_login(agent)

    response = client.get(reverse("desk"), {"q": query})

    assert response.status_code == 200
    assert _found(agent, query) in ([], [complaint])  # the selector itself, past the form's 100 characters


def test_a_complaint_with_a_run_of_letters_too_long_for_a_word_is_saved_and_found_by_its_words(agent):
    complaint = ComplaintFactory(description="退款" + "A" * 3000)

    assert _found(agent, "退款") == [complaint]


def test_the_query_reads_a_bounded_number_of_words_and_tokens():
    assert len(_query_terms("一 二 三 四 五 六 七")) == 5
    long_word = "欧阳娜娜" * 25
    assert sum(term.count("'") // 2 for term in _query_terms(long_word)) == MAX_TOKENS


def test_words_are_cut_into_character_pairs_per_field_and_latin_words_lower_cased():
    document = search_document(complainant_name="王芳", occurred_place="北京东城", description="App下单，ＳＯ１２")

    assert document == "'王芳':1 '芳':2 '北京':3 '京东':4 '东城':5 '城':6 'app':7 '下单':8 '单':9 'so12':10"


def test_searching_without_a_sort_puts_the_best_match_first(agent):
    _postgresql_only()
    now = timezone.now()
    once = ComplaintFactory(description="一直不给退款，已经两周了。", received_at=now - timedelta(days=2))
    twice = ComplaintFactory(description="退款申请被拒，要求退款。", occurred_place="退款窗口", received_at=now)

    assert _found(agent, "退款") == [twice, once]
    assert _found(agent, "退款", sort="received") == [once, twice]  # a chosen sort wins


def test_searching_on_postgresql_uses_the_word_index_not_like(agent):
    _postgresql_only()
    ComplaintFactory(description="阿姨把地板划伤了")

    with CaptureQueriesContext(connection) as queries:
        assert len(_found(agent, "地板 划伤")) == 1

    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "@@" in sql and "to_tsquery" in sql
    assert "LIKE" not in sql.upper()


def test_the_planner_can_answer_a_search_from_the_index(agent):
    _postgresql_only()
    ComplaintFactory(description="阿姨把地板划伤了")
    queryset = Complaint.objects.filter(words_match("地板")[0])

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()

    assert "complaint_search_document" in plan


def test_sqlite_matches_the_words_with_like_and_keeps_the_usual_order(agent):
    if connection.vendor != "sqlite":
        pytest.skip("the fallback is SQLite's")
    now = timezone.now()
    older = ComplaintFactory(description="押金迟迟不退", received_at=now - timedelta(days=2))
    newer = ComplaintFactory(complainant_name="押金", description="钟点工没来", received_at=now)

    with CaptureQueriesContext(connection) as queries:
        assert _found(agent, "押金") == [older, newer]

    assert "LIKE" in " ".join(query["sql"] for query in queries.captured_queries).upper()
