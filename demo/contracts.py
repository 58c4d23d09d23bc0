"""Demo social contracts (used by ``manage.py seed_demo``): every state, with tasks, reviews and
amendments, dated around today so the reminders have something to show.

Drafted, signed, reviewed, amended, closed and their tasks' progress recorded through the contract
services, each on its own day: a contract is drafted up to a week before the first day of its
period and concluded on that day (``contract_conclude``, as for a contract signed on paper and
entered after the fact; in the browser ``contract_sign`` asks for the worker's password first).

A participant who already has a contract is skipped, so a second run creates nothing.
"""

from __future__ import annotations

import base64
import datetime
import io
import random

from django.utils import timezone

from contracts import services
from contracts.models import (
    ContractAmendment,
    ContractFamilyMember,
    ContractReview,
    ContractStatus,
    ContractTask,
    Kind,
    SocialContract,
)
from demo.data.contracts import GOALS, PROBLEMS, STRENGTHS, TASKS
from participants.models import LabourMarketStatus, Participant


def signature_png(rng: random.Random) -> str:
    """A scribble standing in for a drawn signature, as the signing page would send it."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (300, 100), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    x, y = 15, 60
    points = [(x, y)]
    for _ in range(14):
        x += rng.randint(10, 22)
        y = max(15, min(85, y + rng.randint(-25, 25)))
        points.append((x, y))
    draw.line(points, fill=(0, 0, 0, 255), width=3, joint="curve")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def seed(*, stdout, rng: random.Random, **options) -> None:
    today = timezone.localdate()
    # The same half of the registry every time; those who already have a contract are skipped.
    chosen = Participant.objects.order_by("id").values_list("id", flat=True)[:150]
    participants = list(
        Participant.objects.filter(id__in=list(chosen), contracts__isnull=True)
        .select_related("social_worker", "location")
        .prefetch_related("household_members")
        .order_by("id")
    )
    if not participants:
        stdout.write("Contracts: already seeded.")
        return
    created = 0
    for index, participant in enumerate(participants):
        state = index % 10
        start = today - datetime.timedelta(days=rng.randint(20, 300))
        end = start + datetime.timedelta(days=rng.choice([180, 270, 365]))
        unemployed = participant.labour_market_status == LabourMarketStatus.REGISTERED_UNEMPLOYED
        draft = SocialContract(
            participant=participant,
            social_worker=participant.social_worker,
            kind=Kind.B if unemployed and rng.random() < 0.6 else Kind.A,
            place=participant.location.town or participant.town,
            period_start=start,
            period_end=end,
            social_worker_phone=f"58 672 {rng.randint(10, 99)} {rng.randint(10, 99)}",
            problems=rng.choice(PROBLEMS) if state != 1 else "",
            strengths=rng.choice(STRENGTHS),
            main_goal=rng.choice(GOALS) if state != 1 else "",
            specific_goals="Ukończenie kursu zawodowego.\nUregulowanie zadłużenia.\nUdział w grupie wsparcia.",
            centre_support="Poradnictwo socjalne, psychologiczne i zawodowe; udział w zajęciach KIS 3 razy w tygodniu.",
            assessment_method="Comiesięczne spotkania z pracownikiem socjalnym i ocena realizacji zadań.",
            unemployment_causes="Niskie kwalifikacje, długa przerwa w zatrudnieniu." if unemployed else "",
            work_barriers="Brak opieki nad dziećmi, brak doświadczenia." if unemployed else "",
            earlier_activation="Staż w 2023 r. przerwany z powodu choroby." if unemployed else "",
        )
        # Next review: some overdue, some due within 14 days, the rest later — set on the draft,
        # or by the last review when there are reviews.
        next_review = today + datetime.timedelta(days=rng.choice([-12, -3, 4, 10, 25, 40]))
        reviews = []
        review_day = start + datetime.timedelta(days=60)
        while review_day < today - datetime.timedelta(days=5):
            reviews.append(review_day)
            review_day += datetime.timedelta(days=60)
        if not reviews and state not in (0, 1):
            draft.next_review_on = max(next_review, start + datetime.timedelta(days=1))
        # No draw (the demo stays the same), nor the database id (it differs between databases).
        drafted = start - datetime.timedelta(days=participant.date_of_birth.toordinal() % 7)
        contract = services.contract_create(contract=draft, user=participant.social_worker, today=drafted)
        created += 1
        # The draft's parties and tasks in one INSERT each (a draft's text may still change).
        household = list(participant.household_members.all())[:2]
        if contract.kind == Kind.A:
            ContractFamilyMember.objects.bulk_create(
                ContractFamilyMember(
                    contract=contract,
                    first_name=member.first_name,
                    last_name=member.last_name,
                    address=participant.address,
                )
                for member in household
            )
        if state != 1:
            ContractTask.objects.bulk_create(
                ContractTask(
                    contract=contract,
                    responsible=who,
                    institution=institution,
                    description=text,
                    deadline=min(end, start + datetime.timedelta(days=rng.randint(14, 150))),
                    order=order,
                )
                for order, (who, institution, text) in enumerate(rng.sample(TASKS, k=rng.randint(2, 4)))
            )
        if state in (0, 1):
            continue  # drafts: one complete, one still missing its goal and tasks
        signed_at = timezone.make_aware(datetime.datetime.combine(start, datetime.time(10, rng.randint(0, 59))))
        contract = services.contract_conclude(
            contract_id=contract.pk,
            user=participant.social_worker,
            signature=signature_png(rng),
            signed_at=signed_at,
        )
        # Progress of the tasks whose deadline has passed; some are left open (flagged as overdue).
        for task in contract.tasks.filter(deadline__lt=today):
            status = rng.choice(
                [
                    ContractTask.Status.DONE,
                    ContractTask.Status.DONE,
                    ContractTask.Status.OPEN,
                    ContractTask.Status.NOT_DONE,
                ]
            )
            services.task_set_status(task=task, status=status, user=participant.social_worker)
        for number, review_day in enumerate(reviews, 1):
            review = ContractReview(
                contract=contract,
                reviewed_on=review_day,
                findings=rng.choice(
                    [
                        "Uczestnik realizuje zadania zgodnie z planem, regularnie uczestniczy w zajęciach.",
                        "Częściowa realizacja zadań; nieobecności usprawiedliwione chorobą dziecka.",
                        "Brak postępów w spłacie zadłużenia; ustalono nowy harmonogram.",
                    ]
                ),
                next_review_on=next_review if number == len(reviews) else review_day + datetime.timedelta(days=60),
            )
            services.review_add(review=review, user=participant.social_worker)
        if state == 8:
            services.contract_close(
                contract_id=contract.pk,
                user=participant.social_worker,
                status=ContractStatus.COMPLETED,
                ended_on=min(today, end),
                reason="Cele kontraktu osiągnięte: uczestnik podjął zatrudnienie.",
            )
        elif state == 9:
            services.contract_close(
                contract_id=contract.pk,
                user=participant.social_worker,
                status=ContractStatus.TERMINATED,
                ended_on=today - datetime.timedelta(days=rng.randint(1, 15)),
                reason="Uczestnik zrezygnował z udziału w KIS (przeprowadzka do innej gminy).",
            )
        elif state == 7:
            amendment = ContractAmendment.objects.create(
                contract=contract,
                reason="Wydłużenie okresu kontraktu w związku z udziałem w kursie zawodowym.",
                new_period_end=end + datetime.timedelta(days=90),
                new_specific_goals="Ukończenie kursu ECDL Base.\nUregulowanie zadłużenia.",
                created_by=participant.social_worker,
            )
            ContractTask.objects.create(
                contract=contract,
                amendment=amendment,
                responsible=ContractTask.Responsible.PARTICIPANT,
                description="Ukończenie kursu komputerowego ECDL Base",
                deadline=end + datetime.timedelta(days=60),
            )
            services.amendment_conclude(
                amendment_id=amendment.pk,
                user=participant.social_worker,
                signature=signature_png(rng),
                signed_at=min(signed_at + datetime.timedelta(days=45), timezone.now() - datetime.timedelta(hours=1)),
            )
    stdout.write(f"Contracts: {created} created (drafts, signed, amended, completed, terminated).")
