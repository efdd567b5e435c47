#!/usr/bin/env bash
# concurrent.sh N COMMAND [ARG...]: starts N copies of COMMAND at once and waits for all of them;
# fails if any of them failed. In the arguments, @N@ becomes the copy's number (1..N), so that
# each copy can be given its own output directory.
set -u
count=$1
shift
pids=()
for ((i = 1; i <= count; i++)); do
    args=()
    for arg in "$@"; do
        args+=("${arg//@N@/$i}")
    done
    "${args[@]}" &
    pids+=($!)
done
status=0
for pid in "${pids[@]}"; do
    wait "$pid" || status=1
done
exit $status
