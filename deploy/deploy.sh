#!/usr/bin/env bash
# Deploy LumpGuide on this Debian server, or upgrade it in place: `make deploy DOMAIN=...`.
#
#   DOMAIN=lumpguide.example.org  a public name pointing here: HTTPS from Let's Encrypt.
#   DOMAIN=192.168.1.20 LAN=1     the server's address on the Wi-Fi: HTTPS from Caddy's own
#                                 local authority, which the phone is told how to trust.
#
# What it does, each step skipped when already done (so running it again upgrades):
#  1. Debian's caddy and postgresql, if missing; a system user "lumpguide".
#  2. The committed code (git archive HEAD) in /opt/lumpguide/releases/<commit>, pointed at
#     by /opt/lumpguide/current; the pinned packages in /opt/lumpguide/venv.
#  3. A PostgreSQL role and database "lumpguide" (peer login over the local socket).
#  4. /etc/lumpguide/lumpguide.env with a new secret key, once (mode 0600, root:lumpguide);
#     /etc/lumpguide/release.env with this release's version, every time.
#  5. migrate, the cache table, the articles, the questionnaire, the VAPID key (once, kept in
#     /var/lib/lumpguide), the translations, the static files.
#  6. The systemd units (web, worker) and Caddy's site, then a restart of each.
# Needs root (make deploy runs it with sudo when you are not), Python 3.12+ (found as the
# Makefile finds it), and systemd.
set -euo pipefail

DOMAIN=${DOMAIN:?Give the site name: make deploy DOMAIN=lumpguide.example.org (or an address with LAN=1)}
LAN=${LAN:-}
EMAIL=${EMAIL:-admin@${DOMAIN}}
PYTHON=${PYTHON:?The Makefile passes the Python 3.12+ it found}
SOURCE=$(cd "$(dirname "$0")/.." && pwd)
APP=/opt/lumpguide
ETC=/etc/lumpguide
STATE=/var/lib/lumpguide
BIND=${LUMPGUIDE_BIND:-127.0.0.1:8001}

step() { printf '\n== %s\n' "$*"; }
as_app() { runuser -u lumpguide -- "$@"; }
in_app() {  # a manage.py command with the server's settings, as the service user
  as_app env $(grep -hv '^#' "$ETC/lumpguide.env" "$ETC/release.env" | xargs) \
    "$APP/venv/bin/python" "$APP/current/manage.py" "$@"
}
in_release() {  # the same as root, in the release folder (what it writes, the service only reads)
  (cd "$APP/current" && env $(grep -hv '^#' "$ETC/lumpguide.env" "$ETC/release.env" | xargs) \
    "$APP/venv/bin/python" manage.py "$@")
}

[ "$(id -u)" = 0 ] || { echo "deploy.sh needs root (make deploy uses sudo)." >&2; exit 1; }
command -v systemctl >/dev/null || { echo "deploy.sh needs systemd." >&2; exit 1; }

step "1. Packages and the service user"
missing=()
command -v caddy >/dev/null || missing+=(caddy)
command -v pg_ctlcluster >/dev/null || missing+=(postgresql)
command -v msgfmt >/dev/null || missing+=(gettext)  # compilemessages (step 5)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
id lumpguide >/dev/null 2>&1 || useradd --system --home-dir "$STATE" --shell /usr/sbin/nologin lumpguide
install -d -o lumpguide -g lumpguide -m 0750 "$STATE" "$STATE/vapid"
install -d -o root -g lumpguide -m 0750 "$ETC"

step "2. The code and its packages"
COMMIT=$(git -C "$SOURCE" rev-parse --short=12 HEAD)
RELEASE="$APP/releases/$COMMIT"
if [ ! -d "$RELEASE" ]; then
  install -d "$RELEASE"
  git -C "$SOURCE" archive HEAD | tar -x -C "$RELEASE"
fi
[ -x "$APP/venv/bin/python" ] || "$PYTHON" -m venv "$APP/venv"
"$APP/venv/bin/pip" install --quiet --disable-pip-version-check -r "$RELEASE/requirements-production.txt"
ln -sfn "$RELEASE" "$APP/current.new" && mv -T "$APP/current.new" "$APP/current"

step "3. PostgreSQL"
systemctl enable --now postgresql >/dev/null
if ! runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_roles WHERE rolname='lumpguide'" | grep -q 1; then
  runuser -u postgres -- createuser lumpguide
fi
if ! runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_database WHERE datname='lumpguide'" | grep -q 1; then
  runuser -u postgres -- createdb --owner lumpguide lumpguide
fi

step "4. Settings"
if [ ! -f "$ETC/lumpguide.env" ]; then
  umask 077
  "$APP/venv/bin/python" "$RELEASE/deploy/render.py" "$RELEASE/deploy/lumpguide.env.template" \
    host="$DOMAIN" email="$EMAIL" bind="$BIND" \
    database_url="postgres:///lumpguide?host=/var/run/postgresql" \
    secret_key="$("$APP/venv/bin/python" -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    > "$ETC/lumpguide.env"
  echo "Wrote $ETC/lumpguide.env (keep it: make backup copies it)."
fi
printf 'LUMPGUIDE_VERSION=%s\n' "$COMMIT" > "$ETC/release.env"
chown root:lumpguide "$ETC/lumpguide.env" "$ETC/release.env"
chmod 0640 "$ETC/lumpguide.env" "$ETC/release.env"

step "5. Database, content, keys and static files"
in_app migrate --no-input
in_app createcachetable
in_app load_articles
in_app load_questionnaire
in_app ensure_vapid_keys
# The translations (the .po files compiled: .mo files are not committed, so a release from
# git archive has none) and the static files go into the release: written as root.
in_release compilemessages --verbosity 0
in_release collectstatic --no-input --verbosity 0
in_release check --deploy --fail-level WARNING

step "6. Services"
install -m 0644 "$RELEASE/deploy/lumpguide-web.service" "$RELEASE/deploy/lumpguide-worker.service" /etc/systemd/system/
"$APP/venv/bin/python" "$RELEASE/deploy/render.py" "$RELEASE/deploy/Caddyfile.template" \
  site="$DOMAIN" email="$EMAIL" upstreams="$BIND" tls="${LAN:+tls internal}" > /etc/caddy/Caddyfile
caddy validate --config /etc/caddy/Caddyfile --adapter caddyfile >/dev/null
systemctl daemon-reload
systemctl enable lumpguide-web lumpguide-worker caddy >/dev/null
systemctl restart lumpguide-web lumpguide-worker
systemctl reload-or-restart caddy

step "Done"
echo "LumpGuide $COMMIT is at https://$DOMAIN/"
echo "Logs: journalctl -u lumpguide-web -u lumpguide-worker -u caddy"
if [ -n "$LAN" ]; then
  ROOT_CA=/var/lib/caddy/.local/share/caddy/pki/authorities/local/root.crt
  for _ in $(seq 30); do [ -f "$ROOT_CA" ] && break; sleep 1; done
  cp "$ROOT_CA" "$STATE/lumpguide-local-ca.crt" 2>/dev/null || true
  chmod 0644 "$STATE/lumpguide-local-ca.crt" 2>/dev/null || true
  cat <<MSG

The phone must trust Caddy's local certificate authority once: $STATE/lumpguide-local-ca.crt
  Android: copy the file to the phone, then Settings > Security > Encryption & credentials >
           Install a certificate > CA certificate.
  iPhone:  AirDrop or mail the file to the phone, open it, then Settings > General > VPN &
           Device Management to install the profile, and Settings > General > About >
           Certificate Trust Settings to turn on full trust for it.
Then open https://$DOMAIN/ on the phone (this QR code):
MSG
  "$APP/venv/bin/python" -c 'import segno, sys; segno.make(sys.argv[1]).terminal(compact=True)' "https://$DOMAIN/"
fi
