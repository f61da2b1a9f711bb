#!/usr/bin/env bash
# `make backup`: one file with everything needed to bring this server back (make restore):
# a PostgreSQL dump in custom format, the VAPID key (without it, no phone subscribed before
# gets a notification again) and the settings file. Written to BACKUP_DIR (default
# /var/backups/lumpguide) as lumpguide-<UTC time>.tar, mode 0600: it holds secrets and
# people's diaries.
set -euo pipefail
ENV_FILE=${LUMPGUIDE_ENV_FILE:-/etc/lumpguide/lumpguide.env}
BACKUP_DIR=${BACKUP_DIR:-/var/backups/lumpguide}
setting() { grep -E "^$1=" "$ENV_FILE" | tail -1 | cut -d= -f2-; }

DATABASE_URL=$(setting DATABASE_URL)
VAPID=$(setting LUMPGUIDE_VAPID_PRIVATE_KEY_FILE)
[ -n "$DATABASE_URL" ] && [ -n "$VAPID" ] || { echo "No DATABASE_URL or VAPID key file in $ENV_FILE." >&2; exit 1; }
[ -f "$VAPID" ] || { echo "No VAPID key at $VAPID." >&2; exit 1; }

umask 077
mkdir -p "$BACKUP_DIR"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Peer login as the lumpguide user on the server; the URL as written elsewhere.
if [ "$(id -u)" = 0 ] && id lumpguide >/dev/null 2>&1; then
  runuser -u lumpguide -- pg_dump --format=custom --no-owner --dbname="$DATABASE_URL" > "$work/database.dump"
else
  pg_dump --format=custom --no-owner --dbname="$DATABASE_URL" > "$work/database.dump"
fi
cp "$VAPID" "$work/vapid_private_key.pem"
cp "$ENV_FILE" "$work/lumpguide.env"
name="$BACKUP_DIR/lumpguide-$(date -u +%Y%m%dT%H%M%SZ).tar"
tar -C "$work" -cf "$name" database.dump vapid_private_key.pem lumpguide.env
echo "$name"
