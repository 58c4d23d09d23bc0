"""Demo data of the club's core: the staff accounts, the sites, the partners and the projects (used
by ``manage.py seed_demo``).

The sites, the partner organisations and the programmes are the real programmes' public names
(DESIGN §1); the staff, the partners' contact people, phones, NIP and REGON numbers (valid checksums,
invented digits), the street addresses not given in DESIGN and the grant agreement numbers are
invented. Idempotent: users are keyed by username, locations by name, partners by NIP, projects by
code (their indicators by name, criteria by kind and description, partners by organisation).
"""

from __future__ import annotations

import random

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from demo.data.organisation import (
    DATA_PROTECTION_CONTACT,
    LOCATIONS,
    PARTNERS,
    PASSWORD,
    USERS,
    WEJHEROWO_PROJECT,
    ZAWIERCIE_PROJECT,
)
from demo.data.projects import PROJECTS
from demo.emblems import logo_strip
from kis.models import Location
from kis.roles import Role
from projects.models import Partner, Project, ProjectCriterion, ProjectIndicator, ProjectPartner

# The statement of EU co-financing printed under the emblems, by programme period.
COFINANCING = {
    Project.EsfLayout.SL2014: "Projekt współfinansowany ze środków Unii Europejskiej "
    "w ramach Europejskiego Funduszu Społecznego",
    Project.EsfLayout.CST2021: "Projekt współfinansowany ze środków Unii Europejskiej "
    "w ramach Europejskiego Funduszu Społecznego Plus",
}

# The data lives in demo.data; these names are kept here too, where the demo's checks look them up.
__all__ = ["LOCATIONS", "PARTNERS", "PASSWORD", "PROJECTS", "USERS", "WEJHEROWO_PROJECT", "ZAWIERCIE_PROJECT", "seed"]


def seed(*, stdout, rng: random.Random, **options) -> None:
    User = get_user_model()
    # One hash for every demo account: hashing is deliberately slow, and these are demo accounts.
    password_hash = make_password(PASSWORD)
    groups = {group.name: group for group in Group.objects.filter(name__in=[role.value for role in Role])}
    missing = {user.role.value for user in USERS} - groups.keys()
    if missing:
        raise RuntimeError(f"Role groups missing ({', '.join(sorted(missing))}): run `manage.py migrate` first.")

    new_users = 0
    for demo_user in USERS:
        is_admin = demo_user.role == Role.ADMIN
        user, created = User.objects.update_or_create(
            username=demo_user.username,
            defaults={
                "first_name": demo_user.first_name,
                "last_name": demo_user.last_name,
                "email": f"{demo_user.username}@example.pl",
                "is_active": True,
                "is_staff": is_admin,
                # The administrator administers (users, roles, locations, reference data): it is
                # not a superuser, so it reads no case file.
                "is_superuser": False,
                "password": password_hash,
            },
        )
        user.groups.add(groups[demo_user.role.value])
        new_users += created

    new_locations = 0
    for demo_location in LOCATIONS:
        _location, created = Location.objects.update_or_create(
            name=demo_location.name,
            defaults={
                "street": demo_location.street,
                "postal_code": demo_location.postal_code,
                "town": demo_location.town,
                "is_active": True,
            },
        )
        new_locations += created
        # The demo's coordinators coordinate every location of the demo.
        _location.coordinators.add(*User.objects.filter(groups__name=Role.COORDINATOR))

    stdout.write(f"kis: {len(USERS)} users ({new_users} new), {len(LOCATIONS)} locations ({new_locations} new)")
    new_partners, new_projects = seed_partners_and_projects()
    stdout.write(f"kis: {len(PARTNERS)} partners ({new_partners} new), {len(PROJECTS)} projects ({new_projects} new)")


def seed_partners_and_projects() -> tuple[int, int]:
    """Create or refresh the demo partners and projects; returns how many of each were new."""
    partners = {}
    new_partners = 0
    for demo_partner in PARTNERS:
        partners[demo_partner.key], created = Partner.objects.update_or_create(
            nip=demo_partner.nip,
            defaults={
                "name": demo_partner.name,
                "kind": demo_partner.kind,
                "regon": demo_partner.regon,
                "street": demo_partner.street,
                "postal_code": demo_partner.postal_code,
                "town": demo_partner.town,
                "contact_person": demo_partner.contact_person,
                "phone": demo_partner.phone,
                "email": demo_partner.email,
                "notes": demo_partner.notes,
            },
        )
        new_partners += created

    locations = {location.name: location for location in Location.objects.filter(name__in=[x.name for x in LOCATIONS])}
    new_projects = 0
    for demo in PROJECTS:
        project, created = Project.objects.update_or_create(
            code=demo.code,
            defaults={
                "title": demo.title,
                "programme": demo.programme,
                "funder": demo.funder,
                "lead_organisation": demo.lead_organisation,
                "start_date": demo.start_date,
                "end_date": demo.end_date,
                "status": demo.status,
                "target_recruited": demo.target_recruited,
                "target_completed": demo.target_completed,
                "social_effectiveness_threshold": demo.social_threshold,
                "employment_effectiveness_threshold": demo.employment_threshold,
                "esf_layout": demo.esf_layout,
                "retention_until": demo.retention_until,
                "legal_hold": demo.legal_hold,
                "cofinancing_statement": COFINANCING[demo.esf_layout],
                # 2014–2020: the managing authority is the controller; 2021–2027: the beneficiary.
                "data_controller": demo.funder if demo.esf_layout == Project.EsfLayout.SL2014 else "",
                "data_protection_contact": DATA_PROTECTION_CONTACT,
                # The 2021–2027 projects have both signed before the first support.
                "requires_declarations": demo.esf_layout == Project.EsfLayout.CST2021,
            },
        )
        new_projects += created
        if not project.emblem:
            project.emblem.save("emblem.png", logo_strip(), save=True)
        project.locations.set([locations[name] for name in demo.locations])
        for name, target, unit, *measure in demo.indicators:
            ProjectIndicator.objects.update_or_create(
                project=project,
                name=name,
                defaults={"target": target, "unit": unit, "measure": measure[0] if measure else "manual"},
            )
        for kind, value, description in demo.criteria:
            ProjectCriterion.objects.update_or_create(
                project=project, kind=kind, description=description, defaults={"value": value}
            )
        for link in demo.partners:
            ProjectPartner.objects.update_or_create(
                project=project,
                partner=partners[link.partner],
                defaults={
                    "role": link.role,
                    "agreement_number": link.agreement_number,
                    "agreement_start": link.agreement_start,
                    "agreement_end": link.agreement_end,
                    "agreement_scope": link.scope,
                },
            )
    return new_partners, new_projects
