# Web image of the Gulag register (Debian bookworm: Python 3.11, GDAL 3.6, GEOS, PROJ).
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 STATIC_MANIFEST=True STATIC_ROOT=/app/var/static
RUN apt-get update \
    && apt-get install -y --no-install-recommends gdal-bin gettext \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml constraints.txt ./
COPY register/__init__.py register/__init__.py
COPY api/__init__.py api/__init__.py
RUN pip install --no-cache-dir -c constraints.txt -e .
COPY . .
RUN python manage.py compilemessages -v 0 --ignore=.venv \
    && DATABASE_URL=postgis://build@localhost/build python manage.py collectstatic --noinput -v 0
RUN useradd --system --home-dir /app app && mkdir -p /app/var/media && chown -R app /app/var
USER app
EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py load_register_data --no-progress && gunicorn register.wsgi --bind 0.0.0.0:8000 --workers 3"]
