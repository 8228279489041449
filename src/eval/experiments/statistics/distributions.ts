// The distribution functions the tests need: standard normal (CDF and quantile), Student's t (CDF and quantile, for
// Welch's test with fractional degrees of freedom) and chi-square (upper tail, for the sample ratio check).

/** ln Γ(x) for x > 0: the Stirling series after shifting x above 8 (error < 1e-12). */
export function logGammaFunction(x: number): number {
  let shift = 0;
  while (x < 8) {
    shift += Math.log(x);
    x += 1;
  }
  const inverse = 1 / x;
  const inverse2 = inverse * inverse;
  const series =
    inverse * (1 / 12 - inverse2 * (1 / 360 - inverse2 * (1 / 1260 - inverse2 * (1 / 1680 - inverse2 / 1188))));
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series - shift;
}

/** erfc(x), Chebyshev fit of Numerical Recipes (relative error < 1.2e-7 everywhere). */
function complementaryErrorFunction(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const polynomial =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const value = t * Math.exp(polynomial);
  return x >= 0 ? value : 2 - value;
}

/** P(Z ≤ z) for a standard normal Z. */
export function normalCdf(z: number): number {
  if (z === Number.POSITIVE_INFINITY) return 1;
  if (z === Number.NEGATIVE_INFINITY) return 0;
  return 0.5 * complementaryErrorFunction(-z / Math.SQRT2);
}

/** Two-sided p-value of a z statistic. */
export function normalTwoSidedP(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}

/**
 * The standard normal quantile: Acklam's rational approximation refined by one Halley step on the CDF above, so
 * `normalCdf(normalQuantile(p)) ≈ p` to the CDF's own precision.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return Number.NEGATIVE_INFINITY;
    if (p === 1) return Number.POSITIVE_INFINITY;
    return Number.NaN;
  }
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const error = normalCdf(x) - p;
  const u = error * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** The regularised incomplete beta I_x(a, b), by its continued fraction (modified Lentz). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  // The fraction converges quickly only below the mean; above it, use I_x(a, b) = 1 − I_{1−x}(b, a).
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
  const logFront =
    logGammaFunction(a + b) - logGammaFunction(a) - logGammaFunction(b) + a * Math.log(x) + b * Math.log1p(-x);
  const floor = 1e-300;
  const guard = (value: number) => (Math.abs(value) < floor ? floor : value);
  let numerator = 1;
  let denominator = 1 / guard(1 - ((a + b) * x) / (a + 1));
  let fraction = denominator;
  for (let m = 1; m <= 500; m++) {
    const even = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    denominator = 1 / guard(1 + even * denominator);
    numerator = guard(1 + even / numerator);
    fraction *= denominator * numerator;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    denominator = 1 / guard(1 + odd * denominator);
    numerator = guard(1 + odd / numerator);
    const step = denominator * numerator;
    fraction *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return (Math.exp(logFront) * fraction) / a;
}

/** P(T ≤ t) for Student's t with `degrees` (any positive real) degrees of freedom. */
export function studentCdf(t: number, degrees: number): number {
  if (Number.isNaN(t) || !(degrees > 0)) return Number.NaN;
  if (!Number.isFinite(degrees)) return normalCdf(t);
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  const tail = 0.5 * incompleteBeta(degrees / (degrees + t * t), degrees / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/** Two-sided p-value of a t statistic. */
export function studentTwoSidedP(t: number, degrees: number): number {
  if (Number.isNaN(t)) return Number.NaN;
  return Math.min(1, 2 * studentCdf(-Math.abs(t), degrees));
}

/** The t quantile: Newton steps from the normal quantile, with bisection as a fallback for few degrees. */
export function studentQuantile(p: number, degrees: number): number {
  if (!(p > 0 && p < 1) || !(degrees > 0)) return Number.NaN;
  if (!Number.isFinite(degrees) || degrees > 1e7) return normalQuantile(p);
  let low = -1e6;
  let high = 1e6;
  let x = normalQuantile(p);
  for (let step = 0; step < 200; step++) {
    const error = studentCdf(x, degrees) - p;
    if (Math.abs(error) < 1e-13) break;
    if (error > 0) high = x;
    else low = x;
    const density = Math.exp(
      logGammaFunction((degrees + 1) / 2) -
        logGammaFunction(degrees / 2) -
        0.5 * Math.log(degrees * Math.PI) -
        ((degrees + 1) / 2) * Math.log1p((x * x) / degrees),
    );
    let next = x - error / density;
    if (!(next > low && next < high)) next = (low + high) / 2;
    x = next;
  }
  return x;
}

/**
 * The regularised upper incomplete gamma Q(s, x) = 1 − P(s, x): P's series below s + 1, else Q's continued fraction,
 * computed directly so that tiny tail probabilities keep their precision.
 */
export function incompleteGammaUpper(s: number, x: number): number {
  if (x <= 0) return 1;
  if (!Number.isFinite(x)) return 0;
  const logFront = s * Math.log(x) - x - logGammaFunction(s);
  if (x < s + 1) {
    let term = 1 / s;
    let sum = term;
    for (let n = 1; n < 1000; n++) {
      term *= x / (s + n);
      sum += term;
      if (term < sum * 1e-16) break;
    }
    return Math.max(0, 1 - sum * Math.exp(logFront));
  }
  // Q(s, x) by Legendre's continued fraction (modified Lentz).
  const floor = 1e-300;
  let b = x + 1 - s;
  let c = 1 / floor;
  let d = 1 / b;
  let fraction = d;
  for (let n = 1; n < 1000; n++) {
    const an = -n * (n - s);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < floor) d = floor;
    c = b + an / c;
    if (Math.abs(c) < floor) c = floor;
    d = 1 / d;
    const step = d * c;
    fraction *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return Math.min(1, Math.exp(logFront) * fraction);
}

/** P(X ≥ x) for a chi-square X with `degrees` degrees of freedom. */
export function chiSquareUpperTail(x: number, degrees: number): number {
  if (Number.isNaN(x) || !(degrees > 0)) return Number.NaN;
  if (x <= 0) return 1;
  return incompleteGammaUpper(degrees / 2, x / 2);
}
