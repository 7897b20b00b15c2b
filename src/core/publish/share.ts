import Decimal from "decimal.js";

/**
 * A share as the disclosure states it: part ÷ whole × 100, exact, rounded half up to two decimals
 * ("46.01"); null for a zero whole. Each share is rounded on its own (a breakdown's shares are not
 * forced to add up to 100.00).
 */
export function shareText(part: Decimal, whole: Decimal): string | null {
  if (whole.isZero()) return null;
  return part.times(100).div(whole).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}
