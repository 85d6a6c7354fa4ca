package io.kubensbench.bench.campaign;

import java.util.regex.Pattern;

/**
 * A container image as the user names it: {@code name[:tag]} or {@code name[:tag]@sha256:<64
 * hex digits>}. The node probe runs with access to every process on a node, so what the
 * reference runs matters: a tag can be moved to other content by whoever controls the
 * registry, a digest cannot. Plans and manifests say which one a campaign uses.
 */
public record ImageReference(String text) {

    /** {@code sha256:} and 64 lowercase hex digits, or {@code sha512:} and 128. */
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128}");

    /** Checks {@code text}; an invalid reference fails with a message naming what is wrong. */
    public ImageReference {
        if (text == null || text.isBlank()
                || text.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("must be an image reference without spaces (got "
                    + (text == null ? "nothing" : "\"" + text + "\"") + ")");
        }
        int at = text.indexOf('@');
        if (at >= 0 && (at == 0 || !DIGEST.matcher(text.substring(at + 1)).matches())) {
            throw new IllegalArgumentException("must be NAME[:TAG]@sha256:<64 lowercase hex digits> when it has"
                    + " a digest (got \"" + text + "\")");
        }
    }

    /** Whether the reference names its content by digest, so the registry cannot change what runs. */
    public boolean pinned() {
        return text.indexOf('@') > 0;
    }

    /**
     * {@code pinned by digest} or {@code not pinned: the tag ... can be moved to other
     * content; give IMAGE@sha256:... to pin it}: what a plan says about the image.
     */
    public String pinning() {
        if (pinned()) {
            return "pinned by digest";
        }
        int slash = text.lastIndexOf('/');
        int colon = text.lastIndexOf(':');
        String tag = colon > slash ? text.substring(colon + 1) : "latest";
        return "not pinned: the tag " + tag + " can be moved to other content; give NAME@sha256:... to pin it";
    }

    @Override
    public String toString() {
        return text;
    }
}
