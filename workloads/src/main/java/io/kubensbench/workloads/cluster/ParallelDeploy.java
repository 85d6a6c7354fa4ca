package io.kubensbench.workloads.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * Creates the objects of every pod a few pods at a time, so that the QPS budget, not the API
 * server's round trip, sets the pace. Each pod's objects go in order (Secrets and ConfigMaps
 * before the pod that mounts them); the first failure stops new pods and is thrown once the
 * creates in flight have finished.
 */
final class ParallelDeploy {

    /**
     * Pods created at a time. Each waits for its API round trip; four keep a budget of
     * 80 writes/s busy even at 50 ms per request, and still create pods roughly in order.
     */
    private static final int WORKERS = 4;

    private final WorkloadApi api;
    private final String threadName;

    ParallelDeploy(WorkloadApi api, String threadName) {
        this.api = api;
        this.threadName = threadName;
    }

    /**
     * Creates {@code objectsOf.apply(index)} for every pod index below {@code pods}.
     *
     * @param createdSoFar told the number of objects in place after each one, one call at a time
     * @return the number of objects in place
     */
    int deploy(int pods, IntFunction<List<HasMetadata>> objectsOf, IntConsumer createdSoFar)
            throws IOException, InterruptedException {
        AtomicInteger nextIndex = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Progress created = new Progress(createdSoFar);
        Callable<Void> worker = () -> {
            try {
                for (int index = nextIndex.getAndIncrement(); index < pods && failure.get() == null;
                        index = nextIndex.getAndIncrement()) {
                    for (HasMetadata object : objectsOf.apply(index)) {
                        api.create(object);
                        created.add();
                    }
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                failure.compareAndSet(null, e);
            }
            return null;
        };
        int workers = Math.min(WORKERS, pods);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers), r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                running.add(pool.submit(worker));
            }
            for (Future<Void> future : running) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("deploy worker failed outside its own handling", e);
        } finally {
            pool.shutdownNow();
        }
        Exception failed = failure.get();
        if (failed instanceof IOException io) {
            throw io;
        }
        if (failed instanceof InterruptedException interrupted) {
            throw interrupted;
        }
        if (failed instanceof RuntimeException runtime) {
            throw runtime;
        }
        return created.count();
    }

    /** Objects in place so far, told to the caller one call at a time. */
    private static final class Progress {

        private final IntConsumer listener;
        private int count;

        Progress(IntConsumer listener) {
            this.listener = listener;
        }

        synchronized void add() {
            listener.accept(++count);
        }

        synchronized int count() {
            return count;
        }
    }
}
