package io.kubensbench.analysis.compare;

/** A check the CI gate made and the exit code it calls for on its own (0 when it passed). */
record Finding(Check check, int code) {

    static Finding pass(String level, String metric, String message) {
        return new Finding(new Check(level, metric, true, message), Comparison.PASS);
    }

    static Finding fail(String level, String metric, String message, int code) {
        return new Finding(new Check(level, metric, false, message), code);
    }
}
