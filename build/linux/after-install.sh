#!/bin/bash
# The deb's after-install script (dpkg postinst, run as root); package.json build.deb.afterInstall.
#
# A custom script replaces electron-builder's own, so the first four steps redo what that one
# does (app-builder-lib/templates/linux/after-install.tpl); the last two are the kiosk's.
#
# electron-builder fills in ${executable} and ${sanitizedProductName} when it builds the deb.
# It reads every other dollar-brace as one of its macros and stops, so shell variables here are
# written $name, never with braces.

APP_DIR='/opt/${sanitizedProductName}'
EXE='${executable}'
UNIT=clinic-entrance-kiosk.service

# 1. The command on PATH, /usr/bin/$EXE, through update-alternatives where the system has it.
if type update-alternatives >/dev/null 2>&1; then
  # A plain link left by an older install would make update-alternatives refuse to take over.
  if [ -L "/usr/bin/$EXE" ] && [ -e "/usr/bin/$EXE" ] && [ "$(readlink "/usr/bin/$EXE")" != "/etc/alternatives/$EXE" ]; then
    rm -f "/usr/bin/$EXE"
  fi
  update-alternatives --install "/usr/bin/$EXE" "$EXE" "$APP_DIR/$EXE" 100 || ln -sf "$APP_DIR/$EXE" "/usr/bin/$EXE"
else
  ln -sf "$APP_DIR/$EXE" "/usr/bin/$EXE"
fi

# 2. Chromium's sandbox helper needs setuid root only where unprivileged user namespaces do not
#    work; elsewhere it must not have it.
if [ -L /proc/self/ns/user ] && unshare --user true >/dev/null 2>&1; then
  chmod 0755 "$APP_DIR/chrome-sandbox" || true
else
  chmod 4755 "$APP_DIR/chrome-sandbox" || true
fi

# 3. The desktop entry and MIME data the package installed.
if command -v update-mime-database >/dev/null 2>&1; then
  update-mime-database /usr/share/mime || true
fi
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database /usr/share/applications || true
fi

# 4. The AppArmor profile electron-builder ships in resources/ (needed on Ubuntu 24.04 and later,
#    which restrict user namespaces). An AppArmor too old to read it (Ubuntu 22.04) runs the app
#    without one; inside a chroot (building a disk image) the profile is copied but not loaded.
if apparmor_status --enabled >/dev/null 2>&1; then
  profile_source="$APP_DIR/resources/apparmor-profile"
  profile_target="/etc/apparmor.d/$EXE"
  if apparmor_parser --skip-kernel-load --debug "$profile_source" >/dev/null 2>&1; then
    cp -f "$profile_source" "$profile_target"
    if ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; } && command -v apparmor_parser >/dev/null 2>&1; then
      apparmor_parser --replace --write-cache --skip-read-cache "$profile_target"
    fi
  else
    echo "This AppArmor does not accept the bundled profile; the kiosk runs without it."
  fi
fi

# 5. The folder for the clinic's config: /etc/clinic-entrance-kiosk/config.json (the packaged
#    kiosk's default on Linux). No config is put there: until IT does, the kiosk says it is not
#    available and tells staff why.
mkdir -p /etc/clinic-entrance-kiosk

# 6. Start at login and restart after a crash: the systemd user unit, enabled for every user.
#    Each user's systemd picks it up at their next login.
install -D -m 0644 "$APP_DIR/resources/linux/$UNIT" "/usr/lib/systemd/user/$UNIT"
if command -v systemctl >/dev/null 2>&1; then
  systemctl --global enable "$UNIT" || true
fi

exit 0
