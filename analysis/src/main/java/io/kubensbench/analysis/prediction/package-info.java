/**
 * A node that was never measured, predicted from a calibration campaign's load models: its
 * systemd CPU with encapsulation off and on and the saving, and how far its load lies outside
 * what the calibration measured ({@code kubens-bench predict}).
 */
package io.kubensbench.analysis.prediction;
