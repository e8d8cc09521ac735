# build-aux/deps.sh: sourced by build-aux/run and build-aux/test.
# Installs, with apt, whatever of Till's build and test set is missing on Debian 12.

till_packages=(
  build-essential meson ninja-build pkg-config gettext
  libgtk-4-dev libgtk-4-bin libsqlite3-dev libcairo2-dev libpango1.0-dev libnotify-dev
  libsodium-dev libadwaita-1-dev libjson-glib-dev sqlite3 desktop-file-utils appstream libglib2.0-bin
  xvfb xauth x11-utils dbus-x11 at-spi2-core python3-pyatspi python3-gi python3-dbusmock
  poppler-utils imagemagick cups cups-client cups-bsd printer-driver-cups-pdf
  clang libclang-rt-14-dev fonts-wqy-microhei locales-all
)

till_install_missing () {
  local missing=() pkg status
  for pkg in "${till_packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    case "$status" in
      *"install ok installed"*) ;;
      *) missing+=("$pkg") ;;
    esac
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  echo "Installing: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}
