/**
 * Fresh random names for what one invocation creates: run ids, attempt ids, lab nodes.
 */
package io.kubensbench.workloads.ids;
