"""SQL pieces the ORM lacks, one per database vendor we run on (PostgreSQL in production, SQLite locally)."""

from django.db import connection
from django.db.models import Aggregate, F, FloatField, Func, QuerySet, Value
from django.db.models.functions import Mod


class SecondsBetween(Func):
    """``end - start`` in seconds, as a float, on both vendors."""

    output_field = FloatField()
    arg_joiner = " - "
    template = "EXTRACT(EPOCH FROM (%(expressions)s))::double precision"

    def __init__(self, end, start, **extra):
        super().__init__(end, start, **extra)

    def as_sqlite(self, compiler, conn, **extra):
        return self.as_sql(
            compiler, conn, template="((julianday(%(expressions)s)) * 86400.0)", arg_joiner=") - julianday(", **extra
        )


class Median(Aggregate):
    """PostgreSQL's ``percentile_cont(0.5)``: the median computed by the database."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def median(queryset: QuerySet, expression, count: int) -> float | None:
    """The median of ``expression`` over ``queryset`` (whose size, ``count``, the caller already knows).

    PostgreSQL computes it with ``percentile_cont``; SQLite has no percentile function, so the
    one or two middle rows are fetched with ORDER BY + LIMIT/OFFSET — still never more than two rows.
    """
    if not count:
        return None
    if connection.vendor == "postgresql":
        return queryset.aggregate(value=Median(expression))["value"]
    middle = (
        queryset.annotate(_median_value=expression)
        .order_by("_median_value")
        .values_list("_median_value", flat=True)[(count - 1) // 2 : count // 2 + 1]
    )
    values = list(middle)
    return sum(values) / len(values)


def json_list_counts(queryset: QuerySet, field: str, limit: int) -> list[tuple[str, int]]:
    """The most frequent items of a JSON list column over ``queryset``, most frequent first."""
    inner_sql, params = queryset.order_by().values(field).query.sql_with_params()
    column = connection.ops.quote_name(field)
    if connection.vendor == "postgresql":
        expand = f"CROSS JOIN LATERAL jsonb_array_elements_text(c.{column}) AS item(value)"
    else:
        expand = f", json_each(c.{column}) AS item"
    sql = (
        f"SELECT item.value, COUNT(*) FROM ({inner_sql}) AS c {expand} "  # noqa: S608 (no client input in the SQL)
        f"GROUP BY item.value ORDER BY COUNT(*) DESC, item.value LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        return [(str(value), count) for value, count in cursor.fetchall()]


#: A multiplicative hash (Knuth) modulo a prime below 2**32: cheap, identical on every vendor.
_HASH_MULTIPLIER = 2654435761
_HASH_PRIME = 4294967291


def seeded_order(seed: int):
    """An ordering key that shuffles rows reproducibly for a given seed (same seed, same order)."""
    return Mod(F("id") * Value(_HASH_MULTIPLIER) + Value(seed % _HASH_PRIME), Value(_HASH_PRIME))
