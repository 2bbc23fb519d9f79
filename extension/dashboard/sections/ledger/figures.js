// How the ledger writes its figures: money in a row's currency (digits from the core), hourly
// rates, per-minute rates, percentages, hours.
import { duration, money } from '../../../shared/format.js';

/** An amount of `row`'s currency: `amount(1250, row)` → "$12.50". */
export const amount = (minor, row) => money({ minor: Math.round(minor ?? 0), currency: row.currency ?? 'USD' }, row.digits ?? 2);

/** An hourly rate in minor units per hour, or a dash when there is no time. */
export const hourly = (rate, row) => (rate === null || rate === undefined ? '—' : `${amount(rate, row)}/hr`);

/** A per-minute rate in minor units per minute, with one more digit than the currency. */
export function perMinute(rate, row) {
  const digits = (row.digits ?? 2) + 1;
  try {
    return `${new Intl.NumberFormat(undefined, { style: 'currency', currency: row.currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(rate / 10 ** (row.digits ?? 2))}/min`;
  } catch {
    return `${(rate / 10 ** (row.digits ?? 2)).toFixed(digits)} ${row.currency}/min`;
  }
}

/** A share (0–1) as a whole percentage, or a dash. */
export const percent = (share) => (share === null || share === undefined ? '—' : `${Math.round(share * 100)}%`);

/** Hours with one decimal, for chart axes and tables ("3.5 hr"). */
export const hours = (ms) => `${(ms / 3_600_000).toFixed(1)} hr`;

export { duration };
