package io.kubensbench.analysis.model;

import io.kubensbench.analysis.results.RunRecord;
import java.util.List;

/** Fits a {@link LoadModel} per encapsulation state from a campaign's runs. */
public final class LoadModels {

    private LoadModels() {
    }

    /**
     * One model per encapsulation state with valid runs ({@code off} first), over all arms in
     * that state; empty when no level has a load (no valid run with encapsulation off).
     *
     * @param runs the campaign's runs, valid or not (invalid ones are left out)
     */
    public static List<LoadModel> fit(List<RunRecord> runs) {
        throw new UnsupportedOperationException("not yet");
    }
}
