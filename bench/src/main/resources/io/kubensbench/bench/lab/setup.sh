#!/bin/sh
# kubens-bench lab node set-up. Runs as PID 1 of the lab's new PID, mount, UTS, IPC and
# cgroup namespaces (mount propagation private, so nothing here reaches the host), then
# execs systemd as the lab node's PID 1.
#
# usage: setup.sh STAGE ID AFFINITY
#   STAGE/binds    "hierarchy-mountpoint lab-sub-cgroup" per line
#   STAGE/systemd  path of the systemd binary
set -eu
STAGE=$1
ID=$2
AFFINITY=$3

mount -t proc -o nosuid,nodev,noexec proc /proc

# cgroups: the lab sees its own sub-cgroup as the root of every hierarchy.
while read -r mnt sub; do
    mount --bind "$sub" "$mnt"
done < "$STAGE/binds"
if [ "$(stat -f -c %T /sys/fs/cgroup)" = tmpfs ]; then
    mount -o remount,bind,ro /sys/fs/cgroup
fi
mount -o remount,bind,ro /sys

# Everything the lab writes lives on tmpfs inside the lab.
mount -t tmpfs -o mode=0755,nosuid,nodev kubens-lab-run /run
mkdir -p /run/lab/units /run/lab/bin /run/lab/tmp /run/lab/dev
cp "$STAGE"/units/* /run/lab/units/
cp "$STAGE"/kubensenter /run/lab/bin/kubensenter
chmod 0755 /run/lab/bin/kubensenter
SYSTEMD=$(cat "$STAGE/systemd")
: > /run/lab/console

mount -t tmpfs -o mode=0755,nosuid,nodev kubens-lab-varlib /var/lib
mkdir -p /var/lib/kubelet/pods /var/lib/containers/storage/overlay \
    /run/containers/storage/overlay-containers /run/netns /run/ipcns /run/utsns

# A private /dev with the nodes a node's processes use; /dev/console is a log file.
mount -t tmpfs -o mode=0755,nosuid kubens-lab-dev /run/lab/dev
for n in null zero full random urandom tty; do
    : > "/run/lab/dev/$n"
    mount --bind "/dev/$n" "/run/lab/dev/$n"
done
: > /run/lab/dev/console
mount --bind /run/lab/console /run/lab/dev/console
mkdir /run/lab/dev/shm
mount -t tmpfs -o mode=1777,nosuid,nodev shm /run/lab/dev/shm
ln -s /proc/self/fd /run/lab/dev/fd
ln -s /proc/self/fd/0 /run/lab/dev/stdin
ln -s /proc/self/fd/1 /run/lab/dev/stdout
ln -s /proc/self/fd/2 /run/lab/dev/stderr
mount --move /run/lab/dev /dev

# A real host's systemd makes / shared; systemd in a container leaves that to its manager.
mount --make-rshared /
# The host's root file system stays read-only for everything in the lab.
mount -o remount,bind,ro /

hostname "kubens-lab-$ID"
taskset -p -c "$AFFINITY" $$ > /dev/null
exec env -i container=kubens-bench SYSTEMD_UNIT_PATH=/run/lab/units \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    "$SYSTEMD" --system --unit=kubens-lab.target --log-target=console --log-level=notice \
    --show-status=false
