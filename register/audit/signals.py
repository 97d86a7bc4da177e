"""Receivers of the audit trail, connected in AuditConfig.ready():

- every history row django-simple-history writes is stamped with the open `recording()` context
  (register/audit/context.py): user, reason, import run, submission id;
- every save of an existing Person, Place or Operation raises its `version` by one (unless the caller
  already did with `concurrency.bump_version`), so that an edit form opened before it is refused as stale.
"""

from simple_history.signals import pre_create_historical_record

from register.audit.context import current

REASON_LENGTH = 100  # simple-history's history_change_reason max_length


def stamp_history_row(sender, history_instance, **kwargs) -> None:
    """Copy the open audit context onto `history_instance` (a Historical<Model> row before its INSERT)."""
    context = current()
    if context.user is not None:
        history_instance.history_user = context.user
    if context.reason:
        history_instance.history_change_reason = context.reason[:REASON_LENGTH]
    if context.import_run is not None:
        history_instance.import_run = context.import_run
    if context.submission_id is not None:
        history_instance.submission_id = context.submission_id


def bump_version_on_save(sender, instance, raw=False, **kwargs) -> None:
    """pre_save of Person, Place, Operation: version + 1 for an existing row (see bump_version)."""
    bumped = instance.__dict__.pop("_audit_version_bumped", False)
    if raw or bumped or instance._state.adding or instance.pk is None:
        return
    instance.version = (instance.version or 0) + 1


def connect() -> None:
    """Connect the receivers (called once from AuditConfig.ready)."""
    from django.db.models.signals import pre_save

    from register.audit.registry import VERSIONED_MODELS

    pre_create_historical_record.connect(stamp_history_row, dispatch_uid="audit_stamp_history_row")
    for model in VERSIONED_MODELS():
        pre_save.connect(bump_version_on_save, sender=model, dispatch_uid=f"audit_version_{model.__name__}")
