package io.kubensbench.workloads.lab;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * The few libc calls the kubelet stand-in needs. Going through JNA instead of forking
 * {@code mount(8)} is what lets the lab create thousands of mounts per second, the rates
 * real nodes see under pod churn.
 */
public interface Libc extends Library {

    long MS_NOSUID = 2L;
    long MS_NODEV = 4L;
    long MS_BIND = 4096L;
    int CLONE_NEWUTS = 0x04000000;
    int CLONE_NEWIPC = 0x08000000;
    int CLONE_NEWNET = 0x40000000;

    /** Loads the process's C library; fails on platforms without one. */
    static Libc load() {
        return Native.load("c", Libc.class);
    }

    int mount(String source, String target, String fstype, NativeLong flags, String data)
            throws LastErrorException;

    int umount2(String target, int flags) throws LastErrorException;

    int unshare(int flags) throws LastErrorException;

    /** Kernel thread id of the calling thread (syscall gettid). */
    int gettid();
}
