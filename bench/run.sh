#!/usr/bin/env bash
# The benchmark of BENCHMARKS.md: builds synthetic reports of N items in English and Korean
# (examples/synth.rs) with the release binary, and the same items with Hugo, on tmpfs, and
# prints one table. Not a test: numbers depend on the machine and on what else runs on it.
#
#   bash bench/run.sh                    # N = 100, 1000, 10000; 5 runs each (3 for Hugo)
#   SIZES="1000" RUNS=3 bash bench/run.sh
#
# Environment: SIZES, RUNS, HUGO_RUNS, WORK (default /dev/shm/versus-bench, tmpfs), HUGO=0 to
# skip Hugo, VERSUS_BIN to measure another build of versus. Needs GNU time (Debian `time`) and
# Hugo (Debian `hugo`): installed with apt-get when missing and running as root.
set -euo pipefail

cd "$(dirname "$0")/.."
SIZES=${SIZES:-"100 1000 10000"}
RUNS=${RUNS:-5}
HUGO_RUNS=${HUGO_RUNS:-3}
WORK=${WORK:-/dev/shm/versus-bench}
HUGO=${HUGO:-1}

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

cargo build --release --quiet --bin versus --example synth --example rebuild
# VERSUS_BIN measures another build of versus (an experiment) on the same content.
VERSUS=${VERSUS_BIN:-$PWD/target/release/versus}
mkdir -p "$WORK"

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# measure LABEL RUNS OUTDIR COMMAND...: runs COMMAND RUNS times under GNU time (OUTDIR removed
# before each run), prints "wall_median cpu_median rss_median_kb" and keeps the last stdout.
measure() {
    local runs=$2 out=$3
    shift 3
    local times=$WORK/times.txt
    : >"$times"
    for _ in $(seq "$runs"); do
        rm -rf "$out"
        /usr/bin/time -f "%e %U %S %M" -a -o "$times" "$@" >"$WORK/last.out" 2>&1 || {
            cat "$WORK/last.out" >&2
            exit 1
        }
    done
    local wall cpu rss
    wall=$(awk '{ print $1 }' "$times" | median)
    cpu=$(awk '{ print $2 + $3 }' "$times" | median)
    rss=$(awk '{ print $4 }' "$times" | median)
    echo "$wall $cpu $rss"
}

row() { # tool n pages wall cpu rss
    awk -v tool="$1" -v n="$2" -v pages="$3" -v wall="$4" -v cpu="$5" -v rss="$6" 'BEGIN {
        printf "| %s | %s | %s | %.2f s | %.2f s | %.0f | %.0f MB |\n", tool, n, pages, wall, cpu, pages / wall, rss / 1024 }'
}

echo "## Machine"
echo
echo "- $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ { print $2 }') GB memory"
echo "- versus $(git rev-parse --short HEAD 2>/dev/null || echo '?') (+ working tree), $(hugo version 2>/dev/null | cut -d' ' -f2 || echo 'no hugo')"
echo "- output on $(df --output=fstype "$WORK" | tail -1) ($WORK); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| tool | items | pages | wall (median) | CPU user+sys (median) | pages/s | peak RSS (median) |"
echo "|---|---|---|---|---|---|---|"

read -r wall cpu rss < <(measure shipped "$RUNS" "$WORK/out-shipped" "$VERSUS" build --root . --output "$WORK/out-shipped")
pages=$(sed -n 's/^built \([0-9]*\) pages.*/\1/p' "$WORK/last.out")
row "versus, shipped report" 15 "$pages" "$wall" "$cpu" "$rss"

for n in $SIZES; do
    site=$WORK/site-$n
    cargo run --release --quiet --example synth -- "$n" "$site" >/dev/null
    read -r wall cpu rss < <(measure versus "$RUNS" "$WORK/out-$n" "$VERSUS" build --root "$site" --output "$WORK/out-$n")
    pages=$(sed -n 's/^built \([0-9]*\) pages.*/\1/p' "$WORK/last.out")
    row versus "$n" "$pages" "$wall" "$cpu" "$rss"
    if [ "$HUGO" = 1 ]; then
        read -r wall cpu rss < <(measure hugo "$HUGO_RUNS" "$WORK/hugo-$n" hugo --quiet --source bench/hugo --contentDir "$site/content" --destination "$WORK/hugo-$n")
        pages=$(find "$WORK/hugo-$n" -name '*.html' | wc -l)
        row "Hugo $(hugo version | cut -d' ' -f2 | cut -d+ -f1)" "$n" "$pages" "$wall" "$cpu" "$rss"
    fi
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# Under `serve`, a save rebuilds the whole site in memory with the highlighter kept warm; the
# pages open in a browser are made and shown first. The first figure is the whole rebuild, the
# second what an editor waits for: from saving an item to the browser showing it (headless
# Chromium; needs node and the browser suite's packages, `npm ci` in tests/browser).
for n in $SIZES; do
    if [ "$n" = 1000 ]; then
        echo
        echo "serve, 1000 items, the whole site rebuilt in memory:"
        ./target/release/examples/rebuild "$WORK/site-1000" "$RUNS" | tail -2
        if command -v node >/dev/null && [ -d tests/browser/node_modules/playwright-core ]; then
            echo "serve, 1000 items, from saving an item to the browser showing it:"
            node bench/serve-latency.mjs "$VERSUS" "$WORK/site-1000" "$RUNS"
        else
            echo "(no node or no tests/browser/node_modules: the browser's figure is skipped)"
        fi
    fi
done
