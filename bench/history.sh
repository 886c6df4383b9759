#!/usr/bin/env bash
# What history adds to a build (BENCHMARKS.md, "History"): a synthetic report of N items
# (examples/synth.rs) committed into a repository of COMMITS + 1 commits (examples/history.rs,
# through git fast-import), built with its history and without it (GIT_DIR pointed at nothing:
# "not a git repository"), each cold (no output folder: history read whole from git, every
# card drawn) and warm (the previous build's output folder: history kept there, cards reused),
# and cached (no output folder, but a `--cache` folder kept by a build of the commit before, as
# the Pages workflows carry it with actions/cache: one commit read, highlighted code taken from
# it), the six alternating. Preview cards are made for the home page only (CARDS=all: every
# kind) so that drawing 20,000 cards does not hide what history costs. Prints the medians and
# each run, and what git log takes alone. Not a test: figures depend on the machine and its load.
#
#   bash bench/history.sh                 # N = 10000, COMMITS = 3000, RUNS = 3
#   N=1000 COMMITS=300 RUNS=3 bash bench/history.sh
#   WORK=/dev/shm/elsewhere bash bench/history.sh   # the repository is made once per WORK
set -euo pipefail

cd "$(dirname "$0")/.."
N=${N:-10000}
COMMITS=${COMMITS:-3000}
RUNS=${RUNS:-3}
CARDS=${CARDS:-home}
WORK=${WORK:-/dev/shm/versus-bench}
VERSUS=$PWD/target/release/versus

cargo build --release --quiet --bin versus --example synth --example history
site=$WORK/history-$N-$COMMITS
if [ ! -d "$site/.git" ]; then
    rm -rf "$site"
    mkdir -p "$WORK"
    cargo run --release --quiet --example synth -- "$N" "$site" >/dev/null
    git -C "$site" init -q -b main
    ./target/release/examples/history "$site" "$COMMITS" | git -C "$site" fast-import --quiet
    git -C "$site" reset -q --hard
fi
# The work tree's site.toml, not committed: history reads the commits only.
git -C "$site" checkout -q -- content/site.toml
if [ "$CARDS" = home ]; then
    printf '\n[cards]\nkinds = ["home"]\n' >>"$site/content/site.toml"
fi
echo "commits: $(git -C "$site" rev-list --count HEAD)"

# The --cache folder a build of the commit before keeps: what a CI run finds from the last one.
seed=$WORK/cache-seed
rm -rf "$seed" "$WORK/out-seed"
git -C "$site" checkout -q --detach HEAD~1
"$VERSUS" build --quiet --root "$site" --output "$WORK/out-seed" --cache "$seed"
git -C "$site" checkout -q -

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# One build: $1 names the run (with/without history), $2 cold, warm or cached.
run() {
    local out=$WORK/out-$1
    [ "$2" = warm ] || rm -rf "$out"
    local repository=() cache=()
    [ "$1" = without ] && repository=(env GIT_DIR="$WORK/no-repository")
    if [ "$2" = cached ]; then
        rm -rf "$WORK/cache" && cp -r "$seed" "$WORK/cache"
        cache=(--cache "$WORK/cache")
    fi
    "${repository[@]}" /usr/bin/time -f "%e %U %S %M" -a -o "$WORK/$1-$2" \
        "$VERSUS" build --verbose --root "$site" --output "$out" "${cache[@]}" |
        grep '^time by stage' | sed "s/^/$1 $2: /" >>"$WORK/stages"
}
for kind in with without; do
    for state in cold warm cached; do : >"$WORK/$kind-$state"; done
done
: >"$WORK/stages"
echo "N = $N items, $((COMMITS + 1)) commits; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$RUNS"); do
    for state in cold warm cached; do
        run with "$state"
        run without "$state"
    done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
for kind in with without; do
    for state in cold warm cached; do
        f=$WORK/$kind-$state
        echo "$kind history, $state: wall $(awk '{ print $1 }' "$f" | median) s, CPU $(awk '{ print $2 + $3 }' "$f" | median) s, peak RSS $(awk '{ print $4 }' "$f" | median) kB; runs (wall/CPU): $(awk '{ printf "%s/%s ", $1, $2 + $3 }' "$f")"
    done
done
cat "$WORK/stages"
items=$site/content/items
/usr/bin/time -f "git log alone: %e s wall, %U s user, %S s sys, %M kB" git -C "$items" log --reverse -M --raw --no-abbrev --relative -z --format=%x01%H%x00%P%x00%cI%x00%s HEAD -- >"$WORK/log.txt"
echo "git log output: $(wc -c <"$WORK/log.txt") bytes"
