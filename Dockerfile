# syntax=docker/dockerfile:1
# One image for web (gunicorn), Celery worker and beat; docker-compose.yml picks the command.
# Build: docker build -t wijkwaarde .

# --- runtime base: Python plus the system libraries WeasyPrint loads ------------------------------
FROM python:3.12-slim-bookworm AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH

# WeasyPrint (Debian, pip wheels): Pango with its FreeType backend, HarfBuzz and its subsetter
# for font embedding, fontconfig, JPEG/JPEG 2000 for Pillow's images, and one complete font.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz0b \
        libharfbuzz-subset0 \
        libfontconfig1 \
        libjpeg62-turbo \
        libopenjp2-7 \
        shared-mime-info \
        fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# --- front-end packages from npm (NL Design System CSS, HTMX); only their files are kept ----------
FROM node:20-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error

# --- build: Python packages, compiled messages, collected static files ----------------------------
FROM base AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/venv
WORKDIR /app

# Dependencies first, so that a code change does not reinstall them: the runtime lock, every
# package pinned with its hashes (make lock writes it; the test packages are not in it).
COPY requirements-runtime.lock ./
RUN pip install --require-hashes -r requirements-runtime.lock

COPY . .
COPY --from=assets /src/node_modules ./node_modules
# The project itself, editable: settings find templates/, static/ and locale/ next to the code.
RUN pip install --no-deps -e .

# Build-time settings only; nothing here is kept in the image's environment.
RUN export DEBUG=False SECRET_KEY=build-only-not-a-secret-$(date +%s) ALLOWED_HOSTS=build \
    && python manage.py compilemessages -v0 --ignore=node_modules \
    && python manage.py collectstatic --noinput -v0

# --- runtime -------------------------------------------------------------------------------------
FROM base AS runtime
RUN groupadd --system --gid 10001 wijkwaarde \
    && useradd --system --uid 10001 --gid wijkwaarde --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin wijkwaarde
COPY --from=build /opt/venv /opt/venv
# The code stays owned by root (read-only for the app); only media is writable.
COPY --from=build /app /app
RUN mkdir -p /app/media && chown wijkwaarde:wijkwaarde /app/media
WORKDIR /app

ENV DJANGO_SETTINGS_MODULE=wup.settings \
    PYTHONPATH=/app \
    MEDIA_ROOT=/app/media \
    DEBUG=False

USER wijkwaarde
EXPOSE 8000

# Asks /healthz with a Host header that ALLOWED_HOSTS accepts (its first entry).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request as u; h = os.environ.get('ALLOWED_HOSTS', '').split(',')[0].strip().lstrip('.'); h = 'localhost' if h in ('', '*') else h; r = u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={'Host': h}), timeout=4); sys.exit(0 if r.status == 200 else 1)"]

# Extra gunicorn options (timeouts, max-requests) can be given in GUNICORN_CMD_ARGS.
CMD ["gunicorn", "wup.wsgi:application", "--workers", "2", "--bind", "0.0.0.0:8000"]
