/**
 * The words and numbers a reader sees: the verdict sentence of a level, the sentence it rests
 * on, p-values, percentages and intervals. The terminal, summary.md, the HTML report and the
 * CI gate all print from here, so a figure reads the same wherever a user meets it and a
 * wording fixed once is fixed everywhere.
 */
package io.kubensbench.analysis.text;
