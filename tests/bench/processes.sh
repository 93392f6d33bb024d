# shellcheck shell=bash
# Process bookkeeping shared by the benchmark scripts: every process they start goes
# into `pids` (oldest first), and on exit, Ctrl-C or SIGTERM the newest is stopped first
# and the scripts' work directory `$work` (set before sourcing this) is removed.

: "${work:?set work before sourcing processes.sh}"

pids=()

alive() { # PID: running, and not a zombie waiting to be reaped
    local s
    s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    s=${s##*) }
    [[ ${s:0:1} != Z ]]
}

stop() { # PID: SIGTERM, SIGKILL after 5 s, reap, forget
    local pid=$1 i keep=()
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 500; i++)); do
        alive "$pid" || break
        sleep 0.01
    done
    if alive "$pid"; then
        echo "${0##*/}: process $pid ignored SIGTERM for 5 s; killing it" >&2
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
    for i in "${pids[@]}"; do
        [[ $i == "$pid" ]] || keep+=("$i")
    done
    pids=("${keep[@]}")
}

cleanup() {
    local i
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        stop "${pids[i]}"
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_private_bus() { # preampd wants a D-Bus bus: a session bus of our own in $work
    export DBUS_SESSION_BUS_ADDRESS="unix:path=$work/bus"
    dbus-daemon --session --address="$DBUS_SESSION_BUS_ADDRESS" --nofork --nopidfile \
        >"$work/dbus.log" 2>&1 &
    pids+=($!)
    local i
    for ((i = 0; i < 500; i++)); do
        busctl --user status >/dev/null 2>&1 && return 0
        sleep 0.01
    done
    echo "${0##*/}: dbus-daemon did not start: $(cat "$work/dbus.log")" >&2
    exit 1
}
