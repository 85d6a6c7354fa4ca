# kubens-bench node probe, line format "kbprobe v2".
#
# Runs on every node (hostPID, no volumes) and prints, every PROBE_INTERVAL seconds, one line
# with what the product documentation's verification reads (the mount namespaces of PID 1,
# kubelet and the container runtime), the counters a CPU rate needs (PID 1's and kubelet's
# stat and schedstat, the node's CPU, the probe's own cost) and PID 1's mount table as last
# counted. The harness reads the lines from the pod log and computes every rate from counter
# deltas and the node's clock. A value that cannot be read is "-", and the probe goes on.
#
# POSIX sh (busybox sh, dash, bash). Per line it forks sleep and nothing else (with
# PROBE_NS_LINKS=1, a readlink when a process is new or has changed namespace). Needs sh and
# sleep; getconf once if present. Counting the mount table needs wc (mounts only), or sort
# and a writable directory for two sorted snapshots of /proc/1/mountinfo (PROBE_STATE, else
# /dev/shm, which a container has even with a read-only root, else $TMPDIR or /tmp) and
# either comm --total (GNU coreutils 8.26+, e.g. ubi-minimal's coreutils-single) or uniq and
# wc (busybox); cat if present. Without them mounts1= and events1= are "-". A count forks
# cat, sort and comm: the read builtin takes a byte per system call, which over a 3,000-line
# table costs more than those forks.
#
# Mount events are the lines of PID 1's mountinfo that appear plus those that disappear
# between two counts (a line that changes, e.g. a mount id reused for another mount, is one
# of each); a mount made and removed between two counts is not seen. events1= is cumulative
# from the probe's first count and counted= names the line that made the last count and the
# node's uptime then, so the events over any span are a difference of two counters. After a
# count that cost c of CPU (the probe's own and its children's ticks around it, averaged over
# all counts, since a tick is 10 ms) the next comes no sooner than c / budget later: at
# 3,000 mounts and the default budget, about every 10 to 15 s.
#
# Two ways to tell mount namespaces apart, both printed when they can be read:
# - mntid=: the id of the mount at "/" in each process's /proc/PID/mountinfo. Mount ids are
#   unique across the node's mount namespaces, so two processes show the same root mount id
#   exactly when they share a namespace. Any user can read another process's mountinfo: this
#   is what an unprivileged probe compares.
# - ns1=, kubelet=PID,LINK, runtime=PID,LINK: the /proc/PID/ns/mnt links the product
#   documentation's check reads. Reading another process's link needs ptrace read access
#   (PTRACE_MODE_READ_FSCREDS: the same user and, for the node's daemons, root with
#   CAP_SYS_PTRACE); with PROBE_NS_LINKS=0 the probe does not try (no readlink forks).
#
# Environment: PROBE_INTERVAL (seconds, fractions if sleep takes them; default 1),
# PROC (default /proc), KUBELET_COMM (default kubelet), RUNTIME_COMM (default crio),
# PROBE_NS_LINKS (1, the default, reads the namespace links; 0 does not),
# PROBE_MOUNT_BUDGET_PPM (the share of a core counting may use, in millionths; default 1000,
# 0 counts on every line), PROBE_STATE, NODE_NAME (from the downward API; only echoed in the
# start line).

PROC=${PROC:-/proc}
PROBE_INTERVAL=${PROBE_INTERVAL:-1}
KUBELET_COMM=${KUBELET_COMM:-kubelet}
RUNTIME_COMM=${RUNTIME_COMM:-crio}
PROBE_NS_LINKS=${PROBE_NS_LINKS:-1}
PROBE_MOUNT_BUDGET_PPM=${PROBE_MOUNT_BUDGET_PPM:-1000}
IFS=' 	
'
set -f
# Nothing the probe could say on stderr helps the harness (a value it cannot read is "-"), and
# sending stderr nowhere once spares opening /dev/null for every file it reads.
exec 2>/dev/null
# Every tool the probe runs prints numbers, and sorts by byte; in the C locale none of them
# (sleep, once a line) loads locale files: a third of what a sleep costs.
LC_ALL=C
export LC_ALL

# True when $1 is a non-negative integer (arithmetic on anything else would end the shell).
num() {
    case $1 in
        '' | *[!0-9]*) return 1 ;;
    esac
}

# Reads PID $1's stat (under $2, default $PROC) into st_start st_utime st_stime st_cutime
# st_cstime st_threads. Parses after the last ')' so a command name with spaces or
# parentheses cannot shift fields; splitting at ')' finds it in one pass, where ${line##*)}
# costs dash a pass per character.
read_stat() {
    line=
    read -r line < "${2:-$PROC}/$1/stat"
    case $line in
        *')'*) ;;
        *) return 1 ;;
    esac
    IFS=')'
    set -- $line
    IFS=' 	
'
    eval "set -- \${$#}"
    [ $# -ge 20 ] || return 1
    st_utime=${12} st_stime=${13} st_cutime=${14} st_cstime=${15} st_threads=${18} st_start=${20}
    num "$st_utime" && num "$st_stime" && num "$st_cutime" && num "$st_cstime" && num "$st_start"
}

# "<starttime>,<utime>,<stime>,<schedstat ns>" of PID $1 into cpuv. schedstat covers one
# thread, so a multi-threaded process gets "-" there rather than a figure that undercounts.
read_cpu() {
    cpuv=-,-,-,-
    [ "$1" = - ] && return
    read_stat "$1" || return
    sched=-
    if [ "$st_threads" = 1 ]; then
        read -r sched rest < "$PROC/$1/schedstat"
        num "$sched" || sched=-
    fi
    cpuv=$st_start,$st_utime,$st_stime,$sched
}

# The mount namespace link of PID $1 into nsv; "-" when the process is unknown or the link
# cannot be read (reading it needs ptrace read access: CAP_SYS_PTRACE). A process changes
# namespace exactly when the id of its root mount ($2, read without a fork) changes, so the
# link is read (a readlink fork) only when the process or that id differ from the last
# reading, kept in the variables named $3 (for which "PID:ID") and $4 (the link).
read_ns() {
    nsv=-
    [ "$1" = - ] && return
    [ "$PROBE_NS_LINKS" = 1 ] || return
    key=$1:$2
    eval "old_key=\$$3 old_ns=\$$4"
    if [ "$2" != - ] && [ "$key" = "$old_key" ]; then
        nsv=$old_ns
        return
    fi
    nsv=$(readlink "$PROC/$1/ns/mnt") || nsv=-
    [ -n "$nsv" ] || nsv=-
    eval "$3=\$key $4=\$nsv"
}

# The id of the mount at "/" in PID $1's mountinfo into mntv; "-" when the process is unknown
# or its mountinfo cannot be read. Needs no ptrace access. The root mount is among the first
# lines (the oldest mounts of a namespace), so the loop reads a few lines, not the table.
read_mntid() {
    mntv=-
    [ "$1" = - ] && return
    while read -r m_id m_parent m_dev m_root m_point m_rest; do
        if [ "$m_point" = / ]; then
            mntv=$m_id
            break
        fi
    done < "$PROC/$1/mountinfo"
    num "$mntv" || mntv=-
}

# The comm of PID $1 into commv (empty when the process is gone).
read_comm() {
    commv=
    read -r commv < "$PROC/$1/comm"
}

# The lowest-listed PID whose comm is exactly $1 into found, "-" when there is none.
find_comm() {
    found=-
    set +f
    for d in "$PROC"/[0-9]*; do
        read_comm "${d##*/}"
        if [ "$commv" = "$1" ]; then
            found=${d##*/}
            break
        fi
    done
    set -f
}

# Keeps a cached PID while it is alive under the same name, and looks again when it is gone.
# A process that is not running is looked for on every RESCAN-th line only: a scan reads the
# comm of every process on the node, which would make the probe's own cost the largest one.
# $1 cached pid, $2 comm, $3 the line of the last scan; result in found and scanned.
RESCAN=10
track() {
    found=$1
    scanned=$3
    if [ "$1" != - ]; then
        read_comm "$1"
        [ "$commv" = "$2" ] && return
    elif [ "$3" -gt 0 ] && [ $((seq - $3)) -lt $RESCAN ]; then
        return
    fi
    find_comm "$2"
    scanned=$seq
}

# The node's uptime "12345.67" in hundredths of a second into cs; fails on anything else.
# The fraction goes through "1$frac - 100" so a leading zero is not read as octal.
centis() {
    case $1 in
        *[!0-9.]* | .* | *. | *.*.*) return 1 ;;
        *.??) cs=$((${1%.*} * 100 + 1${1#*.} - 100)) ;;
        *) return 1 ;;
    esac
}

# The probe's own CPU so far (itself and its reaped children) in ticks into selfv, "-" when
# unreadable. The probe's own process is always in /proc, whatever PROC points at.
self_ticks() {
    selfv=-
    if read_stat "$self" /proc; then
        selfv=$((st_utime + st_stime + st_cutime + st_cstime))
    fi
}

# How the mount table is counted, chosen once: "total" (sort, comm --total: mounts and
# events), "uniq" (sort, uniq, wc: both), "wc" (mounts only) or "-" (neither).
count_method() {
    method=-
    command -v wc > /dev/null 2>&1 && method=wc
    command -v sort > /dev/null 2>&1 || return
    for d in ${PROBE_STATE:-} /dev/shm "${TMPDIR:-/tmp}"; do
        if [ -d "$d" ] && : > "$d/kbprobe.$$.a" && : > "$d/kbprobe.$$.b"; then
            snap_old=$d/kbprobe.$$.a
            snap_new=$d/kbprobe.$$.b
            state=$d
            command -v cat > /dev/null 2>&1 && raw=$d/kbprobe.$$.raw
            break
        fi
    done
    [ -n "$state" ] || return
    set -- $(comm --total -123 "$snap_old" "$snap_new")
    if [ "$1 $2 $3" = "0 0 0" ]; then
        method=total
    elif command -v uniq > /dev/null 2>&1 && [ "$method" = wc ]; then
        method=uniq
    fi
}

# Counts PID 1's mount table: mounts1 and, from the second count on, the lines that changed
# since the last good count added to events1. counted becomes "SEQ,UPTIME" of this line. A
# count that fails leaves the last good one standing, so no change is lost or counted twice.
count_mounts() {
    case $method in
        total | uniq)
            # cat reads the table in big pieces; GNU sort reads a /proc file in small ones, and
            # each makes the kernel walk the mount list again (70 ms instead of 10 at 3,000 mounts).
            src=$PROC/1/mountinfo
            if [ -n "$raw" ]; then
                cat "$src" > "$raw" || return
                src=$raw
            fi
            TMPDIR=$state sort -o "$snap_new" "$src" || return
            if [ "$method" = total ]; then
                set -- $(comm --total -123 "$snap_old" "$snap_new")
                num "$1" && num "$2" && num "$3" || return
                n=$(($2 + $3))
                changed=$(($1 + $2))
            else
                n=$(wc -l < "$snap_new")
                changed=$(sort "$snap_old" "$snap_new" | uniq -u | wc -l)
                n=${n#"${n%%[! ]*}"}
                changed=${changed#"${changed%%[! ]*}"}
                num "$n" && num "$changed" || return
            fi
            # The first good count is the baseline the events are counted from.
            if [ "$events1" = - ]; then
                events1=0
            else
                events1=$((events1 + changed))
            fi
            # The new snapshot becomes the one the next count compares with.
            t=$snap_old
            snap_old=$snap_new
            snap_new=$t
            ;;
        wc)
            n=$(wc -l < "$PROC/1/mountinfo") || return
            n=${n#"${n%%[! ]*}"}
            num "$n" || return
            ;;
        *) return ;;
    esac
    mounts1=$n
    counted=$seq,$up
}

hz=$(getconf CLK_TCK) || hz=
num "$hz" && [ "$hz" -gt 0 ] || hz=100
boot=-
read -r boot < "$PROC/sys/kernel/random/boot_id"
[ -n "$boot" ] || boot=-
self=$$
selfstart=-
read_stat "$self" /proc && selfstart=$st_start

# systemd's version, from the shared library PID 1 has mapped (libsystemd-shared-252.so): the
# version actually running, read once (PID 1 only changes with a reboot, which restarts the probe).
sdver=-
while read -r _a _b _c _d _e path; do
    case $path in
        */libsystemd-shared-*.so)
            sdver=${path##*/libsystemd-shared-}
            sdver=${sdver%.so}
            break
            ;;
    esac
done < "$PROC/1/maps"
case $sdver in '' | *[!0-9A-Za-z.~+-]*) sdver=- ;; esac
state= raw=
count_method
[ -z "$state" ] || trap 'rm -f "$snap_old" "$snap_new" "$raw"' EXIT
trap 'exit 0' HUP INT TERM
num "$PROBE_MOUNT_BUDGET_PPM" || PROBE_MOUNT_BUDGET_PPM=1000
printf '%s\n' "kbprobe v2 start node=${NODE_NAME:--} interval=$PROBE_INTERVAL systemd=$sdver count=$method" || exit 0

seq=0 kpid=- kscan=0 rpid=- rscan=0 comm1=- mnt1=-
ns1_key= ns1_link= kns_key= kns_link= rns_key= rns_link=
# The last count of PID 1's table, and what the counts cost so far (ticks) to space the next.
mounts1=- events1=- counted=- counts=0 count_cost=0 next_count=0
while :; do
    seq=$((seq + 1))

    up=
    read -r up rest < "$PROC/uptime"
    [ -n "$up" ] || up=-

    read_cpu 1
    pid1=$cpuv
    # PID 1's name and namespace change only with a reboot, which restarts the probe: read
    # until known, then kept.
    if [ "$comm1" = - ]; then
        read_comm 1
        comm1=${commv:--}
        while :; do
            case $comm1 in
                *' '*) comm1="${comm1%% *}_${comm1#* }" ;;
                *) break ;;
            esac
        done
    fi
    # Count the mount table when the budget allows (always on the first line). The cost is
    # the probe's own ticks around the count, averaged over every count so far.
    if centis "$up" && [ "$cs" -ge "$next_count" ]; then
        self_ticks
        before=$selfv
        count_mounts
        self_ticks
        if num "$before" && num "$selfv"; then
            counts=$((counts + 1))
            count_cost=$((count_cost + selfv - before))
            if [ "$PROBE_MOUNT_BUDGET_PPM" -gt 0 ]; then
                next_count=$((cs + count_cost * 100000000 / (hz * counts * PROBE_MOUNT_BUDGET_PPM)))
            fi
        fi
    fi
    if [ "$mnt1" = - ]; then
        read_mntid 1
        mnt1=$mntv
    fi
    read_ns 1 "$mnt1" ns1_key ns1_link
    ns1=$nsv

    track "$kpid" "$KUBELET_COMM" "$kscan"
    kpid=$found
    kscan=$scanned
    read_mntid "$kpid"
    kmnt=$mntv
    read_ns "$kpid" "$kmnt" kns_key kns_link
    kns=$nsv
    read_cpu "$kpid"
    kcpu=$cpuv

    track "$rpid" "$RUNTIME_COMM" "$rscan"
    rpid=$found
    rscan=$scanned
    read_mntid "$rpid"
    rmnt=$mntv
    read_ns "$rpid" "$rmnt" rns_key rns_link
    rns=$nsv

    cpu=-,-
    c=
    read -r c u n s i w q sq st rest < "$PROC/stat"
    if [ "$c" = cpu ] && num "$u" && num "$n" && num "$s" && num "$i" && num "$w" && num "$q" \
        && num "$sq" && num "$st"; then
        busy=$((u + n + s + q + sq + st))
        cpu=$busy,$((busy + i + w))
    fi

    self_ticks

    printf '%s\n' "kbprobe v2 seq=$seq up=$up hz=$hz boot=$boot pid1=$pid1 comm1=$comm1 mounts1=$mounts1 events1=$events1 counted=$counted ns1=$ns1 kubelet=$kpid,$kns kubeletcpu=$kcpu runtime=$rpid,$rns mntid=$mnt1,$kmnt,$rmnt cpu=$cpu self=$selfv probe=$self,$selfstart systemd=$sdver" \
        || exit 0
    sleep "$PROBE_INTERVAL" || sleep 1
done
