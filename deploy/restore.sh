#!/usr/bin/env bash
# `make restore FILE=lumpguide-....tar`: bring this server to the state of a backup (make
# backup): the database replaced by the dump, the VAPID key and the settings file put back.
# The web and worker services are stopped meanwhile (when systemd runs them) and started again.
# On a new server, run `make deploy DOMAIN=...` first, then this.
set -euo pipefail
FILE=${FILE:?Give the backup: make restore FILE=/var/backups/lumpguide/lumpguide-....tar}
ENV_FILE=${LUMPGUIDE_ENV_FILE:-/etc/lumpguide/lumpguide.env}
umask 077
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xf "$FILE" database.dump vapid_private_key.pem lumpguide.env

# The backup's settings (its secret key signs the phones' sessions), but this server's
# database address if it already has one.
here_db=$( [ -f "$ENV_FILE" ] && grep -E '^DATABASE_URL=' "$ENV_FILE" | tail -1 | cut -d= -f2- || true)
mkdir -p "$(dirname "$ENV_FILE")"
if [ -n "$here_db" ]; then
  grep -vE '^DATABASE_URL=' "$work/lumpguide.env" > "$ENV_FILE"
  printf 'DATABASE_URL=%s\n' "$here_db" >> "$ENV_FILE"
else
  cp "$work/lumpguide.env" "$ENV_FILE"
fi
setting() { grep -E "^$1=" "$ENV_FILE" | tail -1 | cut -d= -f2-; }
DATABASE_URL=$(setting DATABASE_URL)
VAPID=$(setting LUMPGUIDE_VAPID_PRIVATE_KEY_FILE)

services=(lumpguide-web lumpguide-worker)
systemd=$(command -v systemctl >/dev/null && [ -d /run/systemd/system ] && echo yes || true)
[ -n "$systemd" ] && systemctl stop "${services[@]}" 2>/dev/null || true

mkdir -p "$(dirname "$VAPID")"
cp "$work/vapid_private_key.pem" "$VAPID"
chmod 0600 "$VAPID"
as_owner=()
if [ "$(id -u)" = 0 ] && id lumpguide >/dev/null 2>&1; then
  chown lumpguide:lumpguide "$VAPID"
  chown root:lumpguide "$ENV_FILE" && chmod 0640 "$ENV_FILE"
  as_owner=(runuser -u lumpguide --)
fi
# Everything LumpGuide's tables hold is replaced by the dump's (--clean drops them first).
"${as_owner[@]}" pg_restore --clean --if-exists --no-owner --single-transaction \
  --dbname="$DATABASE_URL" "$work/database.dump"

[ -n "$systemd" ] && systemctl start "${services[@]}" || true
echo "Restored $FILE"
