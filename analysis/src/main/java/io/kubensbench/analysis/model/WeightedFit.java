package io.kubensbench.analysis.model;

/**
 * Weighted least squares on a handful of rows, in plain arithmetic: a load model has at most
 * three coefficients and a campaign a dozen levels, and the fit runs thousands of times in the
 * leave-one-level-out comparison and the saturation grid. Columns are scaled to a largest
 * magnitude of 1 before the normal equations are solved (mounts × events/s reach 10^6 where
 * the intercept is 1), and the scale is taken out again after.
 *
 * @param coefficients the fitted coefficients, one per column
 * @param covariance   (X'WX)^-1, unscaled by the residual variance
 * @param sse          the weighted sum of squared residuals, Σ w·e²
 */
record WeightedFit(double[] coefficients, double[][] covariance, double sse) {

    /** The fit, or null when the columns are linearly dependent on these rows. */
    static WeightedFit of(double[][] x, double[] y, double[] w) {
        int p = x[0].length;
        double[][] cov = covariance(x, w);
        if (cov == null) {
            return null;
        }
        double[] xtwy = new double[p];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < p; j++) {
                xtwy[j] += w[i] * x[i][j] * y[i];
            }
        }
        double[] beta = new double[p];
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < p; k++) {
                beta[j] += cov[j][k] * xtwy[k];
            }
        }
        double sse = 0;
        for (int i = 0; i < x.length; i++) {
            double e = y[i] - dot(x[i], beta);
            sse += w[i] * e * e;
        }
        return new WeightedFit(beta, cov, sse);
    }

    /** (X'WX)^-1, or null when the columns are linearly dependent on these rows. */
    static double[][] covariance(double[][] x, double[] w) {
        int p = x[0].length;
        double[] scale = new double[p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                scale[j] = Math.max(scale[j], Math.abs(row[j]));
            }
        }
        for (int j = 0; j < p; j++) {
            if (scale[j] == 0) {
                return null;
            }
        }
        double[][] xtwx = new double[p][p];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < p; j++) {
                for (int k = 0; k < p; k++) {
                    xtwx[j][k] += w[i] * x[i][j] / scale[j] * x[i][k] / scale[k];
                }
            }
        }
        double[][] inverse = invert(xtwx);
        if (inverse == null) {
            return null;
        }
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < p; k++) {
                inverse[j][k] /= scale[j] * scale[k];
            }
        }
        return inverse;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** x'Cx for a symmetric C. */
    static double quadratic(double[] x, double[][] c) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                s += x[i] * c[i][j] * x[j];
            }
        }
        return s;
    }

    /** Gauss-Jordan with partial pivoting; null when a pivot vanishes against the matrix's size. */
    private static double[][] invert(double[][] m) {
        int p = m.length;
        double[][] a = new double[p][2 * p];
        double norm = 0;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                a[i][j] = m[i][j];
                norm = Math.max(norm, Math.abs(m[i][j]));
            }
            a[i][p + i] = 1;
        }
        for (int col = 0; col < p; col++) {
            int pivot = col;
            for (int r = col + 1; r < p; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            if (!(Math.abs(a[pivot][col]) > 1e-12 * norm)) {
                return null;
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            double d = a[col][col];
            for (int j = 0; j < 2 * p; j++) {
                a[col][j] /= d;
            }
            for (int r = 0; r < p; r++) {
                if (r != col && a[r][col] != 0) {
                    double f = a[r][col];
                    for (int j = 0; j < 2 * p; j++) {
                        a[r][j] -= f * a[col][j];
                    }
                }
            }
        }
        double[][] inv = new double[p][p];
        for (int i = 0; i < p; i++) {
            System.arraycopy(a[i], p, inv[i], 0, p);
        }
        return inv;
    }
}
