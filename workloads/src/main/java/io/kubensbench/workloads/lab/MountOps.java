package io.kubensbench.workloads.lab;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import java.io.IOException;

/**
 * mount(2) and umount2(2) with errors turned into exceptions that name the path and the
 * errno, so a failing pod tells the user which mount and why.
 */
final class MountOps {

    private final Libc libc;

    MountOps(Libc libc) {
        this.libc = libc;
    }

    void mount(String source, String target, String fstype, long flags, String data)
            throws IOException {
        try {
            libc.mount(source, target, fstype, new NativeLong(flags), data);
        } catch (LastErrorException e) {
            throw new IOException("mount " + fstype + " on " + target + ": errno "
                    + e.getErrorCode() + " (" + Errno.name(e.getErrorCode()) + ")", e);
        }
    }

    void umount(String target) throws IOException {
        try {
            libc.umount2(target, 0);
        } catch (LastErrorException e) {
            throw new IOException("umount " + target + ": errno " + e.getErrorCode()
                    + " (" + Errno.name(e.getErrorCode()) + ")", e);
        }
    }

    void unshare(int flags) throws IOException {
        try {
            libc.unshare(flags);
        } catch (LastErrorException e) {
            throw new IOException("unshare(" + Integer.toHexString(flags) + "): errno "
                    + e.getErrorCode() + " (" + Errno.name(e.getErrorCode()) + ")", e);
        }
    }

    int gettid() {
        return libc.gettid();
    }
}
