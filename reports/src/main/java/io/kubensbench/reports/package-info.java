/**
 * Renders what the analysis computed: charts, the self-contained HTML report and exports.
 * Kept apart from the statistics so a report can never show a number the analysis did not
 * produce.
 */
package io.kubensbench.reports;
