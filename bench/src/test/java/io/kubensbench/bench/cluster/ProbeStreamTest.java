package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Following one node's probe log: latest line, waiting for the next, bad lines, breaks. */
class ProbeStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Long enough that a test never sees a reopen it did not ask for. */
    private static final Duration NEVER = Duration.ofHours(1);

    @Test
    void keepsTheLatestOfAllLinesOfTheLog() throws Exception {
        try (ProbeStream stream = new ProbeStream("worker-a", resume -> resume ? empty() : text("shared-namespace.txt"),
                NEVER)) {
            awaitLines(stream, 5);

            assertThat(stream.latest().seq()).isEqualTo(5);
            assertThat(stream.latest()).isEqualTo(ProbeCaptures.last("shared-namespace.txt"));
            assertThat(stream.malformed()).isZero();
            assertThat(stream.problem()).isNull();
            assertThat(stream.node()).isEqualTo("worker-a");
        }
    }

    @Test
    void awaitNextReturnsTheLineAfterTheCurrentOneAndFailsNamingTheNodeWhenNoneComes() throws Exception {
        PipedOutputStream probe = new PipedOutputStream();
        PipedInputStream log = new PipedInputStream(probe);
        List<String> lines = ProbeCaptures.text("shared-namespace.txt").lines().toList();
        try (ProbeStream stream = new ProbeStream("worker-a", resume -> resume ? empty() : log, NEVER)) {
            assertThat(stream.latest()).isNull();
            write(probe, lines.get(0));
            write(probe, lines.get(1));
            awaitLines(stream, 1);

            assertThat(nextAfterWriting(stream, probe, lines.get(2)).seq()).isEqualTo(2);
            assertThatThrownBy(() -> stream.awaitNext(Duration.ofMillis(200)))
                    .isInstanceOf(IOException.class)
                    .hasMessage("no probe line from node worker-a within 200ms");
            assertThat(nextAfterWriting(stream, probe, lines.get(3)).seq()).isEqualTo(3);
        }
    }

    @Test
    void malformedLinesAreCountedAndTheFirstErrorIsKeptWhileGoodLinesGoOn() throws Exception {
        List<String> good = ProbeCaptures.text("shared-namespace.txt").lines().toList();
        String log = String.join("\n", good.get(0), good.get(1),
                good.get(2).replace("mounts1=1873", "mounts1=many"), "unrelated output",
                good.get(3).replace("hz=100", "hz=0"), good.get(4), "");
        try (ProbeStream stream = new ProbeStream("worker-a", resume -> resume ? empty() : bytes(log), NEVER)) {
            awaitLines(stream, 2);

            assertThat(stream.latest().seq()).isEqualTo(4);
            assertThat(stream.malformed()).isEqualTo(2);
            assertThat(stream.problem()).startsWith("node worker-a: probe token mounts1=many")
                    .endsWith("(and 1 more malformed lines)");
        }
    }

    @Test
    void aLogThatEndsIsReopenedForTheNewestLineOnlyAndARepeatCountsOnce() throws Exception {
        List<String> reboot = ProbeCaptures.text("reboot.txt").lines().toList();
        String before = String.join("\n", reboot.subList(0, 4)) + "\n";
        String after = String.join("\n", reboot.subList(4, reboot.size())) + "\n";
        AtomicInteger opened = new AtomicInteger();
        List<Boolean> resumed = new CopyOnWriteArrayList<>();
        ProbeStream.Source source = resume -> {
            resumed.add(resume);
            return switch (opened.getAndIncrement()) {
                case 0 -> bytes(before);
                case 1 -> bytes(reboot.get(3) + "\n" + after);
                default -> empty();
            };
        };
        try (ProbeStream stream = new ProbeStream("worker-d", source, Duration.ofMillis(10))) {
            awaitLines(stream, 6);

            assertThat(stream.latest().bootId()).isEqualTo(ProbeCaptures.last("reboot.txt").bootId());
            assertThat(stream.latest().seq()).isEqualTo(3);
            assertThat(List.copyOf(resumed).subList(0, 2)).containsExactly(false, true);
            assertThat(stream.reopened()).isPositive();
        }
    }

    @Test
    void aLogThatStallsWithoutClosingIsReopenedAfterTheIdleLimit() throws Exception {
        List<String> lines = ProbeCaptures.text("shared-namespace.txt").lines().toList();
        // The start line, seq 1 and 2; after the reopen seq 2 again (the newest), then 3 to 5.
        Silent first = new Silent(String.join("\n", lines.subList(0, 3)) + "\n");
        List<Boolean> resumed = new CopyOnWriteArrayList<>();
        ProbeStream.Source source = resume -> {
            resumed.add(resume);
            return resume ? new Silent(String.join("\n", lines.subList(2, lines.size())) + "\n") : first;
        };
        try (ProbeStream stream = new ProbeStream("worker-s", source, Duration.ofMillis(10), Duration.ofMillis(300))) {
            awaitLines(stream, 2);
            assertThat(stream.stalls()).as("seq 1 and 2, then silence").isZero();

            awaitLines(stream, 5);

            assertThat(first.closed).as("the silent log was closed").isTrue();
            assertThat(stream.stalls()).isPositive();
            assertThat(stream.reopened()).isPositive();
            assertThat(List.copyOf(resumed).subList(0, 2)).containsExactly(false, true);
            assertThat(stream.latest()).isEqualTo(ProbeCaptures.last("shared-namespace.txt"));
            assertThat(stream.problem()).isEqualTo("the probe log of node worker-s stalled: no line for 300ms;"
                    + " reopened");
        }
    }

    @Test
    void theIdleLimitIsThreeIntervalsAndAtLeastFiveSeconds() {
        assertThat(ProbeStream.idleLimit(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(5));
        assertThat(ProbeStream.idleLimit(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(30));
    }

    /** A log that delivers its text and then nothing, without ending, until closed: a stalled connection. */
    private static final class Silent extends InputStream {
        private final InputStream text;
        private final CompletableFuture<Void> closing = new CompletableFuture<>();
        volatile boolean closed;

        Silent(String text) {
            this.text = bytes(text);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (text.available() > 0) {
                return text.read(b, off, Math.min(len, text.available()));
            }
            try {
                closing.get();
            } catch (Exception e) {
                throw new IOException(e);
            }
            throw new IOException("Stream closed");
        }

        @Override
        public void close() {
            closed = true;
            closing.complete(null);
        }
    }

    @Test
    void aLogThatCannotBeReopenedIsTheStreamsProblem() throws Exception {
        ProbeStream.Source source = resume -> {
            if (resume) {
                throw new IOException("no probe pod on node worker-e in namespace kb-probe");
            }
            return text("this-machine.txt");
        };
        try (ProbeStream stream = new ProbeStream("worker-e", source, Duration.ofMillis(10))) {
            awaitLines(stream, 5);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (stream.problem() == null && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }

            assertThat(stream.problem()).isEqualTo("the probe log of node worker-e broke: no probe pod on node"
                    + " worker-e in namespace kb-probe");
            assertThatThrownBy(() -> stream.awaitNext(Duration.ofMillis(50)))
                    .hasMessageEndingWith(": " + stream.problem());
        }
    }

    @Test
    void closingEndsTheThreadAndLaterWaitsFailAtOnce() throws Exception {
        PipedInputStream log = new PipedInputStream(new PipedOutputStream());
        ProbeStream stream = new ProbeStream("worker-a", resume -> log, NEVER);
        stream.close();

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("probe-stream-worker-a"));
        assertThatThrownBy(() -> stream.awaitNext(WAIT)).hasMessageContaining("stream closed");
    }

    static void awaitLines(ProbeStream stream, long n) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (stream.lines() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(stream.lines()).as("lines of node %s (problem: %s)", stream.node(), stream.problem()).isEqualTo(n);
    }

    /** Calls awaitNext, and writes {@code line} once the call is waiting. */
    private static ProbeLine nextAfterWriting(ProbeStream stream, PipedOutputStream probe, String line)
            throws Exception {
        CompletableFuture<ProbeLine> next = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                next.complete(stream.awaitNext(WAIT));
            } catch (IOException | RuntimeException e) {
                next.completeExceptionally(e);
            }
        });
        waiter.start();
        while (waiter.getState() != Thread.State.TIMED_WAITING && !next.isDone()) {
            Thread.sleep(1);
        }
        write(probe, line);
        return next.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static void write(PipedOutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static InputStream text(String capture) {
        return bytes(ProbeCaptures.text(capture));
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static InputStream empty() {
        return InputStream.nullInputStream();
    }
}
