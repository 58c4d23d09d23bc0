"""The contract page offers one primary action — signing a draft, reviewing a contract in force —
and sets ending the contract apart from the others, as a danger, last."""

import re

import pytest

pytestmark = pytest.mark.django_db

BUTTON = re.compile(r'<a class="btn (btn-[\w-]+)" href="([^"]+)"')


def actions(client, contract) -> list[tuple[str, str]]:
    content = client.get(contract.get_absolute_url()).content.decode()
    main = content.split("<main")[1].split("</main>")[0]
    return [(kind, href.rstrip("/").rsplit("/", 1)[-1]) for kind, href in BUTTON.findall(main)]


def test_a_draft_has_signing_as_its_one_primary_action(client, social_worker, draft):
    client.force_login(social_worker)

    found = actions(client, draft)

    assert [kind for kind, _href in found].count("btn-primary") == 1
    assert found[0] == ("btn-primary", "sign")


def test_a_contract_in_force_has_one_primary_action_and_its_end_set_apart_last(client, social_worker, signed):
    client.force_login(social_worker)
    content = client.get(signed.get_absolute_url()).content.decode()

    found = actions(client, signed)
    header = content.split('class="d-flex flex-wrap align-items-center gap-2 contract-actions">')[1].split("</div>")[0]

    assert [kind for kind, _href in found].count("btn-primary") == 1
    assert found[0] == ("btn-primary", "new")  # add a review
    # Ending the contract: the header's last action, after a separator, and the only danger.
    assert BUTTON.findall(header)[-1][0] == "btn-outline-danger"
    assert header.index('class="vr') < header.index("btn-outline-danger")
    assert [kind for kind, _href in found].count("btn-outline-danger") == 1
