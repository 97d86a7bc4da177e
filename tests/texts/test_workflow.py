"""Translations through the reviewed workflow: proposed in a place or operation correction, checked,
shown in the moderators' diff with the language named, accepted (all or by key) with history, undone by
a restore, refused when the record changed meanwhile."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from register.audit.concurrency import StaleRecord
from register.audit.registry import KINDS
from register.audit.selectors import record_changes
from register.audit.services import record_restore
from register.contributions import services
from register.contributions.changes import diff
from register.contributions.models import Submission, SubmissionStatus
from register.places.models import Place
from register.texts.models import TextTranslation

LT = "Norilsko lageris prie Jenisiejaus žemupio."
DE = "Das Lager Norillag am Unterlauf des Jenissei."


def send(user, record, proposal, kind="place_change"):
    return services.submission_create(
        user=user,
        kind=kind,
        target=record,
        proposal=proposal,
        relation="researcher",
        sources="Memorial 1998, p. 340",
        consent=True,
    )


def accept(submission, moderator, keys=None):
    submission.refresh_from_db()
    return services.submission_accept(
        submission=submission, moderator=moderator, keys=keys, expected_revision=submission.revision
    )


@pytest.fixture
def described(place):
    """Norillag with an English original description."""
    place.description, place.description_language = "The camp at Norilsk on the lower Yenisei.", "en"
    place.save()
    return Place.objects.get(pk=place.pk)


def test_lithuanian_translation_accepted_is_shown_and_in_history(client, alice, bob, described):
    sub = send(alice, described, {"translations": {"description": {"lt": LT}}})
    [change] = diff(sub)
    assert (change.key, change.kind, change.old, change.new) == (
        "translation:description:lt",
        "add",
        None,
        LT,
    )
    assert change.label == "Description in Lithuanian"
    assert not TextTranslation.objects.filter(place=described).exists()  # nothing public before review

    accept(sub, bob)
    row = TextTranslation.objects.get(place=described, language="lt")
    assert row.text == LT
    page = client.get(f"/lt/places/{described.public_id}/").content.decode()
    assert f'<p lang="lt">{LT}</p>' in page and "translation-note" not in page
    history = row.history.first()
    assert (history.history_user, history.submission_id, history.history_type) == (bob, sub.pk, "+")
    translation.activate("en")  # the /lt/ page above left Lithuanian active in this thread
    newest = record_changes(KINDS["place"], described)[0]
    assert newest.submission_id == sub.pk
    assert any(
        r.section == "translations" and r.action == "+" and "(lt)" in str(r.label) for r in newest.rows
    )


def test_restore_of_the_version_before_removes_the_accepted_translation(alice, bob, carol, described):
    before = described.history.first()
    accept(send(alice, described, {"translations": {"description": {"lt": LT}}}), bob)
    described.refresh_from_db()
    counts = record_restore(
        record=described, history_id=before.history_id, user=carol, expected_version=described.version
    )
    assert counts["deleted"] == 1
    assert not TextTranslation.objects.filter(place=described).exists()
    assert TextTranslation.history.filter(place_id=described.pk).first().history_type == "-"


def test_change_and_removal_of_translations_and_partial_acceptance(alice, bob, described):
    TextTranslation.objects.create(place=described, language="de", text="Alter Text.")
    TextTranslation.objects.create(place=described, language="pl", text="Obóz w Norylsku.")
    sub = send(alice, described, {"translations": {"description": {"de": DE, "pl": "", "lt": LT}}})
    kinds = {change.key: change.kind for change in diff(sub)}
    assert kinds == {
        "translation:description:de": "change",
        "translation:description:lt": "add",
        "translation:description:pl": "remove",
    }
    accept(sub, bob, keys=["translation:description:de", "translation:description:pl"])
    sub.refresh_from_db()
    assert sub.status == SubmissionStatus.PARTLY_ACCEPTED
    assert dict(described.translations.values_list("language", "text")) == {"de": DE}


def test_a_translation_changed_meanwhile_is_a_conflict(alice, bob, carol, described):
    sub = send(alice, described, {"translations": {"description": {"lt": LT}}})
    TextTranslation.objects.create(place=described, language="lt", text="Kito moderatoriaus tekstas.")
    [change] = diff(sub)
    assert change.conflict
    with pytest.raises(StaleRecord):
        accept(sub, bob)
    assert described.translations.get(language="lt").text == "Kito moderatoriaus tekstas."
    assert Submission.objects.get(pk=sub.pk).status == SubmissionStatus.PENDING


@pytest.mark.parametrize(
    ("translations", "key"),
    [
        ({"description": {"xx": "Text."}}, "translations.description.xx"),
        ({"description": {"en": "Same language as the original."}}, "translations.description.en"),
        ({"description": {"lt": "Tekstas\x00su nuliu."}}, "translations.description.lt"),
        ({"description": {"lt": "x" * 10_001}}, "translations.description.lt"),
        ({"description": {"lt": ["not", "text"]}}, "translations.description.lt"),
        ({"biography": {"lt": "Tekstas."}}, "translations.biography"),
        (["lt", "text"], "translations"),
    ],
)
def test_bad_translations_are_field_errors_and_nothing_is_written(alice, described, translations, key):
    count = Submission.objects.count()
    with pytest.raises(ValidationError) as caught:
        send(alice, described, {"translations": translations})
    assert key in caught.value.message_dict
    assert Submission.objects.count() == count
    assert not TextTranslation.objects.filter(place=described).exists()


def test_a_translation_needs_an_original(alice, place):
    with pytest.raises(ValidationError) as caught:
        send(alice, place, {"translations": {"description": {"lt": LT}}})
    assert "translations.description.lt" in caught.value.message_dict


def test_operation_description_language_and_translation_in_one_correction(alice, bob, koreans):
    sub = send(
        alice,
        koreans,
        {
            "fields": {"description": "Депортация корейцев 1937 года.", "description_language": "ru"},
            "translations": {"description": {"en": koreans.description, "ru": ""}},
        },
        kind="operation_change",
    )
    # the original becomes Russian (the Russian translation moves into it, so that row goes) and its
    # English text a translation, in one reviewed change
    assert set(sub.proposal) == {"fields", "translations"}
    changes = {change.key: change for change in diff(sub)}
    language = changes["field:description_language"]
    assert (language.label, language.old_text, language.new_text) == (
        "Language of the description",
        "English",
        "Russian",
    )
    assert changes["translation:description:en"].label == "Description in English"
    accept(sub, bob)
    koreans.refresh_from_db()
    assert (koreans.description_language, koreans.description) == ("ru", "Депортация корейцев 1937 года.")
    assert koreans.translations.get(language="en").text.startswith("In September and October 1937")
    assert not koreans.translations.filter(language="ru").exists()


# ---------------------------------------------------------------- the original's language


def test_original_language_with_a_translation_in_it_is_refused(alice, koreans):
    # the tester's case: koreans-1937 has a Russian translation; calling the English original Russian
    # would hide that translation and show the English text as Russian
    count = Submission.objects.count()
    with pytest.raises(ValidationError) as caught:
        send(alice, koreans, {"fields": {"description_language": "ru"}}, kind="operation_change")
    [message] = caught.value.message_dict["description_language"]
    assert "already a translation" in message and "Russian" in message
    assert Submission.objects.count() == count


def test_original_language_is_allowed_when_the_same_correction_removes_that_translation(alice, bob, koreans):
    english = koreans.description
    sub = send(
        alice,
        koreans,
        {"fields": {"description_language": "ru"}, "translations": {"description": {"ru": ""}}},
        kind="operation_change",
    )
    assert sub.proposal["translations"] == {"description": {"ru": ""}}
    accept(sub, bob)
    koreans.refresh_from_db()
    assert (koreans.description_language, koreans.description) == ("ru", english)
    assert not koreans.translations.filter(language="ru").exists()


def test_accepting_the_language_without_the_removal_is_refused_and_writes_nothing(alice, bob, koreans):
    russian = koreans.translations.get(language="ru").text
    sub = send(
        alice,
        koreans,
        {"fields": {"description_language": "ru"}, "translations": {"description": {"ru": ""}}},
        kind="operation_change",
    )
    with pytest.raises(ValidationError) as caught:
        accept(sub, bob, keys=["field:description_language"])
    assert "Russian" in caught.value.message_dict["keys"][0]
    koreans.refresh_from_db()
    assert koreans.description_language == "en"
    assert koreans.translations.get(language="ru").text == russian
    assert Submission.objects.get(pk=sub.pk).status == SubmissionStatus.PENDING
    accept(sub, bob, keys=["translation:description:ru"])  # the removal alone is consistent
    assert not koreans.translations.filter(language="ru").exists()


def test_a_translation_accepted_meanwhile_in_the_new_original_language_is_refused(
    alice, bob, carol, described
):
    to_german = send(alice, described, {"fields": {"description_language": "de"}})
    german = send(carol, described, {"translations": {"description": {"de": DE}}})
    accept(german, bob)
    with pytest.raises(ValidationError):
        accept(to_german, bob)
    described.refresh_from_db()
    assert described.description_language == "en"
    # and the other way round: a translation into the language the original has become
    TextTranslation.objects.filter(place=described).delete()
    to_german = send(alice, described, {"fields": {"description_language": "de"}})
    german = send(carol, described, {"translations": {"description": {"de": DE}}})
    accept(to_german, bob)
    with pytest.raises(ValidationError):
        accept(german, bob)
    assert not TextTranslation.objects.filter(place=described).exists()


def test_a_translation_in_the_original_language_can_always_be_removed(alice, bob, koreans):
    # a record left inconsistent (as the bug above did): its original and a translation both "ru"
    koreans.description_language = "ru"
    koreans.save()
    period = send(alice, koreans, {"fields": {"period_edtf": "1937-09/1937-11"}}, kind="operation_change")
    unchanged = {"description": {"ru": koreans.translations.get(language="ru").text}}
    same = send(
        alice,
        koreans,
        {"fields": {"destinations_note": "Kazakh SSR, Uzbek SSR."}, "translations": unchanged},
        kind="operation_change",
    )
    assert "translations" not in same.proposal  # an unchanged row is no change, not an error
    removal = send(alice, koreans, {"translations": {"description": {"ru": ""}}}, kind="operation_change")
    accept(removal, bob)
    accept(period, bob)
    koreans.refresh_from_db()
    assert koreans.period_edtf == "1937-09/1937-11"
    assert not koreans.translations.filter(language="ru").exists()


# ---------------------------------------------------------------- web pages


def form_data(page_context, **extra):
    """The POST data of the correction form as rendered (the record's values), plus `extra`."""
    forms = page_context["forms"]
    data = {"c-relation": "researcher", "c-sources": "Memorial 1998", "c-consent": "on"}
    data["c-base_version"] = forms.common.initial.get("base_version") or ""
    for name, field in forms.fields.fields.items():
        value = forms.fields.initial.get(name, "")
        data[f"f-{name}"] = "" if value is None else value
    if forms.point is not None:
        for name in ("lat", "lon"):
            data[f"pt-{name}"] = (forms.point.initial or {}).get(name, "")
    for formset in (forms.translations, forms.files):
        management = formset.management_form
        for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[f"{formset.prefix}-{name}"] = management.initial.get(name, 0)
        for form in formset:
            for name in form.fields:
                value = form.initial.get(name, "")
                if value:
                    data[form.add_prefix(name)] = value
    data.update(extra)
    return data


def test_correction_form_proposes_a_translation_and_the_moderator_sees_it(client, alice, bob, vesna):
    client.force_login(alice)
    url = reverse("contributions:correct", args=["operation", vesna.slug]) + "?translate=lv"
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="translations"' in html and "Translations of the description" in html
    rows = page.context["forms"].translations
    assert [form.initial.get("language") for form in rows.forms[:2]] == ["lt", "lv"]
    latvian = "Operācijas „Vesna“ laikā 1948. gada 22.–23. maijā no Lietuvas PSR tika deportēti cilvēki."
    sent = client.post(url, form_data(page.context, **{"tr-1-text": latvian}))
    assert sent.status_code == 302, sent.context["forms"].translations.errors
    sub = Submission.objects.get(submitter=alice)
    assert sub.proposal == {"translations": {"description": {"lv": latvian}}}

    client.force_login(bob)
    review = client.get(reverse("moderation:detail", args=[sub.pk])).content.decode()
    assert "Description in Latvian" in review
    assert 'value="translation:description:lv"' in review
    assert f'<ins lang="lv">{latvian}</ins>' in review.replace("&quot;", '"')


def test_correction_form_shows_the_services_error_on_the_row(client, alice, vesna):
    client.force_login(alice)
    url = reverse("contributions:correct", args=["operation", vesna.slug])
    page = client.get(url)
    data = form_data(page.context, **{"tr-1-language": "en", "tr-1-text": "English again."})
    sent = client.post(url, data)
    assert sent.status_code == 400
    row = sent.context["forms"].translations.forms[1]
    assert "original text is in English" in " ".join(row.errors["text"])
    assert not Submission.objects.filter(submitter=alice).exists()


def test_correction_form_refuses_an_original_language_that_has_a_translation(client, alice, koreans):
    client.force_login(alice)
    url = reverse("contributions:correct", args=["operation", koreans.slug])
    page = client.get(url)
    sent = client.post(url, form_data(page.context, **{"f-description_language": "ru"}))
    assert sent.status_code == 400
    assert "already a translation" in " ".join(sent.context["forms"].fields.errors["description_language"])
    # emptying the Russian row in the same form removes that translation: then the language may change
    rows = page.context["forms"].translations.forms
    [russian] = [form.prefix for form in rows if form.initial.get("language") == "ru"]
    sent = client.post(
        url, form_data(page.context, **{"f-description_language": "ru", f"{russian}-text": ""})
    )
    assert sent.status_code == 302, sent.context["forms"].fields.errors
    sub = Submission.objects.get(submitter=alice)
    assert sub.proposal == {
        "fields": {"description_language": "ru"},
        "translations": {"description": {"ru": ""}},
    }


def test_correction_form_of_a_record_with_a_translation_in_its_original_language(client, alice, koreans):
    koreans.description_language = "ru"  # left inconsistent before the check existed
    koreans.save()
    client.force_login(alice)
    url = reverse("contributions:correct", args=["operation", koreans.slug])
    page = client.get(url)
    sent = client.post(url, form_data(page.context, **{"f-period_edtf": "1937-09/1937-11"}))
    assert sent.status_code == 302, sent.context["forms"].translations.errors
    assert Submission.objects.get(submitter=alice).proposal == {"fields": {"period_edtf": "1937-09/1937-11"}}


def test_correction_form_refuses_a_language_given_twice(client, alice, vesna):
    client.force_login(alice)
    url = reverse("contributions:correct", args=["operation", vesna.slug])
    page = client.get(url)
    sent = client.post(url, form_data(page.context, **{"tr-1-language": "lt", "tr-1-text": "Kitas tekstas."}))
    assert sent.status_code == 400
    assert sent.context["forms"].translations.non_form_errors()
    assert not Submission.objects.filter(submitter=alice).exists()


def test_a_new_place_without_description_proposes_no_language(alice):
    proposal = {
        "fields": {"primary_name": "Qxlag", "kind": "camp_point", "description_language": "en"},
        "point": {"lat": 61.5, "lon": 90.1},
    }
    sub = send(alice, None, proposal, kind="new_place")
    assert sub.proposal["fields"] == {"primary_name": "Qxlag", "kind": "camp_point"}
    described = dict(proposal["fields"], description="Naujas lageris.", description_language="lt")
    sub = send(alice, None, {**proposal, "fields": described}, kind="new_place")
    assert sub.proposal["fields"]["description_language"] == "lt"


def test_a_new_place_accepted_without_its_description_language_keeps_no_translation_in_english(alice, bob):
    proposal = {
        "fields": {
            "primary_name": "Qxlag",
            "kind": "camp_point",
            "description": "Naujas lageris.",
            "description_language": "lt",
        },
        "point": {"lat": 61.5, "lon": 90.1},
        "translations": {"description": {"en": "A new camp."}},
    }
    sub = send(alice, None, proposal, kind="new_place")
    keys = [change.key for change in diff(sub) if change.key != "field:description_language"]
    with pytest.raises(ValidationError) as caught:
        accept(sub, bob, keys=keys)  # the original would default to English beside an English translation
    assert "English" in caught.value.message_dict["keys"][0]
    assert not Place.objects.filter(primary_name="Qxlag").exists()
    accept(sub, bob)
    created = Place.objects.get(primary_name="Qxlag")
    assert created.description_language == "lt"
    assert created.translations.get().language == "en"
