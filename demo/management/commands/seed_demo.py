"""Build the demo world: six countries' helpdesks, coordinators, authorities and users,
the question sets, the registers the authorities keep, and information requests
between the authorities in every state.

The world is data: ``demo/content/`` (read and written by ``demo.world``,
``demo.registers`` and ``demo.information_requests``). Every file is read and
checked before anything is written, and all is written in one transaction: a
malformed file stops the command with the file and entry at fault, and
nothing changes.

Idempotent: every row is found by its natural key and only written when it
differs from the data, so a second run changes nothing. All fictitious:
e-mails under ``demo.imi.test``, websites under ``.example``.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone, translation

from authorities.models import Authority, Country
from authorities.reference_data import load_reference_data
from authorities.services import authority_search_refresh
from core.content_loader import ContentError
from demo import information_requests as demo_requests
from demo import registers as demo_registers
from demo import world as demo_world
from requests_app.models import InformationRequest, Status
from requests_app.question_sets import load_question_sets

CONTENT = demo_world.CONTENT


class Command(BaseCommand):
    help = (
        "Create or update the demo world (countries' helpdesks, coordinators, authorities, users, question sets) "
        "and its information requests, from the files in demo/content/. Idempotent."
    )

    def handle(self, *args, **options):
        try:
            summary = self._seed()
        except ContentError as error:
            raise CommandError("The demo content cannot be loaded:\n" + "\n".join(error.errors)) from error
        self.stdout.write(summary)

    def _seed(self):
        today = timezone.localdate()
        with translation.override("en"), transaction.atomic():
            counts = load_reference_data()
            counts.merge(load_question_sets())
            world = demo_world.world_read(CONTENT)
            registers = demo_registers.registers_read(world, CONTENT)
            requests = demo_requests.requests_read(world, CONTENT)

            writer = demo_world.WorldWriter(today)
            users, authorities = writer.write(world)
            counts.merge(writer.counts)
            authority_search_refresh(authorities=Authority.objects.all())
            # After the authorities and their competences: each register is kept by one of them.
            register_counts = demo_registers.registers_write(registers, authorities, today)
            counts.merge(register_counts)

            # After the users: the requests' actors are looked up among them by e-mail.
            requests_before = InformationRequest.objects.count()
            demo_requests.requests_create(requests, users, authorities, today)
            per_state = dict(InformationRequest.objects.order_by().values_list("status").annotate(count=Count("pk")))

        states = ", ".join(f"{per_state.get(status, 0)} {status}" for status in Status.values)
        request_count = sum(per_state.values())
        return (
            f"Demo world: {Country.objects.count()} countries, {len(world['countries'])} with helpdesks, "
            f"{len(authorities)} authorities, {len(users)} users, {register_counts['registers']} registers "
            f"({counts['created']} rows created, {counts['updated']} updated, "
            f"{writer.authenticators} authenticators added); "
            f"{request_count} requests ({states}; {request_count - requests_before} created)."
        )
