# syntax=docker/dockerfile:1
# Production image for web (gunicorn), worker and beat (celery): one image,
# three commands (see docker-compose.yml).

# --- front-end packages (ECL, htmx, Chart.js) from the npm registry ---------
FROM node:20-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
# The install step takes the CDN font address out of the ECL stylesheets.
COPY scripts/ecl-local-fonts.js scripts/
RUN npm ci --no-audit --no-fund

# --- the application --------------------------------------------------------
FROM python:3.11-slim AS app

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# gettext provides msgfmt for compilemessages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

# Dependencies first, from pyproject.toml alone, so a code change does not
# reinstall them. The project has `packages = []`: installing it only pulls its
# dependencies; the code runs from /app. Built outside /app so no build/ or
# *.egg-info is left in the code folder.
COPY pyproject.toml /tmp/deps/pyproject.toml
RUN pip install /tmp/deps && rm -rf /tmp/deps

RUN groupadd --system --gid 1000 app \
    && useradd --system --uid 1000 --gid app --home-dir /app --shell /usr/sbin/nologin app

# Hashed, compressed static files, served by whitenoise; the same at build
# time (collectstatic writes the manifest) and at run time (reads it).
ENV STATICFILES_BACKEND=whitenoise.storage.CompressedManifestStaticFilesStorage

WORKDIR /app
COPY --from=assets /build/node_modules ./node_modules
COPY . .

# Compiled at build time, not at start. The settings read their configuration
# from the environment, so these throwaway values exist only for this step:
# neither command connects to the database, the broker or the mail server.
RUN SECRET_KEY=build-only-not-a-secret \
    DATABASE_URL=postgres://build:build@localhost:5432/build \
    REDIS_URL=redis://localhost:6379/0 \
    EMAIL_URL=consolemail:// \
    DEBUG=false \
    ALLOWED_HOSTS=localhost \
    sh -c 'python manage.py compilemessages --ignore=node_modules \
        && python manage.py collectstatic --noinput'

# Private media lives on a named volume; creating the folder here, owned by the
# app user, lets Docker give a fresh volume the same owner.
RUN mkdir -p /app/private-media && chown app:app /app/private-media

USER app

# gunicorn's own limits on what it reads before the portal sees a request: the
# request line, the number and size of headers, and how long a worker waits.
# Every gunicorn started from this image reads them (the CMD below and the
# compose file's web services). It has no limit on the body: the portal refuses
# a body over IMI_MAX_REQUEST_BYTES before reading it, and in production the
# reverse proxy in front sets client_max_body_size (SECURITY.md).
ENV GUNICORN_CMD_ARGS="--limit-request-line 4094 --limit-request-fields 50 --limit-request-field_size 8190 --timeout 30"

EXPOSE 8000
CMD ["gunicorn", "imi.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
