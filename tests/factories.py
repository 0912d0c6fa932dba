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


def reference(queryset, **lookup):
    """A country or area, reloading the reference data only when it is missing (see above):
    most tests build dozens of rows, and checking first would cost a query each."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist:
        load_reference_data()
        return queryset.get(**lookup)


def country(code):
    return reference(Country.objects, code=code)


def area(code):
    return reference(LegislativeArea.objects, code=code)


def areas_of(codes):
    """The areas of these codes in one query (reloading them if flushed), in the order given."""
    codes = list(codes)
    found = {item.code: item for item in LegislativeArea.objects.filter(code__in=codes)}
    if len(found) < len(set(codes)):
        return [area(code) for code in codes]  # missing codes fail loudly there
    return [found[code] for code in codes]


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
        if extracted:
            competences = [Competence(authority=self, legislative_area=item) for item in areas_of(extracted)]
            Competence.objects.bulk_create(competences)
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
    # Hashed as the user is built: no second write per user.
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if extracted:
            extracted = list(extracted)
            found = areas_of(area_code for area_code, _kind in extracted)
            Role.objects.bulk_create(
                Role(user=self, legislative_area=item, kind=kind)
                for item, (_code, kind) in zip(found, extracted, strict=True)
            )


def make_backup(user, backup):
    return Backup.objects.create(user=user, backup=backup)
