from django.contrib.postgres.operations import CreateExtension, TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """PostGIS, pg_trgm (name search) and unaccent. Needs a role allowed to create extensions."""

    initial = True
    dependencies: list = []
    operations = [CreateExtension("postgis"), TrigramExtension(), UnaccentExtension()]
