#!/usr/bin/env bash
# Installs the Debian packages of `./dev deb` (preampd, preamp-render, preamp-mqtt) on
# this machine, checks what they put where, runs the installed preampd on a
# `jackd -d dummy` and asks the installed preampctl about it, then purges them and
# checks that nothing is left but the system users (which Debian policy keeps). Root only, and only where changing this machine's
# packages is fine (CI, a container): it runs apt-get.
#
#   tests/deb/install_deb.sh [DEB_DIR]     (default build-deb)
#
# Runs itself in a private mount namespace with its own /dev/shm, so that its JACK
# server takes no slot of the machine's.
set -euo pipefail

deb_dir=$(readlink -f "${1:-build-deb}")
fail() {
    echo "install_deb: FAIL: $*" >&2
    exit 1
}
say() { echo "install_deb: $*"; }

[[ $(id -u) -eq 0 ]] || fail "needs root: it installs and purges packages"
if [[ -z ${INSTALL_DEB_PRIVATE:-} ]]; then
    exec env INSTALL_DEB_PRIVATE=1 unshare -m sh -c \
        'mount -t tmpfs tmpfs /dev/shm && exec "$0" "$@"' "$0" "$deb_dir"
fi

shopt -s nullglob
packages=(preampd preamp-render preamp-mqtt)
debs=("$deb_dir"/preampd_*.deb "$deb_dir"/preamp-render_*.deb "$deb_dir"/preamp-mqtt_*.deb)
((${#debs[@]} == 3)) || fail "no preampd, preamp-render and preamp-mqtt .deb in $deb_dir (./dev deb)"
for p in "${packages[@]}"; do
    if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        fail "$p is installed already: this test would remove someone's installation"
    fi
done

work=$(mktemp -d)
jackd_pid="" preampd_pid="" bus_pid=""
cleanup() {
    [[ -n $preampd_pid ]] && kill "$preampd_pid" 2>/dev/null && wait "$preampd_pid" 2>/dev/null
    [[ -n $jackd_pid ]] && kill "$jackd_pid" 2>/dev/null && wait "$jackd_pid" 2>/dev/null
    [[ -n $bus_pid ]] && kill "$bus_pid" 2>/dev/null
    # Never leave the packages behind, whatever failed.
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -q "${packages[@]}" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

say "apt-get install ${debs[*]##*/}"
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${debs[@]}" \
    >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt-get install"; }
dpkg -L "${packages[@]}" | sort -u >"$work/files"

for f in /usr/sbin/preampd /usr/bin/preampctl /usr/bin/preamp-render /etc/preampd/preampd.conf \
    /lib/systemd/system/preampd.service /lib/systemd/system/preampd@.service \
    /usr/lib/systemd/user/preampd.service /usr/lib/sysusers.d/preampd.conf \
    /usr/share/dbus-1/system.d/org.preampd.Preamp.conf \
    /usr/share/man/man8/preampd.8.gz /usr/share/man/man1/preamp-render.1.gz \
    /usr/share/bash-completion/completions/preampctl /usr/bin/preamp-mqtt \
    /lib/systemd/system/preamp-mqtt.service /usr/lib/sysusers.d/preamp-mqtt.conf; do
    [[ -e $f ]] || fail "$f is not installed"
done
grep -qx /etc/preampd/preampd.conf /var/lib/dpkg/info/preampd.conffiles ||
    fail "/etc/preampd/preampd.conf is not a conffile"
getent passwd preampd >/dev/null || fail "no preampd system user (dh_installsysusers)"
getent passwd preamp-mqtt >/dev/null || fail "no preamp-mqtt system user (dh_installsysusers)"
id -nG preampd | grep -qw audio || fail "the preampd user is not in group audio"
[[ -L /etc/systemd/system/multi-user.target.wants/preampd.service ]] ||
    fail "preampd.service is not enabled"

say "preampd --check-config (the installed /etc/preampd/preampd.conf)"
/usr/sbin/preampd --check-config >"$work/check.log" 2>&1 ||
    { cat "$work/check.log"; fail "preampd --check-config on the installed configuration"; }

say "the installed preampd on jackd -d dummy, preampctl status on a private bus"
export JACK_NO_AUDIO_RESERVATION=1 JACK_NO_START_SERVER=1 JACK_DEFAULT_SERVER=install-deb
jackd -n install-deb -d dummy -r 48000 -p 256 >"$work/jackd.log" 2>&1 &
jackd_pid=$!
dbus-daemon --session --nofork --print-address=3 3>"$work/bus" >/dev/null 2>&1 &
bus_pid=$!
for ((i = 0; i < 100; i++)); do [[ -s $work/bus ]] && break; sleep 0.05; done
export DBUS_SESSION_BUS_ADDRESS=$(head -n1 "$work/bus")
mkdir "$work/state"
STATE_DIRECTORY=$work/state /usr/sbin/preampd >"$work/preampd.log" 2>&1 &
preampd_pid=$!
running=""
for ((i = 0; i < 100; i++)); do
    if /usr/bin/preampctl status >"$work/status" 2>&1 && grep -q "running" "$work/status"; then
        running=1
        break
    fi
    sleep 0.1
done
[[ -n $running ]] || { cat "$work/preampd.log" "$work/status"; fail "preampctl status never said running"; }
/usr/bin/preampctl volume -20dB >/dev/null || fail "preampctl volume -20dB"
kill -TERM "$preampd_pid"
wait "$preampd_pid" || { cat "$work/preampd.log"; fail "preampd did not stop cleanly"; }
preampd_pid=""
grep -q "volume" "$work/state/state" || fail "no state saved in $work/state"

say "apt-get purge ${packages[*]}"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -q "${packages[@]}" >"$work/apt.log" 2>&1 ||
    { cat "$work/apt.log"; fail "apt-get purge"; }
left=()
while IFS= read -r f; do
    [[ -d $f ]] && continue # shared directories (/usr/bin, /etc…) stay
    [[ -e $f || -L $f ]] && left+=("$f")
done <"$work/files"
for f in /etc/preampd /var/lib/preampd /etc/systemd/system/multi-user.target.wants/preampd.service; do
    [[ -e $f || -L $f ]] && left+=("$f")
done
((${#left[@]} == 0)) || fail "left behind after the purge: ${left[*]}"
getent passwd preampd >/dev/null && say "the system users preampd and preamp-mqtt stay (Debian policy)"
say "ok"
