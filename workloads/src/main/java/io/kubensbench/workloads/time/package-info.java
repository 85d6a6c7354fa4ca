/**
 * Waiting with a limit: the waits for pods, probes, rollouts and a lab's boot all poll
 * something until it is true or a timeout has passed. They share one deadline and one way of
 * sleeping towards it, so a wait never oversleeps its limit, and tests can run a wait on a
 * fake clock. Durations are read and written here too, one way for every option, campaign
 * field and message: exactly when a setting is echoed, roughly when a person reads an estimate.
 */
package io.kubensbench.workloads.time;
