"""Finding complaints by the words of their description, place and names (the inbox's ``?q=``).

Chinese has no spaces between words and the database's text search has no Chinese dictionary, so
the text is cut here, in Python, into what both sides can compare: every two neighbouring Han
characters (北京东城 → 北京 京东 东城, plus the run's last character on its own), and each run of
letters or digits as one lower-cased word. ``Complaint.search_document`` keeps those tokens with
their positions, field after field, written on every save: on PostgreSQL it is a ``tsvector``
column (the value written is a tsvector literal, so the database's parser and locale play no part)
with a GIN index (migration 0021), and a search is an index lookup, ranked from the stored vector,
instead of a ``LIKE`` over every description. A query word becomes the phrase of its own tokens
(北京东 → 北京 <-> 京东), words are AND-ed, and a single Han character matches every token that
starts with it.

SQLite (development, the fast test run) has no such index: there the column holds the same
literal as text, unused, and the words are matched with ``icontains`` on the searched fields,
without ranking.
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorExact
from django.db import connection, models
from django.db.models import F, Q

#: The complaint's fields found by their words, in the order their tokens are written.
SEARCHED_FIELDS = ("complainant_name", "worker_named", "occurred_place", "description")
#: A query reads this many words and this many tokens at most: a pasted page of text stays one
#: small index lookup.
MAX_WORDS = 5
MAX_TOKENS = 20
MAX_WORD_LENGTH = 100

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
#: A run of Han characters, or a run of other letters and digits (never punctuation or "_").
_RUN = re.compile(rf"([{_HAN}]+)|([^\W_{_HAN}]+)")


class SearchWordsField(models.TextField):
    """A ``tsvector`` on PostgreSQL, text elsewhere; written as a tsvector literal either way."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else super().db_type(connection)


def _runs(text: str) -> list[tuple[str, bool]]:
    """The text's runs, each with whether it is Han; full-width letters and digits read as ASCII.

    A run of letters longer than ``MAX_WORD_LENGTH`` (pasted code, not a word) is left out:
    PostgreSQL refuses a word of more than 2,047 bytes in a tsvector.
    """
    text = unicodedata.normalize("NFKC", text).lower()
    runs = [(han or other, bool(han)) for han, other in _RUN.findall(text)]
    return [(run, han) for run, han in runs if han or len(run) <= MAX_WORD_LENGTH]


def _bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


def search_document(**fields: str) -> str:
    """The tokens of the searched fields as a tsvector literal (``'北京':1 '京东':2 …``): what
    ``Complaint.search_document`` holds.

    Each field is cut on its own, so no token spans two fields. A Han run gives its bigrams and
    then its last character, so that a one-character query (a surname) finds every character.
    Tokens hold only letters and digits (``_RUN``), so they need no escaping inside the quotes.
    """
    tokens = []
    for name in SEARCHED_FIELDS:
        for run, han in _runs(fields.get(name) or ""):
            tokens.extend([*_bigrams(run), run[-1]] if han else [run])
    return " ".join(f"'{token}':{position}" for position, token in enumerate(tokens, start=1))


def _query_terms(text: str) -> list[str]:
    """The query as ``to_tsquery`` operands, to be AND-ed: a phrase of bigrams per Han run, a
    prefix for a single Han character, the word itself otherwise.

    Tokens hold only letters and digits (``_RUN``), so quoting them cannot let an operator through.
    """
    terms, budget = [], MAX_TOKENS
    for word in text.split()[:MAX_WORDS]:
        for run, han in _runs(word):
            if budget <= 0:
                return terms
            if han and len(run) == 1:
                tokens, term = [run], f"'{run}':*"
            else:
                tokens = _bigrams(run)[:budget] if han else [run]
                term = " <-> ".join(f"'{token}'" for token in tokens)
            budget -= len(tokens)
            terms.append(term)
    return terms


def words_match(text: str) -> tuple[Q, SearchRank | None]:
    """The condition "every word of ``text`` is in one of the searched fields", and on PostgreSQL
    the rank that orders the matches (more occurrences, more fields: higher). No rank on SQLite.

    A text with no letter, digit or Han character matches nothing on PostgreSQL.
    """
    if connection.vendor != "postgresql":
        words = text.split()[:MAX_WORDS]
        each = (Q(**{f"{name}__icontains": word for name in SEARCHED_FIELDS}, _connector=Q.OR) for word in words)
        return Q(*each), None
    terms = _query_terms(text)
    if not terms:
        return Q(pk__in=[]), None
    query = SearchQuery(" & ".join(terms), config="simple", search_type="raw")
    document = F("search_document")
    return Q(SearchVectorExact(document, query)), SearchRank(document, query)
