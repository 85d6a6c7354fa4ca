package io.kubensbench.workloads.cluster;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's mock API server logs every request at INFO through java.util.logging; a
 * campaign-sized deployment is thousands of lines that would bury a failure's output.
 */
final class QuietMockServer {

    private QuietMockServer() {
    }

    /** Raises the mock's log level; keep the logger referenced so the setting holds. */
    static Logger quiet() {
        Logger logger = Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");
        logger.setLevel(Level.WARNING);
        return logger;
    }
}
