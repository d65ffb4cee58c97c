#!/bin/sh
# Runs once, when the PostgreSQL container creates its database (docker-compose.yml): makes the
# app's login role. It owns nothing; `manage.py migrate`, run as the owner, grants it its rights
# (on the audit trail only SELECT and INSERT; see wup/db_roles.py).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v app_password="$POSTGRES_APP_PASSWORD" <<'SQL'
CREATE ROLE wijkwaarde_app LOGIN PASSWORD :'app_password';
GRANT CONNECT ON DATABASE wijkwaarde TO wijkwaarde_app;
SQL
