import factory
from factory.django import DjangoModelFactory

from authorities.models import Authority, Backup, Competence, Country, LegislativeArea, Role, User
from authorities.reference_data import load_reference_data
from authorities.services import authority_search_refresh

PASSWORD = "correct-horse-battery-staple"


def ensure_reference_data():
    """Countries and areas come from a data migration; tests on a live server flush them, so reload."""
    if not Country.objects.exists():
        load_reference_data()


def country(code):
    ensure_reference_data()
    return Country.objects.get(code=code)


def area(code):
    ensure_reference_data()
    return LegislativeArea.objects.get(code=code)


class AuthorityFactory(DjangoModelFactory):
    class Meta:
        model = Authority
        skip_postgeneration_save = True

    official_name = factory.Sequence(lambda n: f"Authority {n}")
    display_name = factory.SelfAttribute("official_name")
    country = factory.LazyFunction(lambda: country("BG"))
    city = "Sofia"
    email = factory.Sequence(lambda n: f"office{n}@authority.test")
    status = Authority.Status.VALIDATED
    languages = factory.LazyFunction(lambda: ["en"])

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        for code in extracted or ():
            Competence.objects.create(authority=self, legislative_area=area(code))
        if create:
            authority_search_refresh(authorities=Authority.objects.filter(pk=self.pk))


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    full_name = factory.Sequence(lambda n: f"User {n}")
    authority = factory.SubFactory(AuthorityFactory)
    preferred_language = "en"

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for area_code, kind in extracted or ():
            Role.objects.create(user=self, legislative_area=area(area_code), kind=kind)


def make_backup(user, backup):
    return Backup.objects.create(user=user, backup=backup)
