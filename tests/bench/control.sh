#!/usr/bin/env bash
# The D-Bus control path of preampd, on a private session bus and a
# `jackd -d dummy -r 48000 -p 64` server (48 kHz, 64-frame periods):
#
#   1. One volume change as a whole process: `preampctl volume -20dB` against
#      `busctl --user set-property ... Volume -- d -20`, on the same daemon. hyperfine
#      (--warmup 5 --runs RUNS) when installed, else a loop timed with date +%s%N.
#      Goal: preampctl at most 1.5x busctl.
#   2. A storm: CLIENTS clients (4) each setting Volume RATE times a second (250) for
#      DURATION seconds (60) with tests/bench/control_storm.cpp (sd-bus, compiled here
#      with c++ against libsystemd). Reports each client's p50/p99/max latency, the
#      calls a second achieved, the daemon's CPU (utime+stime from /proc/PID/stat, in %
#      of one core) over the window, the xruns it caused (the Xruns property before and
#      after, and the daemon's "JACK xruns" warnings) — goal: zero — and whether the
#      daemon still answers afterwards. Before the storm, a control window as long with
#      no storm counts the xruns the machine makes on its own, and both windows report
#      the CPU time a hypervisor stole (/proc/stat), so that an xrun can be placed.
#
#   tests/bench/control.sh            (or: ./dev bench)
#
# Environment: PREAMPD (default build/src/daemon/preampd), PREAMPCTL (default
# build/src/ctl/program/preampctl), DURATION (60), RATE (250), CLIENTS (4), RUNS (200).
set -euo pipefail

root=$(readlink -f "$(dirname "${BASH_SOURCE[0]}")/../..")
preampd=${PREAMPD:-$root/build/src/daemon/preampd}
preampctl=${PREAMPCTL:-$root/build/src/ctl/program/preampctl}
duration=${DURATION:-60}
rate=${RATE:-250}
clients=${CLIENTS:-4}
runs=${RUNS:-200}

die() {
    echo "control: $*" >&2
    exit 1
}

[[ -x $preampd ]] || die "no preampd at $preampd (./dev build, or set PREAMPD)"
[[ -x $preampctl ]] || die "no preampctl at $preampctl (./dev build, or set PREAMPCTL)"
preampd=$(readlink -f "$preampd")
preampctl=$(readlink -f "$preampctl")
for tool in jackd jack_lsp dbus-daemon busctl c++ pkg-config; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
done
pkg-config --exists libsystemd || die "libsystemd's development files are missing (libsystemd-dev)"
[[ $duration =~ ^[1-9][0-9]*$ ]] || die "DURATION=$duration is not a positive whole number"
[[ $rate =~ ^[1-9][0-9]*$ ]] || die "RATE=$rate is not a positive whole number"
[[ $clients =~ ^[1-9][0-9]*$ ]] || die "CLIENTS=$clients is not a positive whole number"
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "RUNS=$runs is not a positive whole number"

export JACK_NO_AUDIO_RESERVATION=1 JACK_NO_START_SERVER=1
export JACK_DEFAULT_SERVER="preampd-control-$$-$RANDOM"
hz=$(getconf CLK_TCK)
work=$(mktemp -d "${TMPDIR:-/tmp}/preampd-control.XXXXXX")

# shellcheck source=SCRIPTDIR/processes.sh
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh"

wait_for() { # WHAT PID COMMAND...: poll COMMAND every 10 ms, 10 s at most, while PID lives
    local what=$1 pid=$2 i
    shift 2
    for ((i = 0; i < 1000; i++)); do
        "$@" >/dev/null 2>&1 && return 0
        alive "$pid" || break
        sleep 0.01
    done
    for log in "$work"/*.log; do
        echo "--- $log" >&2
        cat "$log" >&2
    done
    die "$what did not come up"
}

cpu_ticks() { # PID: utime+stime of all its threads
    local s
    s=$(cat "/proc/$1/stat")
    s=${s##*) }
    # shellcheck disable=SC2086
    set -- $s
    echo $((${12} + ${13}))
}

# --- build the storm client, configure the daemon ------------------------------------------

storm=$work/control_storm
read -ra sd_flags <<<"$(pkg-config --cflags --libs libsystemd)"
c++ -std=c++20 -O2 -o "$storm" "$root/tests/bench/control_storm.cpp" "${sd_flags[@]}" || die "control_storm.cpp does not compile"

# The documented example; its state goes to $work (state.file's default under systemd).
conf=$root/config/preampd.conf
export STATE_DIRECTORY=$work

# --- D-Bus, JACK, preampd -----------------------------------------------------------------

start_private_bus

jackd -n "$JACK_DEFAULT_SERVER" -d dummy -r 48000 -p 64 >"$work/jackd.log" 2>&1 &
pids+=($!)
wait_for jackd "${pids[-1]}" jack_lsp

"$preampd" --config "$conf" >"$work/preampd.log" 2>&1 &
preampd_pid=$!
pids+=("$preampd_pid")
wait_for "preampd on the bus" "$preampd_pid" busctl --user status org.preampd.Preamp

get() { busctl --user get-property org.preampd.Preamp /org/preampd/Preamp org.preampd.Preamp1 "$1"; }

# --- 1. one volume change as a process ------------------------------------------------------

ctl_cmd="$preampctl volume -20dB"
bus_cmd="busctl --user set-property org.preampd.Preamp /org/preampd/Preamp org.preampd.Preamp1 Volume -- d -20"
$ctl_cmd >/dev/null || die "preampctl volume -20dB fails"
$bus_cmd || die "busctl set-property Volume fails"

echo "== 1. one volume change, whole process (runs: $runs) =="
if command -v hyperfine >/dev/null && command -v jq >/dev/null; then
    json=$work/hyperfine.json
    hyperfine -N --warmup 5 --runs "$runs" --export-json "$json" \
        -n preampctl "$ctl_cmd" -n busctl "$bus_cmd" >"$work/hyperfine.out" 2>&1 || {
        cat "$work/hyperfine.out" >&2
        die "hyperfine failed"
    }
    mapfile -t ms < <(jq -r '.results[] | "\(.command) \(.mean * 1000) \(.median * 1000) \(.stddev * 1000)"' "$json")
    tool=hyperfine
else
    ms=()
    for name in preampctl busctl; do
        [[ $name == preampctl ]] && cmd=$ctl_cmd || cmd=$bus_cmd
        for ((i = 0; i < 5; i++)); do $cmd >/dev/null; done
        : >"$work/$name.ns"
        for ((i = 0; i < runs; i++)); do
            t0=$(date +%s%N)
            $cmd >/dev/null
            t1=$(date +%s%N)
            echo $((t1 - t0)) >>"$work/$name.ns"
        done
        ms+=("$(sort -n "$work/$name.ns" | awk -v n="$name" '
            { v[NR] = $1 / 1e6; s += v[NR]; q += v[NR] * v[NR] }
            END { m = s / NR; med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
                  sd = q / NR - m * m; print n, m, med, (sd > 0 ? sqrt(sd) : 0) }')")
    done
    tool="date +%s%N loop"
fi
printf '%s\n' "${ms[@]}" | awk -v tool="$tool" '
    { name[NR] = $1; mean[NR] = $2; med[NR] = $3; sd[NR] = $4 }
    END {
        printf "%-10s %10s %10s %10s   (%s)\n", "command", "mean ms", "median ms", "stddev", tool
        for (i = 1; i <= NR; i++) printf "%-10s %10.2f %10.2f %10.2f\n", name[i], mean[i], med[i], sd[i]
        r = mean[1] / mean[2]; rm = med[1] / med[2]
        printf "preampctl / busctl: %.2fx (mean), %.2fx (median); goal <= 1.5x: %s\n",
            r, rm, (r <= 1.5 ? "met" : "NOT met")
    }'

# --- 2. the storm ---------------------------------------------------------------------------

xruns() { get Xruns | awk '{ print $2 }'; }
steal_ticks() { awk '/^cpu / { print $9 }' /proc/stat; } # time the hypervisor took away

echo
echo "== 2. storm: $clients clients x $rate sets/s for ${duration}s, jackd 48 kHz / 64 frames =="
# A control window first: as long as the storm, with nothing happening. An xrun there
# is the machine's (a virtual machine's stolen time, another process), not the storm's.
sleep 1 # a JACK xrun report is polled; let any pending one land before the window
idle_xruns0=$(xruns)
idle_steal0=$(steal_ticks)
sleep "$duration"
idle_steal1=$(steal_ticks)
sleep 1
idle_xruns1=$(xruns)
xruns0=$idle_xruns1
warn0=$(grep -c "JACK xruns" "$work/preampd.log" || true)
steal0=$(steal_ticks)

storm_pids=()
ticks0=$(cpu_ticks "$preampd_pid")
t0=$(date +%s%N)
for ((c = 1; c <= clients; c++)); do
    "$storm" "$rate" "$duration" -40 -20 >"$work/storm-$c.out" 2>"$work/storm-$c.err" &
    storm_pids+=($!)
    pids+=($!)
done
fails=0
for p in "${storm_pids[@]}"; do
    wait "$p" || fails=$((fails + 1))
done
t1=$(date +%s%N)
ticks1=$(cpu_ticks "$preampd_pid")
steal1=$(steal_ticks)
sleep 1.5 # the xrun warning is logged from a periodic check
xruns1=$(xruns)
warn1=$(grep -c "JACK xruns" "$work/preampd.log" || true)

printf '%-8s %8s %7s %9s %8s %8s %8s\n' client calls errors "calls/s" "p50 us" "p99 us" "max us"
total=0
for ((c = 1; c <= clients; c++)); do
    line=$(cat "$work/storm-$c.out")
    [[ -n $line ]] || { cat "$work/storm-$c.err" >&2; die "storm client $c printed nothing"; }
    declare -A f=()
    for kv in $line; do f[${kv%%=*}]=${kv#*=}; done
    printf '%-8s %8s %7s %9s %8s %8s %8s\n' "$c" "${f[calls]}" "${f[errors]}" "${f[rate]}" \
        "${f[p50_us]}" "${f[p99_us]}" "${f[max_us]}"
    total=$((total + f[calls]))
    [[ -s $work/storm-$c.err ]] && sed "s/^/  client $c: /" "$work/storm-$c.err" | head -5
done
awk -v n="$total" -v t0="$t0" -v t1="$t1" -v d0="$ticks0" -v d1="$ticks1" -v hz="$hz" \
    -v target="$((clients * rate))" 'BEGIN {
    s = (t1 - t0) / 1e9
    printf "total: %d calls in %.2f s = %.1f calls/s (target %d)\n", n, s, n / s, target
    printf "preampd CPU over the window: %.1f%% of one core (%d ticks)\n", 100 * (d1 - d0) / hz / s, d1 - d0
}'
echo "xruns (Xruns property): before $xruns0, after $xruns1, caused $((xruns1 - xruns0)); \"JACK xruns\" warnings logged during the window: $((warn1 - warn0)); goal 0: $( ((xruns1 == xruns0 && warn1 == warn0)) && echo met || echo NOT met)"
echo "control window (${duration}s, no storm, just before it): $((idle_xruns1 - idle_xruns0)) xruns; CPU time stolen by the hypervisor: $((idle_steal1 - idle_steal0)) ticks idle, $((steal1 - steal0)) ticks during the storm"
if final=$(get Volume) && alive "$preampd_pid"; then
    echo "daemon still answers: Volume = ${final#d }"
else
    die "the daemon no longer answers after the storm"
fi
((fails == 0)) || die "$fails storm client(s) reported errors"
