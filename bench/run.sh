#!/usr/bin/env bash
# The benchmark of BENCHMARKS.md: builds synthetic reports of N items in English and Korean
# (examples/synth.rs) with the release binary, and the same items with Hugo and, when a Zola
# binary is given, with Zola (examples/zola_site.rs turns the report into a Zola site), on
# tmpfs, and prints one table. Not a test: numbers depend on the machine and its load.
#
#   bash bench/run.sh                    # N = 100, 1000, 10000; 5 runs each (3 for Hugo, Zola)
#   SIZES="1000" RUNS=3 bash bench/run.sh
#   ZOLA=/tmp/zola-target/release/zola SIZES="1000 10000" bash bench/run.sh
#
# Each N is built in two shapes (SHAPES): `small-groups` (three items per pair group) and
# `one-group` (every item in one group; pair pages bounded by `[pairs] per_item`). versus is
# measured cold (an empty --cache folder: every code block highlighted) and warm (the cache of the
# cold run before it); versus, Zola and Hugo runs alternate, and every run's wall time is
# listed below the table.
# Environment: SIZES, SHAPES, RUNS, HUGO_RUNS, ZOLA_RUNS, WORK (default /dev/shm/versus-bench,
# tmpfs), HUGO=0 to skip Hugo, ZOLA (a Zola 0.21 binary; none: Zola is skipped), SERVE=0 to
# skip the serve figures, VERSUS_BIN to measure another build of versus, PER_ITEM to set the
# reports' `[pairs] per_item` (0: no pair page past `all_up_to`, so the pages Zola and Hugo
# make). Needs GNU time (Debian `time`) and Hugo (Debian `hugo`): installed with apt-get when
# missing and running as root.
# Zola has no package here: build its release from source outside this repository.
set -euo pipefail

cd "$(dirname "$0")/.."
SIZES=${SIZES:-"100 1000 10000"}
RUNS=${RUNS:-5}
HUGO_RUNS=${HUGO_RUNS:-3}
ZOLA_RUNS=${ZOLA_RUNS:-$HUGO_RUNS}
SHAPES=${SHAPES:-"small-groups one-group"}
WORK=${WORK:-/dev/shm/versus-bench}
HUGO=${HUGO:-1}
ZOLA=${ZOLA:-}
SERVE=${SERVE:-1}

need() {
    local command=$1 package=$2
    if ! command -v "$command" >/dev/null 2>&1 && [ ! -x "$command" ]; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            apt-get install -y -qq "$package" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$package" >/dev/null; }
        else
            echo "bench: $command is missing (Debian package $package)" >&2
            exit 2
        fi
    fi
}
need /usr/bin/time time
[ "$HUGO" = 1 ] && need hugo hugo

cargo build --release --quiet --bin versus --example synth --example rebuild --example zola_site
# VERSUS_BIN measures another build of versus (an experiment) on the same content.
VERSUS=${VERSUS_BIN:-$PWD/target/release/versus}
mkdir -p "$WORK"

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# once TIMES OUTDIR COMMAND...: runs COMMAND once under GNU time (OUTDIR removed before),
# appending "wall user system rss_kb" to TIMES; keeps its output in $WORK/last-<TIMES name>.
once() {
    local times=$1 out=$2
    shift 2
    rm -rf "$out"
    /usr/bin/time -f "%e %U %S %M" -a -o "$times" "$@" >"$WORK/last-$(basename "$times")" 2>&1 || {
        cat "$WORK/last-$(basename "$times")" >&2
        exit 1
    }
}

# medians TIMES: "wall_median cpu_median rss_median_kb" of the runs in TIMES.
medians() {
    local wall cpu rss
    wall=$(awk '{ print $1 }' "$1" | median)
    cpu=$(awk '{ print $2 + $3 }' "$1" | median)
    rss=$(awk '{ print $4 }' "$1" | median)
    echo "$wall $cpu $rss"
}

# runs_of TIMES: the wall time of every run in TIMES, "8.1 s, 7.9 s".
runs_of() { awk '{ printf "%s%s s", (NR > 1 ? ", " : ""), $1 }' "$1"; }

# measure RUNS OUTDIR COMMAND...: RUNS runs of COMMAND; prints their medians (see `medians`).
measure() {
    local runs=$1 out=$2
    shift 2
    : >"$WORK/times"
    for _ in $(seq "$runs"); do once "$WORK/times" "$out" "$@"; done
    medians "$WORK/times"
}

row() { # tool n pages wall cpu rss
    awk -v tool="$1" -v n="$2" -v pages="$3" -v wall="$4" -v cpu="$5" -v rss="$6" 'BEGIN {
        printf "| %s | %s | %s | %.2f s | %.2f s | %.0f | %.0f MB |\n", tool, n, pages, wall, cpu, pages / wall, rss / 1024 }'
}

echo "## Machine"
echo
echo "- $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ { print $2 }') GB memory"
echo "- versus $(git rev-parse --short HEAD 2>/dev/null || echo '?') (+ working tree), $(hugo version 2>/dev/null | cut -d' ' -f2 || echo 'no hugo'), $([ -n "$ZOLA" ] && "$ZOLA" --version || echo 'no zola')"
echo "- output on $(df --output=fstype "$WORK" | tail -1) ($WORK); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| tool | items | pages | wall (median) | CPU user+sys (median) | pages/s | peak RSS (median) |"
echo "|---|---|---|---|---|---|---|"

# The shipped report: code highlighted cold in the first run, warm after; the output is removed
# before each run, so each draws every preview card and chart picture again.
rm -rf "$WORK/cache-shipped"
read -r wall cpu rss < <(measure "$RUNS" "$WORK/out-shipped" "$VERSUS" build --root . --output "$WORK/out-shipped" --cache "$WORK/cache-shipped")
pages=$(sed -n 's/^built \([0-9]*\) pages.*/\1/p' "$WORK/last-times")
row "versus, shipped report (pictures drawn)" 15 "$pages" "$wall" "$cpu" "$rss"

# row_of TOOL N TIMES PAGES: the table's row for the runs in TIMES.
row_of() {
    local wall cpu rss
    read -r wall cpu rss < <(medians "$3")
    row "$1" "$2" "$4" "$wall" "$cpu" "$rss"
}

# versus (cold, then warm), Zola and Hugo take turns, so that what else runs on the machine
# weighs on all of them alike.
every_run=""
for n in $SIZES; do
    for shape in $SHAPES; do
        site=$WORK/site-$n-$shape
        cargo run --release --quiet --example synth -- "$n" "$site" "$shape" >/dev/null
        label=$shape
        if [ -n "${PER_ITEM:-}" ]; then
            sed -i "s/^\[pairs\]\$/[pairs]\nper_item = $PER_ITEM/" "$site/content/site.toml"
            label="$shape, per_item = $PER_ITEM"
        fi
        [ -n "$ZOLA" ] && ./target/release/examples/zola_site "$site" "$WORK/zola-site-$n-$shape" >/dev/null
        for tool in cold warm zola hugo; do : >"$WORK/$tool-times"; done
        for run in $(seq "$RUNS"); do
            rm -rf "$site/.versus-cache"
            once "$WORK/cold-times" "$WORK/out-$n" "$VERSUS" build --root "$site" --output "$WORK/out-$n" --cache "$site/.versus-cache"
            once "$WORK/warm-times" "$WORK/out-$n" "$VERSUS" build --root "$site" --output "$WORK/out-$n" --cache "$site/.versus-cache"
            if [ -n "$ZOLA" ] && [ "$run" -le "$ZOLA_RUNS" ]; then
                once "$WORK/zola-times" "$WORK/zola-$n" "$ZOLA" --root "$WORK/zola-site-$n-$shape" build --output-dir "$WORK/zola-$n"
            fi
            if [ "$HUGO" = 1 ] && [ "$run" -le "$HUGO_RUNS" ]; then
                once "$WORK/hugo-times" "$WORK/hugo-$n" hugo --quiet --source bench/hugo --contentDir "$site/content" --destination "$WORK/hugo-$n"
            fi
        done
        every_run="$every_run- $n items, $label, each run's wall time: versus cold $(runs_of "$WORK/cold-times"); warm $(runs_of "$WORK/warm-times")"
        [ -n "$ZOLA" ] && every_run="$every_run; Zola $(runs_of "$WORK/zola-times")"
        [ "$HUGO" = 1 ] && every_run="$every_run; Hugo $(runs_of "$WORK/hugo-times")"
        every_run="$every_run"$'\n'
        pages=$(sed -n 's/^built \([0-9]*\) pages.*/\1/p' "$WORK/last-warm-times")
        row_of "versus, $label, cold" "$n" "$WORK/cold-times" "$pages"
        row_of "versus, $label, warm" "$n" "$WORK/warm-times" "$pages"
        if [ -n "$ZOLA" ]; then
            row_of "Zola $("$ZOLA" --version | cut -d' ' -f2), $label" "$n" "$WORK/zola-times" "$(find "$WORK/zola-$n" -name '*.html' | wc -l)"
        fi
        if [ "$HUGO" = 1 ]; then
            row_of "Hugo $(hugo version | cut -d' ' -f2 | cut -d+ -f1), $label" "$n" "$WORK/hugo-times" "$(find "$WORK/hugo-$n" -name '*.html' | wc -l)"
        fi
    done
done
echo
printf '%s' "$every_run"
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# Under `serve`, a save rebuilds the whole site in memory with the highlighter kept warm; the
# pages open in a browser are made and shown first. The first figure is the whole rebuild, the
# second what an editor waits for: from saving an item to the browser showing it (headless
# Chromium; needs node and the browser suite's packages, `npm ci` in tests/browser).
for n in $SIZES; do
    if [ "$n" = 1000 ] && [ "$SERVE" = 1 ]; then
        echo
        echo "serve, 1000 items, the whole site rebuilt in memory:"
        ./target/release/examples/rebuild "$WORK/site-1000-small-groups" "$RUNS" | tail -2
        if command -v node >/dev/null && [ -d tests/browser/node_modules/playwright-core ]; then
            echo "serve, 1000 items, from saving an item to the browser showing it:"
            node bench/serve-latency.mjs "$VERSUS" "$WORK/site-1000-small-groups" "$RUNS"
        else
            echo "(no node or no tests/browser/node_modules: the browser's figure is skipped)"
        fi
    fi
done
