#!/usr/bin/env bash
# Run the whole suite again and again under load, to show it has no timing failure.
# Usage: scripts/steady.sh [ROUNDS] [FOLDER] [PYTEST ARGUMENTS...]
#
# Two clones of HEAD (FOLDER/A and FOLDER/B, default FOLDER /tmp/kg-steady), each with its
# own virtual environment, run the suite side by side on two workers each
# (`pytest -n 2 --dist worksteal`), so that on a two-core machine each run has the other
# as its load, as `stress --cpu 2` would be. ROUNDS rounds (default 5, ten runs); a round
# starts only when both runs of the one before have ended, and no round starts after a
# failure. Each run's last line goes to FOLDER/steady.log and its output to
# FOLDER/run-<lane>-<round>.log. Pytest arguments after FOLDER narrow the runs (to try the
# script on a few tests). Exit status: 0 when every run passed, else 1.
# Run it on a machine with nothing else to do (it takes about 20 minutes a round on two
# cores): any other work adds to the load and lengthens the rounds.
set -euo pipefail
rounds=${1:-5}
folder=${2:-/tmp/kg-steady}
shift $(( $# < 2 ? $# : 2 ))
repo=$(cd "$(dirname "$0")/.." && pwd)
commit=$(git -C "$repo" rev-parse HEAD)
mkdir -p "$folder"
log="$folder/steady.log"

for lane in A B; do
    if [ ! -d "$folder/$lane/.git" ]; then
        git clone -q "$repo" "$folder/$lane"
    fi
    git -C "$folder/$lane" fetch -q "$repo" "$commit"
    git -C "$folder/$lane" checkout -q -f "$commit"
    git -C "$folder/$lane" clean -qfdx -e .venv  # no cache, no Hypothesis database: as CI
    python3 -m venv "$folder/$lane/.venv"
    "$folder/$lane/.venv/bin/python" -m pip install -q -e "$folder/$lane[test,docs]" > "$folder/pip-$lane.log" 2>&1
done
echo "$(date -u +%FT%H:%MZ) $commit: $rounds rounds of two runs side by side" >> "$log"

failed=0
for round in $(seq 1 "$rounds"); do
    for lane in A B; do
        (
            cd "$folder/$lane"
            out="$folder/run-$lane-$round.log"
            start=$(date +%s)
            status=0
            .venv/bin/python -m pytest -q -n 2 --dist worksteal -p no:cacheprovider "$@" > "$out" 2>&1 || status=$?
            echo "$(date -u +%H:%M) lane $lane round $round exit $status, $(( $(date +%s) - start )) s: $(tail -n 1 "$out")" >> "$log"
            exit "$status"
        ) &
    done
    for job in $(jobs -p); do
        wait "$job" || failed=1
    done
    if [ "$failed" -ne 0 ]; then
        echo "$(date -u +%H:%M) stopped after round $round: a run failed" >> "$log"
        break
    fi
done
tail -n "$(( 2 * rounds + 2 ))" "$log"
exit "$failed"
