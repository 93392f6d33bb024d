#!/usr/bin/env bash
# Compares the running daemon with JACK's own pass-through client, jack_thru, on a
# `jackd -d dummy -r 48000 -p 64` server (48 kHz, 64-frame periods: 750 cycles a second):
#
#   1. CPU: preampd (2 sources, volume -20 dB, bass +6 dB, treble -3 dB: the tone
#      filters run) against jack_thru, both connected to system:capture_1/2 and
#      system:playback_1/2, over the same DURATION seconds after a 1 s settle. CPU is
#      utime+stime of the whole process (all threads) from /proc/PID/stat; the "sched"
#      column is the same from /proc/PID/task/*/schedstat, in nanoseconds, as a cross-check
#      of the 10 ms clock ticks. Goal: preampd at most 1.5x jack_thru.
#   2. Memory: VmRSS and VmHWM (peak) of both, at the end of that window, and RssAnon:
#      VmRSS counts the pages of JACK's shared memory that each client maps.
#   3. Start-up: preampd started first, then jackd: from the moment `jack_lsp` first
#      succeeds to the moment preamp:pre_out_L exists (preampd retries with a backoff of
#      250 ms doubling to 2 s); and jackd first, then preampd: from starting preampd to
#      the same port. Median of RUNS runs each; `jack_lsp` is polled every 10 ms (one call
#      takes about 20 ms itself, so the resolution is some 30 ms).
#
#   tests/bench/daemon_vs_jack_thru.sh            (or: ./dev bench)
#
# Environment: PREAMPD (default build/src/daemon/preampd), DURATION (seconds of the CPU
# window, 15), RUNS (start-up runs of each kind, 5), BENCH_MODE (sequential: each client
# alone on a fresh jackd, one after the other, the default; together: both at once on one
# jackd, over the very same window; but there the client started first is charged with
# most of the cycle's wake-ups, so the comparison is lopsided).
set -euo pipefail

root=$(readlink -f "$(dirname "${BASH_SOURCE[0]}")/../..")
preampd=${PREAMPD:-$root/build/src/daemon/preampd}
duration=${DURATION:-15}
runs=${RUNS:-5}
mode=${BENCH_MODE:-sequential}

die() {
    echo "daemon_vs_jack_thru: $*" >&2
    exit 1
}

[[ -x $preampd ]] || die "no preampd at $preampd (build it with ./dev build, or set PREAMPD)"
preampd=$(readlink -f "$preampd")
for tool in jackd jack_thru jack_lsp jack_connect dbus-daemon busctl; do
    command -v "$tool" >/dev/null ||
        die "$tool is not installed (apt-get install jackd2; jack_thru is among its example clients)"
done
if ! [[ $duration =~ ^[0-9]+([.][0-9]+)?$ ]] || ! awk -v d="$duration" 'BEGIN { exit !(d > 0) }'; then
    die "DURATION=$duration is not a positive number of seconds"
fi
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "RUNS=$runs is not a positive whole number"
[[ $mode == sequential || $mode == together ]] ||
    die "BENCH_MODE=$mode is neither sequential nor together"

export JACK_NO_AUDIO_RESERVATION=1 JACK_NO_START_SERVER=1
hz=$(getconf CLK_TCK)
work=$(mktemp -d "${TMPDIR:-/tmp}/preampd-vs-thru.XXXXXX")

# shellcheck source=SCRIPTDIR/processes.sh
source "$(dirname "${BASH_SOURCE[0]}")/processes.sh"
start_private_bus

# Microseconds since the epoch, into $now (no subshell: the polling loops use it).
now=0
clock() {
    local t=$EPOCHREALTIME
    now=${t/[.,]/}
    now=$((10#$now))
}

# --- the daemon's configuration and saved state -------------------------------------

# The documented example with startup_max_db raised; its state goes to $work
# (state.file's default under systemd).
conf=$work/preampd.conf
export STATE_DIRECTORY=$work
state=$STATE_DIRECTORY/state
sed -e 's|^\([[:space:]]*startup_max_db = \)-20\.0;|\10.0;|' \
    "$root/config/preampd.conf" >"$conf"
grep -qF 'startup_max_db = 0.0;' "$conf" ||
    die "config/preampd.conf no longer has the volume.startup_max_db line this script rewrites"
"$preampd" --check-config --config "$conf" >"$work/check.log" 2>&1 || {
    cat "$work/check.log" >&2
    die "preampd --check-config rejects the benchmark's configuration"
}

write_state() { # before every start: tone on, so the shelves really run
    printf '%s\n' 'volume_db = -20' 'bass_db = 6' 'treble_db = -3' 'source = cd' >"$state"
}

# --- JACK ------------------------------------------------------------------------------

# One server name for this run, reused by each fresh jackd in turn (only one is up at a
# time): libjack keeps at most 8 servers per user in its registry, and an entry left by a
# killed server is reclaimed only by a server of the same name.
export JACK_DEFAULT_SERVER="preampd-bench-$$-$RANDOM"
servers=0 # numbers the jackd logs

jackd_pid=0
start_jackd() { # a fresh server; sets $jackd_pid; waits up to 30 s for a registry slot
    local i log
    servers=$((servers + 1))
    log=$work/jackd-$servers.log
    for ((i = 0; i < 30; i++)); do
        jackd -n "$JACK_DEFAULT_SERVER" -d dummy -r 48000 -p 64 >"$log" 2>&1 &
        jackd_pid=$!
        pids+=("$jackd_pid")
        sleep 0.05
        if ! alive "$jackd_pid" && grep -qF "Too many servers already active" "$log"; then
            stop "$jackd_pid"
            ((i == 0)) && echo "(all 8 JACK server slots of this user are taken; waiting)" >&2
            sleep 1
            continue
        fi
        return 0
    done
    cat "$log" >&2
    die "no free JACK server slot for 30 s (libjack allows 8 servers per user)"
}

jack_up() { jack_lsp >/dev/null 2>&1; }

wait_jack() { # polls jack_lsp every 10 ms; $now is the moment it first succeeded
    local i
    for ((i = 0; i < 1000; i++)); do
        if jack_up; then
            clock
            return 0
        fi
        alive "$jackd_pid" || break
        sleep 0.01
    done
    cat "$work/jackd-$servers.log" >&2
    die "jackd ($JACK_DEFAULT_SERVER) did not come up"
}

has_port() { # PORT
    local out
    out=$(jack_lsp "$1" 2>/dev/null) || return 1
    grep -qxF -- "$1" <<<"$out"
}

connected() { # PORT OTHER
    local out
    out=$(jack_lsp -c "$1" 2>/dev/null) || return 1
    grep -qxF -- "   $2" <<<"$out"
}

# --- the two clients -------------------------------------------------------------------

preampd_pid=0
runs_started=0
start_preampd() { # sets $preampd_pid; its log is $work/preampd-N.log
    runs_started=$((runs_started + 1))
    write_state
    "$preampd" --config "$conf" >"$work/preampd-$runs_started.log" 2>&1 &
    preampd_pid=$!
    pids+=("$preampd_pid")
}
preampd_log() { echo "$work/preampd-$runs_started.log"; }

wait_log() { # FILE TEXT PID: until FILE has TEXT (10 s at most, or PID exits)
    local i
    for ((i = 0; i < 1000; i++)); do
        grep -qF -- "$2" "$1" && return 0
        alive "$3" || break
        sleep 0.01
    done
    cat "$1" >&2
    die "no \"$2\" in $1"
}

wait_preampd_running() {
    wait_log "$(preampd_log)" "Running as JACK client" "$preampd_pid"
}

thru_pid=0
start_thru() { # jack_thru connects itself to the first two physical ports of each kind
    jack_thru thru >"$work/thru.log" 2>&1 &
    thru_pid=$!
    pids+=("$thru_pid")
}

wait_thru_connected() {
    local links=(system:capture_1 thru:input_1 system:capture_2 thru:input_2
        thru:output_1 system:playback_1 thru:output_2 system:playback_2) i k
    for ((i = 0; i < 300; i++)); do
        connected thru:output_2 system:playback_2 && break
        alive "$thru_pid" || break
        sleep 0.01
    done
    for ((k = 0; k < ${#links[@]}; k += 2)); do
        connected "${links[k + 1]}" "${links[k]}" ||
            jack_connect "${links[k]}" "${links[k + 1]}" ||
            die "cannot connect ${links[k]} to ${links[k + 1]} (jack_thru's log: $(cat "$work/thru.log"))"
    done
}

# --- CPU and memory --------------------------------------------------------------------

ticks() { # PID: utime + stime of the whole process, in clock ticks
    local s f
    s=$(cat "/proc/$1/stat")
    s=${s##*) }
    read -ra f <<<"$s"
    echo $((f[11] + f[12]))
}

sched_ns() { # PID: time on the CPU of all its threads, in ns (schedstat's first field)
    local t sum=0 v
    for t in /proc/"$1"/task/*/schedstat; do
        read -r v _ <"$t" 2>/dev/null || continue
        sum=$((sum + v))
    done
    echo "$sum"
}

status_kb() { # PID FIELD
    awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"
}

declare -A t0 s0 t1 s1 rss hwm anon wall

# window_start NAME... / window_end NAME...: readings of several processes (their pids in
# pid_of) at nearly one moment
window_start() {
    local name
    clock
    wall_start=$now
    for name in "$@"; do
        t0[$name]=$(ticks "${pid_of[$name]}")
        s0[$name]=$(sched_ns "${pid_of[$name]}")
    done
}
window_end() {
    local name
    clock
    for name in "$@"; do
        t1[$name]=$(ticks "${pid_of[$name]}")
        s1[$name]=$(sched_ns "${pid_of[$name]}")
        rss[$name]=$(status_kb "${pid_of[$name]}" VmRSS)
        hwm[$name]=$(status_kb "${pid_of[$name]}" VmHWM)
        anon[$name]=$(status_kb "${pid_of[$name]}" RssAnon)
        wall[$name]=$((now - wall_start))
    done
}
declare -A pid_of
wall_start=0

measure() { # NAME... (their pids in pid_of): settle 1 s, then the window
    local with_preampd=false
    [[ " $* " == *" preampd "* ]] && with_preampd=true
    sleep 1
    $with_preampd && xruns_before=$(xruns_logged "$(preampd_log)")
    window_start "$@"
    sleep "$duration"
    window_end "$@"
    if $with_preampd; then
        sleep 0.3 # preampd reports xruns every 250 ms
        xruns_after=$(xruns_logged "$(preampd_log)")
    fi
}
xruns_before=0 xruns_after=0

xruns_logged() { # FILE: the last "(N since start)" of preampd's "JACK xruns" warnings
    sed -n 's/.*JACK xruns: [0-9]* (\([0-9]*\) since start).*/\1/p' "$1" | tail -n 1 | grep . ||
        echo 0
}

nproc_=$(nproc 2>/dev/null || echo "?")
echo "preampd: $preampd"
echo "jackd -d dummy -r 48000 -p 64; ${nproc_} CPUs; CPU over ${duration} s after a 1 s settle;" \
    "clock tick = $((1000 / hz)) ms"
read -r load1 load5 _ </proc/loadavg
echo "load average before: $load1 (1 min), $load5 (5 min): other work on the machine skews the CPU"

preampd_xruns=0
if [[ $mode == sequential ]]; then
    echo "mode: sequential: each client alone on a fresh jackd, one after the other"
    start_jackd
    wait_jack
    start_preampd
    pid_of[preampd]=$preampd_pid pid_of[jackd_p]=$jackd_pid
    wait_preampd_running
    measure preampd jackd_p
    stop "$preampd_pid"
    stop "$jackd_pid"
    preampd_xruns=$(xruns_logged "$(preampd_log)")
    jackd_xruns="$(grep -ci xrun "$work/jackd-$servers.log" || true) while serving preampd"

    start_jackd
    wait_jack
    start_thru
    pid_of[jack_thru]=$thru_pid pid_of[jackd_t]=$jackd_pid
    wait_thru_connected
    measure jack_thru jackd_t
    stop "$thru_pid"
    stop "$jackd_pid"
    jackd_xruns+=", $(grep -ci xrun "$work/jackd-$servers.log" || true) while serving jack_thru"
    rows=(preampd "preampd" jack_thru "jack_thru" jackd_p "jackd (serving preampd)"
        jackd_t "jackd (serving jack_thru)")
else
    echo "mode: together: both clients at once on one jackd, over the same window"
    echo "(caution: on one server the client started first, here preampd, carries most of the"
    echo " wake-up cost of the cycle; the default, sequential, compares like with like)"
    start_jackd
    wait_jack
    start_preampd
    start_thru
    pid_of[preampd]=$preampd_pid pid_of[jack_thru]=$thru_pid pid_of[jackd]=$jackd_pid
    wait_preampd_running
    wait_thru_connected
    measure preampd jack_thru jackd
    stop "$thru_pid"
    stop "$preampd_pid"
    stop "$jackd_pid"
    preampd_xruns=$(xruns_logged "$(preampd_log)")
    jackd_xruns=$(grep -ci xrun "$work/jackd-$servers.log" || true)
    rows=(preampd "preampd" jack_thru "jack_thru" jackd "jackd (serving both)")
fi

echo
printf '%-27s %7s %8s %8s %8s %10s %10s %12s\n' "process" "CPU s" "% core" "sched s" \
    "% core" "VmRSS MiB" "VmHWM MiB" "RssAnon MiB"
for ((i = 0; i < ${#rows[@]}; i += 2)); do
    k=${rows[i]}
    awk -v label="${rows[i + 1]}" -v dt=$((t1[$k] - t0[$k])) -v hz="$hz" \
        -v ds=$((s1[$k] - s0[$k])) -v w="${wall[$k]}" -v rss="${rss[$k]}" -v hwm="${hwm[$k]}" \
        -v anon="${anon[$k]}" 'BEGIN {
            c = dt / hz; s = ds / 1e9; w = w / 1e6
            printf "%-27s %7.2f %7.2f%% %8.3f %7.2f%% %10.1f %10.1f %12.1f\n",
                label, c, 100 * c / w, s, 100 * s / w, rss / 1024, hwm / 1024, anon / 1024
        }'
done
awk -v pt=$((t1[preampd] - t0[preampd])) -v tt=$((t1[jack_thru] - t0[jack_thru])) \
    -v ps=$((s1[preampd] - s0[preampd])) -v ts=$((s1[jack_thru] - s0[jack_thru])) \
    'function ratio(a, b) { return b > 0 ? sprintf("%.2fx", a / b) : "n/a" }
    BEGIN {
        r = tt > 0 ? pt / tt : -1
        verdict = r < 0 ? "?" : (r <= 1.5 ? "meets the goal" : "ABOVE the goal")
        printf "CPU preampd / jack_thru: %s (clock ticks), %s (schedstat); goal <= 1.5x: %s\n",
            ratio(pt, tt), ratio(ps, ts), verdict
    }'
echo "xruns preampd logged: $((xruns_after - xruns_before)) in the window, ${preampd_xruns} in all;" \
    "jackd's lines on xruns: ${jackd_xruns}"
echo "(VmRSS counts the JACK shared memory each client maps; RssAnon is the process's own.)"

# --- start-up --------------------------------------------------------------------------

median() { # numbers on stdin
    sort -n | awk '{ v[NR] = $1 } END {
        if (NR == 0) exit 1
        printf "%.0f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

wait_port_us() { # polls every 10 ms until preamp:pre_out_L exists; $now is that moment
    local i
    for ((i = 0; i < 1000; i++)); do
        if has_port preamp:pre_out_L; then
            clock
            return 0
        fi
        alive "$preampd_pid" || break
        sleep 0.01
    done
    cat "$(preampd_log)" >&2
    die "preamp:pre_out_L did not appear"
}

late=() early=()
for ((r = 0; r < runs; r++)); do
    # preampd first: it finds no server and retries; then jackd.
    start_preampd
    wait_log "$(preampd_log)" "Waiting for JACK" "$preampd_pid"
    start_jackd
    wait_jack
    jack_at=$now
    wait_port_us
    late+=("$(((now - jack_at) / 1000))")
    stop "$preampd_pid"
    stop "$jackd_pid"

    # jackd first, then preampd.
    start_jackd
    wait_jack
    clock
    started_at=$now
    start_preampd
    wait_port_us
    early+=("$(((now - started_at) / 1000))")
    stop "$preampd_pid"
    stop "$jackd_pid"
done

echo
printf '%-55s %9s   %s\n' "start-up (median of $runs)" "ms" "runs, ms"
printf '%-55s %9s   %s\n' "preampd first: jack_lsp first succeeds -> pre_out_L" \
    "$(printf '%s\n' "${late[@]}" | median)" "${late[*]}"
printf '%-55s %9s   %s\n' "jackd first: preampd started -> pre_out_L" \
    "$(printf '%s\n' "${early[@]}" | median)" "${early[*]}"
