"""Admin pages of the people app render for an editor, with the bundled persons' names, events and links."""

import pytest
from django.urls import reverse

from register.people.models import (
    DuplicateStatus,
    GivenNameGroup,
    NameForm,
    Person,
    PersonEvent,
    PossibleDuplicate,
)
from register.people.realdata import DATASET

pytestmark = pytest.mark.usefixtures("real_data")


@pytest.fixture
def alice_client(client, django_user_model):
    """Alice is an editor with full admin rights."""
    alice = django_user_model.objects.create_superuser("alice", "alice@example.org", "pw-alice-123")
    client.force_login(alice)
    return client


def zemaitis() -> Person:
    return Person.objects.get(dataset=DATASET, source_record_id="zemaitis-jonas-1909")


@pytest.mark.parametrize(
    "model", [Person, PersonEvent, PossibleDuplicate, NameForm, GivenNameGroup], ids=lambda m: m.__name__
)
def test_changelists_render(alice_client, model):
    url = reverse(f"admin:people_{model._meta.model_name}_changelist")
    assert alice_client.get(url).status_code == 200


def test_person_change_form_shows_names_events_links_and_citations(alice_client):
    dalia = Person.objects.get(dataset=DATASET, source_record_id="grinkeviciute-dalia-1927")
    response = alice_client.get(reverse("admin:people_person_change", args=[dalia.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Гринкявичюте",  # a name form
        "1941-06-14",  # an event
        "Trofimovsk",
        "Dalia Grinkevičiūtė (Visuotinė lietuvių enciklopedija)",  # a cited source
        '<option value="sibling_of" selected>',  # a family link
        "Grinkevičius Juozas",
    ):
        assert text in html, text


def test_person_search_by_surname_in_any_recorded_form(alice_client):
    url = reverse("admin:people_person_changelist")
    for query in ("Grinkevičiūtė", "Жямайтис", "Jonas"):
        response = alice_client.get(url, {"q": query})
        assert response.status_code == 200
        assert response.context["cl"].result_count >= 1, query
    names = {str(p) for p in alice_client.get(url, {"q": "Жямайтис"}).context["cl"].result_list}
    assert names == {"Žemaitis Jonas"}


def test_person_filters(alice_client):
    url = reverse("admin:people_person_changelist")
    executed = alice_client.get(url, {"fate__exact": "executed", "dataset__exact": DATASET}).context["cl"]
    assert {str(p) for p in executed.result_list} == {"Žemaitis Jonas"}
    estonia = alice_client.get(url, {"country__exact": "EE", "disputed__exact": "1"}).context["cl"]
    assert {str(p) for p in estonia.result_list} == {"Päts Konstantin", "Laidoner Johan"}


def test_event_change_form_has_place_autocomplete_and_citations(alice_client):
    event = zemaitis().events.get(kind="execution")
    response = alice_client.get(reverse("admin:people_personevent_change", args=[event.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Voruta: the execution of Jonas Žemaitis-Vytautas in Moscow" in html
    assert 'name="place"' in html and "admin-autocomplete" in html


def test_possible_duplicate_review(alice_client):
    first, second = sorted(Person.objects.filter(dataset=DATASET)[:2], key=lambda p: p.pk)
    pair = PossibleDuplicate.objects.create(person=first, other=second)
    url = reverse("admin:people_possibleduplicate_change", args=[pair.pk])
    assert alice_client.get(url).status_code == 200
    response = alice_client.post(
        url, {"person": first.pk, "other": second.pk, "status": DuplicateStatus.DISTINCT, "note": "checked"}
    )
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == DuplicateStatus.DISTINCT


def test_name_forms_are_read_only_with_their_keys(alice_client):
    form = NameForm.objects.get(text="žemaitis")
    response = alice_client.get(reverse("admin:people_nameform_change", args=[form.pk]))
    assert response.status_code == 200
    assert "zemaitis" in response.content.decode()
    assert alice_client.get(reverse("admin:people_nameform_add")).status_code == 403
    posted = alice_client.post(reverse("admin:people_nameform_change", args=[form.pk]), {"text": "x"})
    assert posted.status_code == 403


def test_a_moderator_adds_a_given_name_group(alice_client):
    response = alice_client.post(
        reverse("admin:people_givennamegroup_add"),
        {
            "key": "kazimieras",
            "source": "Added by a moderator",
            "names-TOTAL_FORMS": "2",
            "names-INITIAL_FORMS": "0",
            "names-0-language": "lt",
            "names-0-name": "Kazimieras",
            "names-1-language": "pl",
            "names-1-name": "Kazimierz",
        },
    )
    assert response.status_code == 302
    group = GivenNameGroup.objects.get(key="kazimieras")
    assert not group.bundled
    assert set(group.names.values_list("name", flat=True)) == {"Kazimieras", "Kazimierz"}
