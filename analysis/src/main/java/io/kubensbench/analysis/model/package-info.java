/**
 * The load model: systemd's CPU as a function of a node's load (mounts in its view and mount
 * events a second), fitted across a campaign's levels, chosen among candidate forms by how
 * well each predicts a level it was not fitted on, and used to predict a node that was never
 * measured ({@code kubens-bench predict}, {@code kubens-bench estimate}).
 */
package io.kubensbench.analysis.model;
