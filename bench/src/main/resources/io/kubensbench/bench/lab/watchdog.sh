#!/bin/sh
# kubens-bench lab watchdog. Runs on the host, outside the lab. Creates the lab's own
# sub-cgroups, starts the lab node, and tears all of it down when the harness closes our
# stdin: on a normal close, on SIGINT/SIGTERM, and when the harness is killed with SIGKILL
# (the pipe closes with the process). The lab's mounts live only in its own namespaces, so
# killing its PID 1 removes them; the sub-cgroups and the staging directory are removed here.
#
# usage: watchdog.sh STAGE ID AFFINITY
#   STAGE/cgroups  one sub-cgroup directory per line (created here, removed at the end)
set -u
STAGE=$1
ID=$2
AFFINITY=$3
trap '' INT HUP
exec 3<&0 </dev/null

teardown() {
    i=0
    while [ $i -lt 100 ]; do
        left=0
        while read -r d; do
            [ -d "$d" ] || continue
            find "$d" -depth -type d -exec rmdir {} + 2>/dev/null
            [ -d "$d" ] && left=1
        done < "$STAGE/cgroups"
        [ $left -eq 0 ] && break
        i=$((i + 1))
        sleep 0.05
    done
    [ $left -eq 0 ] || echo "warn cgroups still busy after 5 s"
    rm -rf "$STAGE"
    echo "down"
}

while read -r d; do
    if ! mkdir "$d"; then
        echo "error cannot create cgroup $d"
        teardown
        exit 1
    fi
    # cgroup v1 cpuset starts empty: give the lab what its parent has.
    if [ -f "$d/cpuset.cpus" ]; then
        cat "$d/../cpuset.cpus" > "$d/cpuset.cpus"
        cat "$d/../cpuset.mems" > "$d/cpuset.mems"
    fi
done < "$STAGE/cgroups"

sh -c 'while read -r d; do echo $$ > "$d/cgroup.procs" || exit 1; done < "$1/cgroups"
exec taskset -c 0 setpriv --pdeathsig KILL unshare --kill-child --fork --pid --mount --uts --ipc --cgroup --propagation private sh "$1/setup.sh" "$1" "$2" "$3"' \
    lab "$STAGE" "$ID" "$AFFINITY" &
LAB=$!
echo "lab $LAB"

# Any line or end-of-file on the harness pipe means: stop the lab. Killing the lab's PID 1
# kills every process in its PID namespace; unshare then reaps it and exits.
stop_lab() {
    for child in $(cat "/proc/$LAB/task/$LAB/children" 2>/dev/null); do
        kill -KILL "$child" 2>/dev/null
    done
    i=0
    while kill -0 $LAB 2>/dev/null && [ $i -lt 40 ]; do
        sleep 0.05
        i=$((i + 1))
    done
    kill -KILL $LAB 2>/dev/null
}
( read -r _ <&3; stop_lab ) &
GUARD=$!
wait $LAB
kill -KILL $GUARD 2>/dev/null
wait $GUARD 2>/dev/null
teardown
