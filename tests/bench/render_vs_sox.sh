#!/usr/bin/env bash
# Times preamp-render against sox doing the same job (volume, bass and treble shelves)
# and against a plain copy, on 300 s of 48 kHz stereo float32 raw audio. Best of $RUNS
# runs each; hyperfine when installed, bash's `time` otherwise.
#
#   tests/bench/render_vs_sox.sh            (or: ./dev bench)
#
# Environment: PREAMP_RENDER (default build/src/render/preamp-render), BENCH_DIR (where
# the input is generated once and kept; default ${TMPDIR:-/tmp}/preampd-bench), RUNS (5),
# BENCH_TIMER (hyperfine | bash; default hyperfine when installed).
set -euo pipefail

root=$(readlink -f "$(dirname "${BASH_SOURCE[0]}")/../..")
render=${PREAMP_RENDER:-$root/build/src/render/preamp-render}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/preampd-bench}
runs=${RUNS:-5}
timer=${BENCH_TIMER:-}
if [[ -z $timer ]]; then
    if command -v hyperfine >/dev/null; then timer=hyperfine; else timer=bash; fi
fi

if [[ ! -x $render ]]; then
    echo "render_vs_sox: no preamp-render at $render (build it with ./dev build; it needs" \
        "libsndfile1-dev; or set PREAMP_RENDER)" >&2
    exit 1
fi
render=$(readlink -f "$render")
command -v sox >/dev/null || {
    echo "render_vs_sox: sox is not installed (apt-get install sox)" >&2
    exit 1
}

mkdir -p "$work"
cd "$work"
in="in-300s-48k-stereo.f32"
seconds=300
if [[ ! -f $in ]]; then
    echo "generating $work/$in (${seconds} s of pink noise and tones, once)..."
    # Music-like: pink noise under a few tones, with a slow tremolo; peak -3 dBFS.
    # -R: repeatable, the same noise every time.
    sox -R -n -r 48000 -c 2 -e floating-point -b 32 -t f32 "$in.part" \
        synth "$seconds" pinknoise synth "$seconds" sine mix 110 \
        synth "$seconds" sine mix 440 synth "$seconds" sine mix 3520 \
        tremolo 0.5 40 gain -n -3
    mv "$in.part" "$in"
fi
bytes=$(stat -c %s "$in")

raw=(--raw --rate 48000 --channels 2)
f32=(-t f32 -r 48000 -c 2)
q() { printf '%q ' "$@"; }
render_tone="$(q "$render" "${raw[@]}" --volume -20 --bass 6 --treble -3)"
render_neutral="$(q "$render" "${raw[@]}" --volume 0)"
sox_tone="$(q sox "${f32[@]}" "$in" -t f32)"
sox_effects="vol -20dB bass +6 100 treble -3 10000"

# best_of NAME COMMAND: prints the best wall-clock seconds of $runs runs of COMMAND
# (a shell command line) after one warm-up run; `out.f32` is removed before each.
best_of() {
    local cmd=$2
    case $timer in
    hyperfine)
        hyperfine --style none --warmup 1 --runs "$runs" --prepare 'rm -f out.f32' \
            --export-json timing.json "$cmd" >/dev/null 2>hyperfine.err || {
            cat hyperfine.err >&2
            exit 1
        }
        sed -n 's/^ *"min": *\([0-9.eE+-]*\),*$/\1/p' timing.json | head -n 1
        ;;
    bash)
        local best="" t i
        for ((i = 0; i <= runs; i++)); do
            rm -f out.f32
            t=$({
                TIMEFORMAT=%3R
                time bash -c "$cmd" >/dev/null 2>&1
            } 2>&1)
            ((i == 0)) && continue # warm-up
            if [[ -z $best ]] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
                best=$t
            fi
        done
        echo "$best"
        ;;
    *)
        echo "render_vs_sox: unknown BENCH_TIMER=$timer" >&2
        exit 2
        ;;
    esac
}

# Every command must work before it is timed: a broken one would time an error.
check() {
    if ! bash -c "$1" >/dev/null 2>check.err; then
        echo "render_vs_sox: this command failed:" >&2
        echo "  $1" >&2
        cat check.err >&2
        exit 1
    fi
}

declare -A time_of
measure() {
    local key=$1 cmd=$2
    check "$cmd"
    time_of[$key]=$(best_of "$key" "$cmd")
    rm -f out.f32
}

echo "input: $work/$in, $((bytes / 1000000)) MB, ${seconds} s; best of $runs runs ($timer)"
echo "preamp-render: $render"
echo

measure render_tone_null "$render_tone $in /dev/null"
measure sox_tone_null "$sox_tone /dev/null $sox_effects"
measure render_tone_file "$render_tone $in out.f32"
measure sox_tone_file "$sox_tone out.f32 $sox_effects"
measure render_neutral_null "$render_neutral $in /dev/null"
measure cat_null "cat $in > /dev/null"
measure render_neutral_file "$render_neutral $in out.f32"
measure cp_file "cp $in out.f32"
rm -f timing.json hyperfine.err check.err

row() { # LABEL DEST KEY REFERENCE-KEY REFERENCE-NAME
    local t=${time_of[$3]} ref=${time_of[$4]}
    awk -v label="$1" -v dest="$2" -v t="$t" -v ref="$ref" -v name="$5" \
        -v bytes="$bytes" -v secs="$seconds" 'BEGIN {
        printf "%-50s %-9s %8.3f %9.0f %9.0fx %9.2f x %s\n",
            label, dest, t, bytes / 1e6 / t, secs / t, t / ref, name
    }'
}

printf '%-50s %-9s %8s %9s %10s %14s\n' "job" "to" "seconds" "MB/s" "realtime" "time vs"
printf '%s\n' "(a) volume -20 dB, bass +6 dB, treble -3 dB"
row "  preamp-render --volume -20 --bass 6 --treble -3" /dev/null render_tone_null sox_tone_null sox
row "  sox vol -20dB bass +6 100 treble -3 10000" /dev/null sox_tone_null sox_tone_null sox
row "  preamp-render --volume -20 --bass 6 --treble -3" file render_tone_file sox_tone_file sox
row "  sox vol -20dB bass +6 100 treble -3 10000" file sox_tone_file sox_tone_file sox
printf '%s\n' "(b) neutral settings against a plain copy"
row "  preamp-render --volume 0" /dev/null render_neutral_null cat_null cat
row "  cat IN > /dev/null" /dev/null cat_null cat_null cat
row "  preamp-render --volume 0" file render_neutral_file cp_file cp
row "  cp IN OUT" file cp_file cp_file cp
