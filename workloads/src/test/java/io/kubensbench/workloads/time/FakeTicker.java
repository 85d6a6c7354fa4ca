package io.kubensbench.workloads.time;

import java.util.ArrayList;
import java.util.List;

/** A clock that stands still until a sleep moves it on: waits run in no time, exactly. */
final class FakeTicker implements Ticker {

    final List<Long> sleeps = new ArrayList<>();
    long now = 1_000;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void sleep(long nanos) {
        sleeps.add(nanos);
        now += nanos;
    }
}
