package io.kubensbench.bench.prometheus;

import io.kubensbench.bench.prometheus.PrometheusApi.Answer;
import io.kubensbench.bench.prometheus.PrometheusApi.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * systemd's CPU over a window on a node, as a campaign's Prometheus reports it: its query for
 * the node and the window's length, evaluated at the window's end. Whoever measures a window
 * (the runner per run and node, anything observing a node) asks here and records the
 * {@link PrometheusFigure} beside its own figure.
 *
 * <p>Prometheus is a guest in a campaign, never a reason for one to fail or crawl: each kind
 * of problem is said once (one line to {@code say}, not one per run), and after a refusal, an
 * untrusted certificate or {@value #GIVE_UP_AFTER} failures in a row to reach it, it is no
 * longer asked, so an unreachable server costs at most that many timeouts in a whole campaign.
 * Safe to call from several threads.
 */
public final class PrometheusCheck {

    /** Consecutive unreachable or timed-out queries after which a campaign stops asking. */
    public static final int GIVE_UP_AFTER = 3;
    /** Why a query that matched nothing gave no figure. */
    static final String NO_SERIES = "no series (rate() needs two scrapes in the window: is it two scrape intervals"
            + " long?)";

    private final PrometheusApi api;
    private final QueryTemplate query;
    private final Consumer<String> say;
    private final Set<Problem> said = EnumSet.noneOf(Problem.class);
    private int failuresInARow;
    private String stopped;

    /**
     * @param say where the one line about each kind of problem goes (the campaign's output)
     */
    public PrometheusCheck(PrometheusApi api, QueryTemplate query, Consumer<String> say) {
        this.api = api;
        this.query = query;
        this.say = say;
    }

    /** The query as the campaign states it, before a node and window are filled in. */
    public QueryTemplate query() {
        return query;
    }

    /** Where Prometheus is and how it is asked. */
    PrometheusEndpoint endpoint() {
        return api.endpoint();
    }

    /** Where Prometheus is, as messages name it. */
    public String where() {
        return api.endpoint().where();
    }

    /**
     * What Prometheus says systemd used on {@code node} between {@code windowStart} and
     * {@code windowEnd}, in cores, or why it says nothing.
     */
    public PrometheusFigure cores(String node, Instant windowStart, Instant windowEnd) {
        synchronized (this) {
            if (stopped != null) {
                return PrometheusFigure.missing(stopped);
            }
        }
        Duration window = Duration.between(windowStart, windowEnd);
        if (window.isNegative() || window.isZero()) {
            return PrometheusFigure.missing("no window to ask about");
        }
        String promql = query.render(node, window);
        Answer answer = api.query(promql, windowEnd);
        synchronized (this) {
            if (answer.ok()) {
                failuresInARow = 0;
                return PrometheusFigure.of(answer.value());
            }
            String reason = answer.problem() == Problem.NO_SERIES ? NO_SERIES : answer.reason();
            boolean transport = answer.problem() == Problem.UNREACHABLE || answer.problem() == Problem.TIMED_OUT;
            boolean lasting = answer.problem() == Problem.REFUSED || answer.problem() == Problem.UNTRUSTED;
            failuresInARow = transport ? failuresInARow + 1 : 0;
            if (lasting || failuresInARow >= GIVE_UP_AFTER) {
                stopped = "not asked (earlier: " + reason + ")";
            }
            if (said.add(answer.problem())) {
                say.accept("Prometheus at " + where() + ": " + reason + "; " + (lasting
                        ? "not asked again: the runs record no Prometheus figure"
                        : transport ? "runs without an answer record no Prometheus figure, and after "
                                + GIVE_UP_AFTER + " in a row it is not asked again"
                        : "runs without a figure record why")
                        + (answer.problem() == Problem.NO_SERIES || answer.problem() == Problem.BAD_QUERY
                        ? " (query: " + promql + ", a " + QueryTemplate.duration(window) + " window)" : ""));
            }
            return PrometheusFigure.missing(reason);
        }
    }
}
