package io.kubensbench.bench.campaign;

import java.util.regex.Pattern;

/**
 * One arm of a campaign: a name and the encapsulation state its runs are measured in. The
 * name is separate from the state so that an A/A calibration can measure the same state
 * twice ({@code off-a} against {@code off-b}) and show how much two identical arms differ by
 * chance alone. The name ends up in results and on the command line, hence the short,
 * lowercase, shell-safe form.
 *
 * <p>Invalid values fail with an {@link InvalidCampaignException} whose path is relative to
 * the arm ({@code name}, {@code encapsulation}); the reader re-roots it onto
 * {@code arms[i]}.
 */
public record ArmSpec(String name, Encapsulation state) {

    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,30}");

    public ArmSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidCampaignException("name", "must be 1 to 31 lowercase letters, digits or '-',"
                    + " starting with a letter or digit (got " + Shown.text(name) + ")");
        }
        if (state == null) {
            throw new InvalidCampaignException("encapsulation", "is required (off or on)");
        }
    }

    /** The shorthand arm {@code off} or {@code on}: named after its state. */
    public static ArmSpec of(Encapsulation state) {
        return new ArmSpec(state.label(), state);
    }
}
