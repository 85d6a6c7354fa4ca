package io.kubensbench.bench.cluster;

import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's log as the API server serves it: every line printed so far, and the responses
 * following it. A follower gets the whole log (or its last lines, for {@code tailLines}) and
 * then each line as it is printed, as {@code kubectl logs -f} does; what each response was sent
 * is kept, so a test can hold what the harness read against what the server wrote.
 */
final class PodLog {

    private final List<String> lines = new ArrayList<>();
    private final List<Follower> followers = new ArrayList<>();
    private final List<Follower> all = new ArrayList<>();

    /** One response following the log, and the lines written to it. */
    private record Follower(HttpServerResponse response, List<String> sent) {
        void send(String line) {
            if (!response.closed() && !response.ended()) {
                sent.add(line);
                response.write(line + "\n");
            }
        }
    }

    /** Appends a line, and writes it to every follower. */
    synchronized void print(String line) {
        lines.add(line);
        for (Follower f : followers) {
            f.send(line);
        }
    }

    /** Serves the log on {@code response}: the last {@code tail} lines (all when negative), then each new one. */
    synchronized void follow(HttpServerResponse response, int tail) {
        response.setChunked(true).putHeader("Content-Type", "text/plain");
        Follower follower = new Follower(response, new ArrayList<>());
        for (String line : lines.subList(tail < 0 ? 0 : Math.max(0, lines.size() - tail), lines.size())) {
            follower.send(line);
        }
        followers.add(follower);
        all.add(follower);
        response.closeHandler(v -> forget(follower));
    }

    private synchronized void forget(Follower follower) {
        followers.remove(follower);
    }

    /** Ends every response following the log, as the API server does when the container stops. */
    synchronized void end() {
        followers.forEach(f -> f.response().end());
        followers.clear();
    }

    /** What each response that followed this log was sent, in the order they were opened. */
    synchronized List<List<String>> responses() {
        return all.stream().map(f -> List.copyOf(f.sent())).toList();
    }
}
