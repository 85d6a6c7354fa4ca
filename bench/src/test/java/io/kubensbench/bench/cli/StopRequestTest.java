package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Ctrl-C's hook holds the JVM until the campaign has cleaned up, however long that takes. */
class StopRequestTest {

    @Test
    void theHookSetsTheFlagSaysSoAndReturnsOnlyOnceTheCampaignIsClosed() throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        StringWriter err = new StringWriter();
        StopRequest request = new StopRequest(stop, new PrintWriter(err, true), "stopping: the current run ends");
        Thread hook = new Thread(request::stop, "hook");

        hook.start();
        while (!stop.get()) {
            Thread.sleep(5);
        }
        hook.join(500);
        assertThat(hook.isAlive()).as("clean-up has not ended yet").isTrue();

        request.close();
        hook.join(5_000);
        assertThat(hook.isAlive()).isFalse();
        assertThat(err.toString().lines()).containsExactly("", "kubens-bench: stopping: the current run ends");
    }

    @Test
    void anInterruptedHookKeepsWaitingForTheCleanUp() throws InterruptedException {
        StopRequest request = new StopRequest(new AtomicBoolean(), new PrintWriter(new StringWriter()), "stopping");
        Thread hook = new Thread(request::stop, "hook");

        hook.start();
        hook.interrupt();
        hook.join(300);
        assertThat(hook.isAlive()).isTrue();

        request.close();
        hook.join(5_000);
        assertThat(hook.isAlive()).isFalse();
    }
}
