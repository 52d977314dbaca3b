"""Bounds shared by the API's parameters and bodies, so that a value out of range is a
documented 422 naming the field instead of a database error (a 500): SQLite and PostgreSQL
hold 64-bit integers, Python dates years 1 to 9999."""

from typing import Annotated

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

DB_INT_MAX = 2**63 - 1

# A record's id in a body or a query (a list of ids is looked up with IN, which overflows).
Id = Annotated[int, Field(ge=1, le=DB_INT_MAX)]
Year = Annotated[int, Field(ge=1, le=9999)]
Offset = Annotated[int, Field(ge=0, le=DB_INT_MAX)]


class Pagination(LimitOffsetPagination):
    """Ninja's limit/offset pagination with the offset bounded."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=1000)
        offset: Offset = 0
