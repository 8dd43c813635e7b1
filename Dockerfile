# One image for the three app services of docker-compose.yml: web (gunicorn), worker (Celery
# worker) and beat (Celery beat). See docs/operations.md.
ARG PYTHON_IMAGE=python:3.11-slim
FROM ${PYTHON_IMAGE}

# Mainland mirrors can be given at build time, e.g.
#   docker-compose build --build-arg PIP_INDEX_URL=https://mirrors.aliyun.com/pypi/simple/
ARG PIP_INDEX_URL=https://pypi.org/simple/

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=complaints_site.settings \
    STATIC_ROOT=/app/var/static \
    MEDIA_ROOT=/app/var/uploads

WORKDIR /app

RUN groupadd --system --gid 10001 desk \
 && useradd --system --uid 10001 --gid desk --home-dir /app --no-create-home --shell /usr/sbin/nologin desk

COPY requirements.txt .
RUN pip install --index-url "${PIP_INDEX_URL}" -r requirements.txt

COPY . .

# Translations and static files are built into the image. The keys below exist only for these
# two commands; the containers refuse to start without the real ones from .env.
RUN export DEBUG=false SECRET_KEY=build-time-only IDENTITY_HASH_KEY=build-time-only \
 && python manage.py compile_catalogs \
 && python manage.py collectstatic --noinput \
 && mkdir -p /app/var/uploads \
 && chown desk:desk /app/var/uploads

# Code and static files stay owned by root, read-only for the app; only the uploads are writable.
USER desk
EXPOSE 8000
CMD ["gunicorn", "complaints_site.wsgi:application", "--config", "deploy/gunicorn.conf.py"]
