"""The search migrations run on a database that already holds authorities and registers.

An installation that upgrades has rows in both tables: the migrations rewrite them, and must
still build their indexes in the same transaction (a test database that starts empty would
never show it).
"""

import pytest
from django.core.management import call_command
from django.db import connection

from authorities.selectors import authorities_search
from registers.models import Register


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_search_migrations_run_on_tables_with_rows(world):
    Register.objects.create(
        name_en="National register of tourist guides",
        country=world.pt_authority.country,
        authority=world.pt_authority,
        url="https://guides.example/",
    )
    call_command("migrate", "authorities", "0008", verbosity=0)
    call_command("migrate", "registers", "0003", verbosity=0)
    call_command("migrate", verbosity=0)
    assert world.bg_authority in authorities_search(query=world.bg_authority.official_name.split()[0])
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), count(search_vector) FROM registers_register")
        rows, with_vector = cursor.fetchone()
    assert rows == with_vector > 0
