"""The column set of person lists (`register.people.importers.bulk`) and of its staging table."""

NAME_COLUMNS = [
    "surname",
    "given_name",
    "patronymic",
    "surname_ru",
    "given_name_ru",
    "patronymic_ru",
    "surname_latn",
    "given_name_latn",
]
DATE_COLUMNS = [
    "birth",
    "arrest_date",
    "sentence_date",
    "death_date",
    "execution_date",
    "rehabilitation_date",
]
# Text columns and their length limits (those of the model fields they go to).
TEXT_LIMITS = {
    "name_lang": 20,
    "birthplace": 300,
    "nationality": 100,
    "occupation": 300,
    "residence": 300,
    "sentencing_body": 200,
    "article": 100,
    "sentence": 100,
    "verdict": 1000,
    "rehabilitation_body": 200,
    "source": 200,
}
COLUMNS = [
    "record_id",
    *NAME_COLUMNS,
    "name_lang",
    "sex",
    "birth",
    "birthplace",
    "nationality",
    "occupation",
    "residence",
    "country",
    "arrest_date",
    "sentencing_body",
    "sentence_date",
    "article",
    "sentence",
    "verdict",
    "deportation_operation",
    "camp",
    "death_date",
    "execution_date",
    "rehabilitation_date",
    "rehabilitation_body",
    "source",
    "synthetic",
]
REQUIRED = ["record_id", "surname"]
# The `synthetic` column: "1" marks a generated (not real) record, empty or "0" a real one.
SYNTHETIC_VALUES = {"": False, "0": False, "1": True}
SEXES = {"": "", "m": "m", "f": "f", "male": "m", "female": "f", "м": "m", "ж": "f", "муж": "m", "жен": "f"}

# The staging table: one row per CSV row, every value checked and derived (form texts, date bounds, ids).
STAGE_COLUMNS = [
    "line",
    "record_id",
    "public_id",
    *NAME_COLUMNS,
    *(f"f_{name}" for name in NAME_COLUMNS),
    "name_lang",
    "sex",
    "birth",
    "birth_start",
    "birth_end",
    "birthplace",
    "nationality",
    "occupation",
    "residence",
    "country",
    "arrest",
    "arrest_start",
    "arrest_end",
    "sentencing_body",
    "sentence_date",
    "sentence_start",
    "sentence_end",
    "article",
    "term",
    "verdict",
    "operation_id",
    "camp_id",
    "death",
    "death_start",
    "death_end",
    "execution",
    "execution_start",
    "execution_end",
    "rehabilitation",
    "rehabilitation_start",
    "rehabilitation_end",
    "rehabilitation_body",
    "locator",
    "fate",
]
TEXT_CHECKS = [(column, COLUMNS.index(column), limit) for column, limit in TEXT_LIMITS.items()]
STAGE_TYPES = {"line": "integer", "operation_id": "bigint", "camp_id": "bigint"}
