"""Persons of the register: victims of deportation, imprisonment and execution, as victims' registers
record them (identity, recorded name forms, life events with EDTF dates, family links, sources), and the
name index that finds them however a name was spelled.

The name index (see `register.people.index`) has two tables: `NameForm`, the dictionary of the distinct
name forms (a few hundred thousand rows for millions of persons), and `NameKey`, its normal forms as
(kind, key, form) rows with a b-tree index. A search looks keys up there first and joins the few matching
forms to `PersonName` and `Person` afterwards (design measured on PostgreSQL 15 with 3M persons: see
issue 3 and the README's performance section).
"""

import datetime as dt

import pycountry
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from register.audit.models import HistoryStamp, indexed_only
from register.core.edtf import edtf_bounds
from register.core.ids import random_public_id
from register.core.models import Period, Script, guess_script


class Sex(models.TextChoices):
    """Sex as recorded in the source."""

    MALE = "m", _("male")
    FEMALE = "f", _("female")
    UNKNOWN = "", _("not recorded")


class Fate(models.TextChoices):
    """What became of the person, as far as the sources tell; used to filter and summarise."""

    EXECUTED = "executed", _("executed")
    DIED_IN_DETENTION = "died_detention", _("died in a camp or prison")
    DIED_IN_EXILE = "died_exile", _("died in deportation or special settlement")
    DIED = "died", _("died (circumstances not recorded)")
    SURVIVED = "survived", _("released or returned")
    UNKNOWN = "", _("not known")


DEAD_FATES = (Fate.EXECUTED, Fate.DIED, Fate.DIED_IN_DETENTION, Fate.DIED_IN_EXILE)


class Privacy(models.TextChoices):
    """Whether a record is shown in full. AUTO applies the rule of `Person.may_be_alive`."""

    AUTO = "auto", _("automatic (restricted while the person may be alive)")
    PUBLIC = "public", _("public in full")
    RESTRICTED = "restricted", _("name and repression facts only")


def validate_country(value: str) -> None:
    """Raise ValidationError unless `value` is "" or an ISO 3166-1 alpha-2 code (capitals) that pycountry
    knows ("LT"; not "lt", "XX" or "LTU")."""
    if value and (value != value.upper() or pycountry.countries.get(alpha_2=value) is None):
        raise ValidationError(
            _("“%(value)s” is not an ISO 3166-1 alpha-2 country code (e.g. LT)."),
            code="invalid_country",
            params={"value": value},
        )


def _privacy_cutoff() -> dt.date:
    """The last birth date of a person old enough to be shown in full: 31 December of the year
    settings.PERSON_PRIVACY_YEARS (default 100) years ago."""
    return dt.date(dt.date.today().year - getattr(settings, "PERSON_PRIVACY_YEARS", 100), 12, 31)


def restricted_q(prefix: str = "") -> models.Q:
    """A Q that is true for the restricted persons (`Person.restricted` in SQL); `prefix` is the path
    to the person ("person__", "other__")."""

    def q(**lookups):
        return models.Q(**{f"{prefix}{key}": value for key, value in lookups.items()})

    may_be_alive = (
        q(death_edtf="")
        & ~q(fate__in=DEAD_FATES)
        & (q(birth_end__isnull=True) | q(birth_end__gt=_privacy_cutoff()))
    )
    return q(privacy=Privacy.RESTRICTED) | (q(privacy=Privacy.AUTO) & may_be_alive)


def restricted_sql(alias: str = "p") -> tuple[str, list]:
    """The SQL condition (and its parameters) that is true for a restricted person of table alias
    `alias` (people_person); see `Person.restricted`."""
    dead = ", ".join(f"'{fate.value}'" for fate in DEAD_FATES)
    sql = (
        f"({alias}.privacy = 'restricted' OR ({alias}.privacy = 'auto' AND {alias}.death_edtf = '' "
        f"AND {alias}.fate NOT IN ({dead}) AND ({alias}.birth_end IS NULL OR {alias}.birth_end > %s)))"
    )
    return sql, [_privacy_cutoff()]


class Person(models.Model):
    """One person as the register records them.

    `surname`, `given_name` and `patronymic` copy the primary name forms (`PersonName.is_primary`) for
    lists and sorting; every recorded form is a `PersonName`. Birth and death are EDTF strings with
    their strict bounds (`birth_start`/`birth_end`, `death_start`/`death_end`); `birth_year_min` and
    `birth_year_max` are the years of those bounds, for the birth-year filter. `country` is the
    present-day country of origin (ISO 3166-1 alpha-2), `citizenship` the citizenship as recorded then.
    `dataset` + `source_record_id` identify an imported record (the key of re-imports); `synthetic` marks
    generated test data, which is never shown as real.
    """

    public_id = models.CharField(_("public id"), max_length=20, unique=True, editable=False)
    surname = models.CharField(_("surname"), max_length=200, blank=True)
    given_name = models.CharField(_("given name"), max_length=200, blank=True)
    patronymic = models.CharField(_("patronymic"), max_length=200, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    birth_edtf = models.CharField(
        _("date of birth (EDTF)"), max_length=100, blank=True, help_text=_("e.g. 1905, 1905-03, 1905-03-12")
    )
    birth_start = models.DateField(null=True, blank=True, editable=False)
    birth_end = models.DateField(null=True, blank=True, editable=False)
    birth_year_min = models.SmallIntegerField(null=True, blank=True, editable=False)
    birth_year_max = models.SmallIntegerField(null=True, blank=True, editable=False)
    birthplace = models.ForeignKey(
        "places.Place",
        verbose_name=_("birthplace (register place)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    birthplace_text = models.CharField(_("birthplace"), max_length=300, blank=True)
    nationality = models.CharField(_("nationality"), max_length=100, blank=True)
    citizenship = models.CharField(_("citizenship (as recorded)"), max_length=100, blank=True)
    country = models.CharField(
        _("country of origin (present-day, ISO 3166-1)"),
        max_length=2,
        blank=True,
        validators=[validate_country],
    )
    occupation = models.CharField(_("occupation"), max_length=300, blank=True)
    residence = models.CharField(_("residence at arrest or deportation"), max_length=300, blank=True)
    death_edtf = models.CharField(_("date of death (EDTF)"), max_length=100, blank=True)
    death_start = models.DateField(null=True, blank=True, editable=False)
    death_end = models.DateField(null=True, blank=True, editable=False)
    fate = models.CharField(_("fate"), max_length=20, choices=Fate.choices, blank=True)
    biography = models.TextField(_("biography"), blank=True)
    incomplete = models.BooleanField(_("incomplete record"), default=False)
    disputed = models.BooleanField(_("disputed"), default=False)
    privacy = models.CharField(_("privacy"), max_length=12, choices=Privacy.choices, default=Privacy.AUTO)
    dataset = models.CharField(_("data set"), max_length=50, blank=True)
    source_record_id = models.CharField(_("id in the data set"), max_length=50, blank=True)
    synthetic = models.BooleanField(_("synthetic test record"), default=False)
    published = models.BooleanField(_("published"), default=True)
    citations = GenericRelation("sources.Citation", related_query_name="person")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, db_default=1, editable=False)
    history = HistoricalRecords(
        bases=[HistoryStamp], cascade_delete_history=False, no_db_index=indexed_only()
    )

    class Meta:
        ordering = ["surname", "given_name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            models.Index(fields=["birth_year_min"], name="person_birth_year"),
            models.Index(fields=["surname", "given_name", "id"], name="person_sort"),
            # the few unpublished persons, left out of name-index-only searches (register.people.search)
            models.Index(fields=["id"], condition=models.Q(published=False), name="person_unpublished"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "source_record_id"],
                condition=~models.Q(source_record_id=""),
                name="person_dataset_record_unique",
            ),
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        self.set_bounds()
        if not self.public_id:
            self.public_id = random_public_id("v")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("people:detail", kwargs={"public_id": self.public_id})

    def clean(self):
        super().clean()
        edtf_bounds(self.birth_edtf)
        edtf_bounds(self.death_edtf)

    def set_bounds(self):
        """Derive the date bounds and birth years from the EDTF strings.

        Raises ValidationError on bad EDTF."""
        self.birth_start, self.birth_end = edtf_bounds(self.birth_edtf)
        self.death_start, self.death_end = edtf_bounds(self.death_edtf)
        self.birth_year_min = self.birth_start.year if self.birth_start else None
        self.birth_year_max = self.birth_end.year if self.birth_end else None

    @property
    def display_name(self) -> str:
        """ "Surname Given Patronymic" in the order of the Soviet files, the register's citation order. A
        patronymic in another script than the surname ("Laidoner Johan" + "Яковлевич") is left out here:
        it belongs to the name as the Soviet file writes it, which the person page shows beside it."""
        patronymic = self.patronymic
        if patronymic and self.surname and guess_script(patronymic) != guess_script(self.surname):
            patronymic = ""
        return " ".join(part for part in (self.surname, self.given_name, patronymic) if part) or "?"

    @property
    def may_be_alive(self) -> bool:
        """Whether the person may still be alive: no recorded death (date or fate) and born less than
        settings.PERSON_PRIVACY_YEARS (default 100) years ago, or birth not recorded at all."""
        if self.death_edtf or self.fate in (
            Fate.EXECUTED,
            Fate.DIED,
            Fate.DIED_IN_DETENTION,
            Fate.DIED_IN_EXILE,
        ):
            return False
        return self.birth_end is None or self.birth_end > _privacy_cutoff()

    @property
    def restricted(self) -> bool:
        """Whether only the name and the repression facts may be shown (see `Privacy`)."""
        if self.privacy == Privacy.PUBLIC:
            return False
        if self.privacy == Privacy.RESTRICTED:
            return True
        return self.may_be_alive


class NamePart(models.TextChoices):
    """Which part of a person's name a recorded form is."""

    SURNAME = "surname", _("surname")
    GIVEN = "given", _("given name")
    PATRONYMIC = "patronymic", _("patronymic")
    MAIDEN = "maiden", _("maiden name")
    FATHER = "father", _("father's given name")
    MOTHER = "mother", _("mother's name")


SURNAME_PARTS = (NamePart.SURNAME, NamePart.MAIDEN)


class FormKind(models.TextChoices):
    """How a recorded name form came about."""

    ORIGINAL = "original", _("as in the original document")
    NATIVE = "native", _("in the person's own language")
    RUSSIFIED = "russified", _("russified")
    ROMANIZED = "romanized", _("romanized")
    PSEUDONYM = "pseudonym", _("pseudonym")
    DISTORTED = "distorted", _("distorted")
    VARIANT = "variant", _("other variant")


class NameForm(models.Model):
    """One distinct name form of the name index dictionary: `text` is the form composed (NFC),
    case-folded and trimmed; the keys are those of `register.names.keys.name_keys` under `key_version`.

    `latin` (the first Latin skeleton) carries a trigram index for the last-resort similarity search.
    """

    text = models.CharField(max_length=200, unique=True)
    key_version = models.PositiveSmallIntegerField()
    exact = models.CharField(max_length=200)
    latin = models.CharField(max_length=200)

    class Meta:
        verbose_name = _("name form")
        verbose_name_plural = _("name forms")
        indexes = [GinIndex(fields=["latin"], name="nameform_latin_trgm", opclasses=["gin_trgm_ops"])]

    def __str__(self):
        return self.text


class KeyKind(models.IntegerChoices):
    """The kinds of normal form in `NameKey` (see `register.names.keys`)."""

    EXACT = 1, _("exact folded key")
    LATIN = 2, _("Latin skeleton")
    LOOSE = 3, _("loose skeleton")
    FAMILY = 4, _("family key")
    DM = 5, _("Daitch-Mokotoff code")
    WORD = 6, _("Latin skeleton of one word of a double name")


class NameKey(models.Model):
    """One normal form of one `NameForm`: looked up by (kind, key) with a covering b-tree index."""

    form = models.ForeignKey(NameForm, on_delete=models.CASCADE, related_name="keys", db_index=False)
    kind = models.PositiveSmallIntegerField(choices=KeyKind.choices)
    key = models.CharField(max_length=200)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "key", "form"], name="namekey_lookup"),
            models.Index(fields=["form"], name="namekey_form"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.key}"


class PersonName(models.Model):
    """One recorded form of one part of a person's name, with its language (BCP 47), script, kind and
    source. `form` is its entry in the name index dictionary (set by `register.people.index`)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    part = models.CharField(_("name part"), max_length=12, choices=NamePart.choices)
    value = models.CharField(_("name"), max_length=200)
    language = models.CharField(_("language (BCP 47)"), max_length=20, blank=True)
    script = models.CharField(_("script"), max_length=4, choices=Script.choices, default=Script.LATIN)
    kind = models.CharField(_("kind"), max_length=12, choices=FormKind.choices, default=FormKind.ORIGINAL)
    is_primary = models.BooleanField(_("primary form"), default=False)
    source = models.ForeignKey(
        "sources.Source",
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # mostly empty; deleting a source is rare and may scan
    )
    form = models.ForeignKey(
        NameForm, on_delete=models.PROTECT, related_name="+", editable=False, db_index=False
    )

    history = HistoricalRecords(
        bases=[HistoryStamp], cascade_delete_history=False, no_db_index=indexed_only("person")
    )

    class Meta:
        ordering = ["person", "part", "-is_primary", "id"]
        verbose_name = _("name form")
        verbose_name_plural = _("name forms")
        indexes = [models.Index(fields=["form", "part", "person"], name="personname_form")]

    def __str__(self):
        return self.value

    def save(self, *args, **kwargs):
        """Save, entering the form in the name index first. Raises ValueError for a name without letters."""
        from register.people.index import ensure_forms, form_text

        text = form_text(self.value)
        if not text:
            raise ValueError(f"a name needs at least one letter: {self.value!r}")
        guessed = guess_script(self.value)
        if not self.script or (self.script == Script.LATIN and guessed != Script.LATIN):
            self.script = guessed  # the default (Latin) is corrected for a Cyrillic, Greek... name
        self.form_id = ensure_forms([text])[text]
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        from register.people.index import form_text

        try:
            text = form_text(self.value)
        except ValueError as exc:
            raise ValidationError({"value": str(exc)}) from exc
        if not text:
            raise ValidationError({"value": _("A name needs at least one letter.")})


def sync_display_names(person_id: int, parts=None) -> None:
    """Copy the person's primary form of each of `parts` (default: surname, given name, patronymic) to
    `Person.surname`, `given_name` or `patronymic`; a part with no form left becomes "", a part with forms
    but none primary keeps what it shows if that is empty or one of them, else shows its first form. One
    UPDATE, no signals. Called when a name form is saved or
    deleted, for its part only."""
    fields = {NamePart.SURNAME: "surname", NamePart.GIVEN: "given_name", NamePart.PATRONYMIC: "patronymic"}
    parts = [part for part in (parts or fields) if part in fields]
    names = PersonName.objects.filter(person_id=person_id, part__in=parts).order_by("-is_primary", "id")
    display, forms = {}, {}
    for part, value, primary in names.values_list("part", "value", "is_primary"):
        forms.setdefault(part, []).append(value)
        if primary and part not in display:
            display[part] = value
    shown = Person.objects.filter(pk=person_id).values(*fields.values()).first() or {}
    for part in parts:
        if part not in forms:
            display[part] = ""
        elif part not in display and shown.get(fields[part]) not in ("", *forms[part]):
            display[part] = forms[part][0]  # what it showed is gone: show a form the index finds
    if display:
        Person.objects.filter(pk=person_id).update(**{fields[part]: value for part, value in display.items()})


class EventKind(models.TextChoices):
    """The kinds of life event victims' registers record, in the order of a typical life path."""

    BIRTH = "birth", _("birth")
    ARREST = "arrest", _("arrest")
    CHARGE = "charge", _("charge")
    SENTENCE = "sentence", _("sentence")
    DEPORTATION = "deportation", _("deportation")
    IMPRISONMENT = "imprisonment", _("imprisonment in a camp or prison")
    SETTLEMENT = "settlement", _("special settlement")
    TRANSFER = "transfer", _("transfer")
    RELEASE = "release", _("release")
    RETURN = "return", _("return")
    EXECUTION = "execution", _("execution")
    DEATH = "death", _("death")
    BURIAL = "burial", _("burial")
    REHABILITATION = "rehabilitation", _("rehabilitation")
    OTHER = "other", _("other")


# The events shown for a person who may still be alive (`Person.restricted`): the repression facts only.
REPRESSION_EVENTS = frozenset(
    {
        EventKind.ARREST,
        EventKind.CHARGE,
        EventKind.SENTENCE,
        EventKind.DEPORTATION,
        EventKind.IMPRISONMENT,
        EventKind.SETTLEMENT,
        EventKind.TRANSFER,
        EventKind.RELEASE,
        EventKind.REHABILITATION,
    }
)


class PersonEvent(Period):
    """One fact of a life path: its kind, EDTF date (`period_edtf`: "1941", "1941-06",
    "1949-03-25/1949-03-28"), a register place where known or else `place_text`, and the details the kind
    has: `operation` (deportation), `origin` (deported from), `article` (criminal code article, "58-10"),
    `authority` (sentencing or rehabilitating body), `term` (sentence), `cause` (of death), `place_known`
    (burial place known?). Facts that disagree are separate events, each with its citations."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    place = models.ForeignKey(
        "places.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="person_events",
        db_index=False,  # the (place, person) and (operation, person) indexes serve these look-ups
    )
    place_text = models.CharField(_("place (as recorded)"), max_length=300, blank=True)
    operation = models.ForeignKey(
        "operations.Operation",
        verbose_name=_("deportation operation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="person_events",
        db_index=False,  # the (place, person) and (operation, person) indexes serve these look-ups
    )
    origin = models.CharField(_("from"), max_length=300, blank=True)
    article = models.CharField(_("criminal code article"), max_length=100, blank=True)
    authority = models.CharField(_("body"), max_length=200, blank=True)
    term = models.CharField(_("term"), max_length=100, blank=True)
    cause = models.CharField(_("cause"), max_length=200, blank=True)
    place_known = models.BooleanField(_("place known"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    citations = GenericRelation("sources.Citation", related_query_name="person_event")

    history = HistoricalRecords(
        bases=[HistoryStamp], cascade_delete_history=False, no_db_index=indexed_only("person")
    )

    class Meta:
        ordering = ["person", "period_start", "order", "id"]
        verbose_name = _("life event")
        verbose_name_plural = _("life events")
        indexes = [
            models.Index(fields=["place", "person"], name="personevent_place"),
            models.Index(fields=["operation", "person"], name="personevent_operation"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.period_edtf}".strip()


class Relation(models.TextChoices):
    """Family and fellow-deportee links, read as "person <relation> other"."""

    DEPORTED_WITH = "deported_with", _("deported with")
    PARENT_OF = "parent_of", _("parent of")
    CHILD_OF = "child_of", _("child of")
    SPOUSE_OF = "spouse_of", _("spouse of")
    SIBLING_OF = "sibling_of", _("sibling of")


class FamilyLink(models.Model):
    """A link between two persons of the register, with its source."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="links")
    relation = models.CharField(_("relation"), max_length=20, choices=Relation.choices)
    other = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="linked_from")
    source = models.ForeignKey(
        "sources.Source", verbose_name=_("source"), null=True, blank=True, on_delete=models.PROTECT
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    history = HistoricalRecords(
        bases=[HistoryStamp], cascade_delete_history=False, no_db_index=indexed_only("person")
    )

    class Meta:
        verbose_name = _("family link")
        verbose_name_plural = _("family links")
        constraints = [
            models.UniqueConstraint(fields=["person", "relation", "other"], name="familylink_unique"),
            models.CheckConstraint(condition=~models.Q(person=models.F("other")), name="familylink_not_self"),
        ]

    def __str__(self):
        return f"{self.person} {self.get_relation_display()} {self.other}"


class DuplicateStatus(models.TextChoices):
    """The review state of a possible duplicate: duplicates are linked and reviewed, never merged silently."""

    OPEN = "open", _("to be reviewed")
    SAME = "same", _("same person (confirmed)")
    DISTINCT = "distinct", _("different persons (confirmed)")


class PossibleDuplicate(models.Model):
    """Two records that may describe the same person. `person` has the lower id of the pair."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="duplicate_links")
    other = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="duplicate_links_from")
    status = models.CharField(
        _("status"), max_length=10, choices=DuplicateStatus.choices, default=DuplicateStatus.OPEN
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        constraints = [
            models.UniqueConstraint(fields=["person", "other"], name="duplicate_unique"),
            models.CheckConstraint(
                condition=models.Q(person__lt=models.F("other")), name="duplicate_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.person} ~ {self.other}"


class GivenNameGroup(models.Model):
    """A group of equivalent given names across languages (Jonas = Jānis = Jan = Ion = Иван), curated and
    sourced; the bundled table (`register.names.given_names`) is loaded into it and moderators extend it.
    `bundled` groups are replaced by re-imports of the table; the others are never touched by them."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    source = models.CharField(_("source"), max_length=500)
    bundled = models.BooleanField(_("from the bundled table"), default=False, editable=False)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("given-name group")
        verbose_name_plural = _("given-name groups")

    def __str__(self):
        return self.key


class GivenName(models.Model):
    """One form of a given name in one language (BCP 47 code; Latin letters or Cyrillic as written)."""

    group = models.ForeignKey(GivenNameGroup, on_delete=models.CASCADE, related_name="names")
    language = models.CharField(_("language"), max_length=20)
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        ordering = ["group", "language", "id"]
        verbose_name = _("given name")
        verbose_name_plural = _("given names")
        constraints = [models.UniqueConstraint(fields=["group", "language", "name"], name="givenname_unique")]

    def __str__(self):
        return f"{self.name} ({self.language})"
