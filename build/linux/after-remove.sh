#!/bin/bash
# The deb's after-remove script (dpkg postrm, run as root); package.json build.deb.afterRemove.
#
# A custom script replaces electron-builder's own, so it also undoes what after-install.sh
# redoes from the default (the /usr/bin link, the AppArmor profile), besides the systemd unit.
# As in after-install.sh, only ${executable} and ${sanitizedProductName} may be written with
# braces: electron-builder fills them in when it builds the deb.

APP_DIR='/opt/${sanitizedProductName}'
EXE='${executable}'
UNIT=clinic-entrance-kiosk.service

# An upgrade runs the old package's postrm with "upgrade" and then the new package's postinst,
# which installs everything again: leave the kiosk's start-up in place in between.
if [ "$1" = "upgrade" ]; then
  exit 0
fi

# The systemd user unit: disable it for every user (this reads the unit file, so first), then
# remove it. On purge, which follows remove, it is already gone.
if [ -f "/usr/lib/systemd/user/$UNIT" ]; then
  if command -v systemctl >/dev/null 2>&1; then
    systemctl --global disable "$UNIT" || true
  fi
  rm -f "/usr/lib/systemd/user/$UNIT"
fi

# The command on PATH. update-alternatives wants the path it was given at install.
if type update-alternatives >/dev/null 2>&1; then
  update-alternatives --remove "$EXE" "$APP_DIR/$EXE" || true
else
  rm -f "/usr/bin/$EXE"
fi

# The AppArmor profile: unloaded from the kernel first (not inside a chroot), then deleted.
profile_target="/etc/apparmor.d/$EXE"
if [ -f "$profile_target" ]; then
  if apparmor_status --enabled >/dev/null 2>&1 && ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; } && command -v apparmor_parser >/dev/null 2>&1; then
    apparmor_parser --remove "$profile_target" || true
  fi
  rm -f "$profile_target"
fi

# Purge: the config folder goes only when empty; a clinic's config.json is IT's, not the package's.
if [ "$1" = "purge" ]; then
  rmdir --ignore-fail-on-non-empty /etc/clinic-entrance-kiosk 2>/dev/null || true
fi

exit 0
