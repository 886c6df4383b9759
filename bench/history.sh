#!/usr/bin/env bash
# What history adds to a build (BENCHMARKS.md, "History"): a synthetic report of N items
# (examples/synth.rs) committed into a repository of COMMITS + 1 commits (examples/history.rs,
# through git fast-import), built with its history and, alternating, without it (GIT_DIR
# pointed at nothing: "not a git repository"). Prints the medians and each run, and what the
# two git processes take alone. Not a test.
#
#   bash bench/history.sh                 # N = 10000, COMMITS = 3000, RUNS = 5
#   N=1000 COMMITS=500 RUNS=3 bash bench/history.sh
set -euo pipefail

cd "$(dirname "$0")/.."
N=${N:-10000}
COMMITS=${COMMITS:-3000}
RUNS=${RUNS:-5}
WORK=${WORK:-/dev/shm/versus-bench}
VERSUS=$PWD/target/release/versus

cargo build --release --quiet --bin versus --example synth --example history
site=$WORK/history-$N-$COMMITS
rm -rf "$site"
mkdir -p "$WORK"
cargo run --release --quiet --example synth -- "$N" "$site" >/dev/null
git -C "$site" init -q -b main
./target/release/examples/history "$site" "$COMMITS" | git -C "$site" fast-import --quiet
git -C "$site" reset -q --hard
echo "commits: $(git -C "$site" rev-list --count HEAD)"

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
: >"$WORK/with"
: >"$WORK/without"
for _ in $(seq "$RUNS"); do
    rm -rf "$WORK/out-history"
    /usr/bin/time -f "%e %U %S %M" -a -o "$WORK/with" "$VERSUS" build --root "$site" --output "$WORK/out-history" >/dev/null
    rm -rf "$WORK/out-history"
    GIT_DIR=$WORK/no-repository /usr/bin/time -f "%e %U %S %M" -a -o "$WORK/without" "$VERSUS" build --root "$site" --output "$WORK/out-history" >/dev/null
done
echo "N = $N items, $((COMMITS + 1)) commits; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for kind in with without; do
    echo "$kind history: wall $(awk '{ print $1 }' "$WORK/$kind" | median) s, CPU $(awk '{ print $2 + $3 }' "$WORK/$kind" | median) s, peak RSS $(awk '{ print $4 }' "$WORK/$kind" | median) kB; runs: $(awk '{ printf "%s ", $1 }' "$WORK/$kind")"
done
items=$site/content/items
/usr/bin/time -f "git log alone: %e s wall, %M kB" git -C "$items" log --reverse -M --raw --no-abbrev --relative -z --format=%x01%H%x00%P%x00%cI%x00%s -- . >"$WORK/log.txt"
echo "git log output: $(wc -c <"$WORK/log.txt") bytes"
