import datetime

import factory
from django.utils import timezone

from contracts.models import ContractReview, ContractTask, SocialContract
from participants.tests.factories import ParticipantFactory


class SocialContractFactory(factory.django.DjangoModelFactory):
    """A complete draft, ready to be signed."""

    class Meta:
        model = SocialContract

    participant = factory.SubFactory(ParticipantFactory)
    social_worker = factory.LazyAttribute(lambda o: o.participant.social_worker)
    number = factory.Sequence(lambda n: f"KS/2026/{n + 1:04d}")
    kind = "A"
    place = "Wejherowo"
    period_start = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    period_end = factory.LazyAttribute(lambda o: o.period_start + datetime.timedelta(days=180))
    social_worker_phone = "58 672 11 11"
    problems = "Długotrwałe bezrobocie, zadłużenie czynszowe."
    strengths = "Motywacja do zmiany, wsparcie siostry."
    main_goal = "Podjęcie zatrudnienia."
    specific_goals = "Ukończenie kursu.\nSpłata zadłużenia."
    centre_support = "Poradnictwo zawodowe raz w tygodniu."
    assessment_method = "Rozmowy z pracownikiem socjalnym co miesiąc."


class ContractTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContractTask

    contract = factory.SubFactory(SocialContractFactory)
    responsible = ContractTask.Responsible.PARTICIPANT
    description = factory.Sequence(lambda n: f"Zadanie {n}: udział w warsztatach")
    deadline = factory.LazyAttribute(lambda o: o.contract.period_start + datetime.timedelta(days=30))


class ContractReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContractReview

    contract = factory.SubFactory(SocialContractFactory)
    findings = "Realizacja zgodnie z planem."
    reviewed_by = factory.LazyAttribute(lambda o: o.contract.social_worker)
