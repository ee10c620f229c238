#!/usr/bin/env bash
# Makes sure this machine has what the test suite and the demo need, installing or starting it
# when missing: PostgreSQL running on 127.0.0.1:5432, Debian's chromium, AWS CLI v2 and openssl, moto_server.
# Idempotent and quick when everything is already there. Run by `npm test` (pretest) and .ci/run.
set -uo pipefail

log() { printf 'prepare-machine: %s\n' "$*" >&2; }

if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  log "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || log "could not start PostgreSQL"
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 0.5; done
fi

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/aws ] || missing+=(awscli)
# The Azure SDK tests make a loopback HTTPS certificate with openssl.
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing ${missing[*]} from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || log "apt-get could not install ${missing[*]}; tests that need them will say so"
  else
    log "missing ${missing[*]}: install them with apt-get (needs root)"
  fi
fi

command -v moto_server >/dev/null 2>&1 || log "moto_server missing: pip install 'moto[server]'"
exit 0
