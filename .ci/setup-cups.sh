#!/usr/bin/env bash
# Sets up a real CUPS with a cups-pdf queue for the printing tests (CI and dev containers).
# Idempotent; run as root on Debian 12. Needs no network unless a package is missing.
#   Env: CUPS_PDF_OUT  output folder for cups-pdf (default /var/spool/cups-pdf/out)
#        CUPS_QUEUE    queue name to create (default kiosk-pdf)
#        SETUP_CUPS_APT_GET, SETUP_CUPS_ASSUME_MISSING  for .ci/setup-cups.test.ts: the apt-get to
#                      run, and 1 to install as on a fresh machine even where the packages are here
# Standard output is one line, the cups-pdf output folder, which .ci/run reads. Everything else,
# this script's words and every command's output (apt-get's above all), goes to standard error.
set -euo pipefail
exec 3>&1 1>&2

OUT_DIR="${CUPS_PDF_OUT:-/var/spool/cups-pdf/out}"
QUEUE="${CUPS_QUEUE:-kiosk-pdf}"
PPD="lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"
CONF=/etc/cups/cups-pdf.conf
APT_GET="${SETUP_CUPS_APT_GET:-apt-get}"

log() { printf 'setup-cups: %s\n' "$*"; }

if [[ $(id -u) -ne 0 ]]; then
  log "must run as root"
  exit 1
fi

# 1. Packages. Judge by the files we use, not dpkg status: some images unpack cups-pdf
#    without registering it, and then apt would need the network for nothing.
need=()
[[ ${SETUP_CUPS_ASSUME_MISSING:-} == 1 ]] && need+=(cups cups-pdf poppler-utils cups-ipp-utils)
[[ -x /usr/sbin/cupsd && -x /usr/bin/lp && -x /usr/bin/lpstat && -x /usr/sbin/lpadmin ]] || need+=(cups)
[[ -e /usr/lib/cups/backend/cups-pdf && -e /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd && -e "$CONF" ]] || need+=(cups-pdf)
command -v pdftotext >/dev/null || need+=(poppler-utils)
# ipptool tells a job cancelled or aborted inside CUPS from a printed one (lpstat cannot).
[[ -x /usr/bin/ipptool ]] || need+=(cups-ipp-utils)
if ((${#need[@]})); then
  mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # apt-get update only when the lists are missing or the install fails on stale lists.
  if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
    "$APT_GET" update
  fi
  if ! "$APT_GET" install -y --no-install-recommends "${need[@]}"; then
    "$APT_GET" update
    "$APT_GET" install -y --no-install-recommends "${need[@]}"
  fi
fi

# 2. cups-pdf output folder. The default "Out ${HOME}/PDF" depends on the submitting user
#    (/root/PDF for root); a fixed folder lets tests find the PDFs.
mkdir -p "$OUT_DIR"
chmod 1777 "$OUT_DIR" # any user's jobs may land here, as in cups-pdf's ANONYMOUS folder
if grep -qE '^[[:space:]]*#?[[:space:]]*Out[[:space:]]' "$CONF"; then
  sed -i -E "s|^[[:space:]]*#?[[:space:]]*Out[[:space:]].*|Out ${OUT_DIR}|" "$CONF"
else
  printf 'Out %s\n' "$OUT_DIR" >>"$CONF"
fi
# Keep only one Out line in case the file had several.
awk '!(/^Out[[:space:]]/ && seen++)' "$CONF" >"$CONF.tmp" && cat "$CONF.tmp" >"$CONF" && rm -f "$CONF.tmp"

# 3. cupsd. No systemd in the containers: start the daemon directly.
scheduler_running() { [[ $(LANG=C lpstat -r 2>/dev/null) == *'scheduler is running'* ]]; }
if ! scheduler_running; then
  mkdir -p /run/cups /var/spool/cups/tmp /var/cache/cups /var/log/cups
  log "starting cupsd"
  /usr/sbin/cupsd # forks into the background by itself
  for _ in $(seq 1 60); do
    scheduler_running && break
    sleep 0.5
  done
  if ! scheduler_running; then
    log "cupsd did not start; last error_log lines:"
    tail -n 20 /var/log/cups/error_log || true
    exit 1
  fi
fi

# 4. Queue. lpadmin on an existing queue just updates it; -E enables it and accepts jobs.
#    (lpadmin warns that PPD drivers are deprecated in CUPS 2.4: harmless.)
if ! msg=$(lpadmin -p "$QUEUE" -v cups-pdf:/ -E -m "$PPD" 2>&1); then
  log "lpadmin failed: $msg"
  exit 1
fi
grep -v -i 'deprecated' <<<"$msg" || true
# cups-pdf rebuilds each PDF from PostScript; with the default (Ghostscript) PDF-to-PS step the
# text of Chromium's fonts comes back unreadable to pdftotext. pdftocairo keeps it readable, so
# tests can check what was printed.
lpadmin -p "$QUEUE" -o pdftops-renderer-default=pdftocairo
cupsenable "$QUEUE"
cupsaccept "$QUEUE"
state=$(LANG=C lpstat -p "$QUEUE")
if [[ $state != *enabled* ]]; then
  log "queue $QUEUE is not enabled"
  exit 1
fi
log "queue $QUEUE ready"
LANG=C lpstat -p "$QUEUE" -a "$QUEUE"

printf '%s\n' "$OUT_DIR" >&3
