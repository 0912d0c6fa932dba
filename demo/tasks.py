"""The nightly reset of a training environment."""

from celery import shared_task
from django.conf import settings
from django.core.management import call_command


@shared_task(ignore_result=True)
def reset_training_data():
    """Every night the training environment starts again from the demo world."""
    if not settings.IMI_TRAINING:  # never on a real portal, whatever the schedule says
        return
    call_command("flush", interactive=False, verbosity=0)
    # The flush empties the tables the migrations filled too: the help pages come back from their files.
    call_command("load_content", verbosity=0)
    call_command("seed_demo", verbosity=0)
