package io.kubensbench.workloads.spec;

/** Range checks that fail with the field path, shared by the spec records. */
final class Checks {

    private Checks() {
    }

    static int between(String path, int value, int min, int max) {
        if (value < min || value > max) {
            throw outOfRange(path, value, min, max);
        }
        return value;
    }

    static double between(String path, double value, int min, int max) {
        if (!(value >= min && value <= max)) { // also rejects NaN
            throw outOfRange(path, value, min, max);
        }
        return value;
    }

    static <T> T required(String path, T value) {
        if (value == null) {
            throw new InvalidSpecException(path, "is required");
        }
        return value;
    }

    private static InvalidSpecException outOfRange(String path, Object value, int min, int max) {
        return new InvalidSpecException(path,
                "must be between " + min + " and " + max + " (got " + value + ")");
    }
}
