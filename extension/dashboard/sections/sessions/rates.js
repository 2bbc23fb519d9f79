// A task type's pay rates as the catalogue shows them. Which rate is in force and how many minor
// digits a currency has are the core's answers to give (issue #9); until it supplies them, these
// two are derived here and in shared/format.js's currencyDigits, and nowhere else.
import { currencyDigits, money } from '../../../shared/format.js';

/** The rate in force now: the latest one that has started (null when none has). */
export function rateNow(taskType, now = Date.now()) {
  return (taskType.rates ?? []).filter((r) => r.effectiveFrom <= now)
    .reduce((a, r) => (a && a.effectiveFrom >= r.effectiveFrom ? a : r), null);
}

/** Minor digits of a rate's currency (the fallback lookup until the core answers). */
export const rateDigits = (currency) => currencyDigits(currency);

/** "$25.00 per hour" / "€3.50 per task". */
export function rateText(rate) {
  const amount = money(rate.amount, rateDigits(rate.amount.currency));
  return `${amount} ${rate.kind === 'hourly' ? 'per hour' : 'per task'}`;
}
