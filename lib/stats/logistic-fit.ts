/** A fitted line on the log-odds scale: P(y = 1 | x) = σ(intercept + slope · x). */
export interface LogisticFit {
  intercept: number;
  slope: number;
}

/**
 * A small ridge penalty on both coefficients. It keeps the fit finite when the data separate perfectly (the longer
 * answer always won, or one side won everything), where the unpenalised maximum lies at infinity; with tens of
 * comparisons it moves a rate by well under a percentage point otherwise.
 */
export const RIDGE = 0.01;

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

function objective(x: readonly number[], y: readonly number[], fit: LogisticFit, ridge: number): number {
  let loss = (ridge / 2) * (fit.intercept ** 2 + fit.slope ** 2);
  for (let index = 0; index < x.length; index += 1) {
    const z = fit.intercept + fit.slope * (x[index] as number);
    const target = y[index] as number;
    // log(1 + e^z) without overflow, then the cross-entropy for a target in [0, 1].
    const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    loss += softplus - target * z;
  }
  return loss;
}

/**
 * Fits a logistic regression of `y` (each in [0, 1]: a tie is ½) on one predictor `x` by penalised maximum
 * likelihood, with Newton steps halved whenever one would not lower the objective.
 */
export function fitLogistic(x: readonly number[], y: readonly number[], ridge: number = RIDGE): LogisticFit {
  let fit: LogisticFit = { intercept: 0, slope: 0 };
  let current = objective(x, y, fit, ridge);
  for (let iteration = 0; iteration < 100; iteration += 1) {
    let g0 = ridge * fit.intercept;
    let g1 = ridge * fit.slope;
    let h00 = ridge;
    let h01 = 0;
    let h11 = ridge;
    for (let index = 0; index < x.length; index += 1) {
      const xi = x[index] as number;
      const p = sigmoid(fit.intercept + fit.slope * xi);
      const residual = p - (y[index] as number);
      const weight = p * (1 - p);
      g0 += residual;
      g1 += residual * xi;
      h00 += weight;
      h01 += weight * xi;
      h11 += weight * xi * xi;
    }
    const determinant = h00 * h11 - h01 * h01;
    const step0 = (h11 * g0 - h01 * g1) / determinant;
    const step1 = (h00 * g1 - h01 * g0) / determinant;
    let scale = 1;
    let next: LogisticFit = fit;
    let value = current;
    for (let halving = 0; halving < 30; halving += 1) {
      next = { intercept: fit.intercept - scale * step0, slope: fit.slope - scale * step1 };
      value = objective(x, y, next, ridge);
      if (value <= current) break;
      scale /= 2;
    }
    const moved = Math.abs(next.intercept - fit.intercept) + Math.abs(next.slope - fit.slope);
    fit = next;
    current = value;
    if (moved < 1e-10) break;
  }
  return fit;
}
