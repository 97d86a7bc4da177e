"""History rows written with set-based SQL, for the importers that bypass the ORM (the bulk person
importer): one `INSERT INTO <history table> ... SELECT` per statement, stamped like the ORM's rows with the
open audit context (register/audit/context.py)."""

from __future__ import annotations

from register.audit.context import current

HISTORY_META = ("history_date", "history_change_reason", "history_type", "history_user_id")
STAMP = ("import_run_id", "submission_id")


def record_columns(model) -> list[str]:
    """The columns a history row copies from a row of `model` (quoted), in the history table's order."""
    history = model.history.model
    skip = {"history_id", *HISTORY_META, *STAMP}
    return [f'"{field.column}"' for field in history._meta.concrete_fields if field.column not in skip]


def history_insert(model, source: str, history_type: str, alias: str = "r") -> str:
    """SQL that copies the rows of `source` (a table name, a CTE, or "table WHERE ..." — aliased as
    `alias`) into the history table of `model` with `history_type` (an SQL expression: "'+'", "'-'",
    "CASE ... END") and the parameters of `history_params()`; history_date is the transaction's time."""
    columns = record_columns(model)
    table = model.history.model._meta.db_table
    selected = ", ".join(f"{alias}.{column}" for column in columns)
    return (
        f"INSERT INTO {table} ({', '.join(columns)}, {', '.join(HISTORY_META)}, {', '.join(STAMP)}) "  # noqa: S608
        f"SELECT {selected}, now(), %(h_reason)s, {history_type}, %(h_user)s, %(h_run)s, %(h_submission)s "
        f"FROM {source}"
    )


def history_params() -> dict:
    """The stamp of the open audit context as SQL parameters (h_reason, h_user, h_run, h_submission)."""
    context = current()
    return {
        "h_reason": context.reason[:100] or None,
        "h_user": getattr(context.user, "pk", None),
        "h_run": getattr(context.import_run, "pk", None),
        "h_submission": context.submission_id,
    }
