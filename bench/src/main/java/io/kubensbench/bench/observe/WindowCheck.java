package io.kubensbench.bench.observe;

import io.kubensbench.analysis.results.RunRecord;
import java.io.IOException;

/**
 * What happens to each node's record of a finished window before it is written: a cross-check
 * against another source of the same figure for the same node and time (the record carries the
 * node, the window's start and end) adds its reading to the record. None by default.
 */
@FunctionalInterface
public interface WindowCheck {

    /** Records as measured. */
    WindowCheck NONE = record -> record;

    /** The record to write for {@code record}; a check that cannot read says so in it rather than failing. */
    RunRecord amend(RunRecord record) throws IOException;
}
