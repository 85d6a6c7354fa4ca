package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Ctrl-C's hook holds the JVM until the campaign has cleaned up, however long that takes. */
class StopRequestTest {

    @Test
    void theHookSetsTheFlagSaysSoAndReturnsOnlyOnceTheCampaignIsClosed() throws InterruptedException {
        StringWriter err = new StringWriter();
        StopRequest request = new StopRequest(new PrintWriter(err, true));
        AtomicBoolean stop = request.flag();
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
        assertThat(err.toString().lines()).containsExactly("", "kubens-bench: stopping");
    }

    @Test
    void anInterruptedHookKeepsWaitingForTheCleanUp() throws InterruptedException {
        StopRequest request = new StopRequest(new PrintWriter(new StringWriter()));
        Thread hook = new Thread(request::stop, "hook");

        hook.start();
        hook.interrupt();
        hook.join(300);
        assertThat(hook.isAlive()).isTrue();

        request.close();
        hook.join(5_000);
        assertThat(hook.isAlive()).isFalse();
    }

    @Test
    void aStopWhileTheUserIsAskedLetsTheJvmGoAtOnceAndALaterQuestionIsRefused() throws Exception {
        StopRequest request = new StopRequest(new PrintWriter(new StringWriter()));
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch answered = new CountDownLatch(1);
        Thread main = new Thread(() -> request.asking(() -> {
            asked.countDown();
            try {
                answered.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), "main");
        main.start();
        asked.await();
        Thread hook = new Thread(request::stop, "hook");

        hook.start();
        hook.join(5_000);

        assertThat(hook.isAlive()).as("nothing created yet, and the answer never comes").isFalse();
        answered.countDown();
        main.join(5_000);
        assertThatThrownBy(() -> request.asking(() -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stopped: nothing was switched");
        request.close();
    }
}
