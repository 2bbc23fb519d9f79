// How Rubrica writes durations, money, dates, times and sizes. Every page formats through this
// module (and the background's badge and notifications can: it touches no DOM), so one figure
// reads the same everywhere.
//
// Durations always name their units, in the UI's language (English, `UI_LOCALE`), short style:
//   duration(ms)       figures: totals, laps, idle spans, caps, reminders
//                      "45 sec" under a minute (so a 40-second session never reads as zeros),
//                      then whole minutes, rounded down: "12 min", "1 hr, 5 min", "26 hr, 3 min"
//                      (hours never roll into days: a working day is counted in hours)
//   clock(ms)          the live clock while a session runs: seconds too, "1 hr, 5 min, 12 sec"
//   badgeDuration(ms)  the toolbar badge (four characters at most): "0m", "12m", "1h05", "10h"
// A zero unit is left out ("1 hr, 12 sec"); zero itself is "0 sec". Intl.DurationFormat writes the
// text where the browser has it (Chromium 129+, Firefox 136+); elsewhere (Node 20, older browsers)
// a fallback writes the same English text. Durations sit inside English sentences, so they follow
// the UI's language; dates, times and money follow the browser's locale.
//
// Money is `{minor, currency}` (integer minor units and an ISO 4217 code). How many minor digits a
// currency has is the core's answer (every amount `catalogue.get` answers carries its `digits`);
// callers pass it, nothing here derives it.

/** The language of Rubrica's text; durations are written in it. */
export const UI_LOCALE = 'en';

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;

/** Whole hours, minutes and seconds of `ms` (negative and non-finite count as 0), rounded down. */
export function durationParts(ms) {
  const total = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / SEC) : 0;
  return { hours: Math.floor(total / 3600), minutes: Math.floor((total % 3600) / 60), seconds: total % 60 };
}

const UNITS = [['hours', 'hr'], ['minutes', 'min'], ['seconds', 'sec']];

/** The fallback: Intl.DurationFormat's English short style, written by hand. */
function englishShort(parts) {
  const text = UNITS.filter(([unit]) => parts[unit] > 0)
    .map(([unit, label]) => `${parts[unit].toLocaleString('en')} ${label}`);
  return text.length > 0 ? text.join(', ') : '0 sec';
}

/**
 * Duration writers over `DurationFormat` (a constructor like Intl.DurationFormat, or undefined for
 * the fallback). Returns `{duration, clock}` as described in the header; exported so that tests
 * can drive both paths.
 */
export function durationWriters(DurationFormat = Intl.DurationFormat, locale = UI_LOCALE) {
  let write = englishShort;
  if (typeof DurationFormat === 'function') {
    const units = new DurationFormat(locale, { style: 'short' });
    const zero = new DurationFormat(locale, { style: 'short', secondsDisplay: 'always' });
    // Intl writes nothing for an all-zero duration; "0 sec" then. Each text is kept: Chromium's
    // DurationFormat takes 60-90 µs a call (NumberFormat ~1 µs), and a ledger page writes
    // ~130 durations, most of them alike (BENCHMARKS.md, ledger).
    const written = new Map();
    write = (parts) => {
      const key = `${parts.hours}:${parts.minutes}:${parts.seconds}`;
      let text = written.get(key);
      if (text === undefined) {
        text = (parts.hours || parts.minutes || parts.seconds ? units : zero).format(parts);
        if (written.size >= 4096) written.clear();
        written.set(key, text);
      }
      return text;
    };
  }
  return {
    duration(ms) {
      const p = durationParts(ms);
      return write(p.hours || p.minutes ? { hours: p.hours, minutes: p.minutes, seconds: 0 } : p);
    },
    clock(ms) {
      return write(durationParts(ms));
    },
  };
}

/**
 * The writers, made on first use: creating Intl formatters loads locale data (about 30 ms), which
 * the service worker must not pay while it starts and a trigger waits.
 */
let writers = null;
const writer = () => (writers ??= durationWriters());

/** A figure: "45 sec", "12 min", "1 hr, 5 min" (whole minutes from a minute up). */
export const duration = (ms) => writer().duration(ms);

/** The live clock: "12 sec", "3 min, 4 sec", "1 hr, 5 min, 12 sec". */
export const clock = (ms) => writer().clock(ms);

/** The toolbar badge's four characters: "0m" … "59m", "1h00" … "9h59", then "10h", "11h", … */
export function badgeDuration(ms) {
  const { hours, minutes } = durationParts(ms);
  if (hours === 0) return `${minutes}m`;
  if (hours < 10) return `${hours}h${String(minutes).padStart(2, '0')}`;
  return `${hours}h`;
}

// ---- money ------------------------------------------------------------------------------------

/** `minor` units as a plain decimal with `digits` digits, exactly: (350, 2) → "3.50", (500, 0) → "500". */
export function decimalAmount(minor, digits) {
  const n = Math.trunc(Number(minor) || 0);
  const text = String(Math.abs(n)).padStart(digits + 1, '0');
  const whole = digits > 0 ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
  return n < 0 ? `-${whole}` : whole;
}

/**
 * One Intl formatter per kind, locale and options, made on first use: making one costs far more
 * than formatting with it, and a table page formats hundreds of amounts and dates.
 */
const formatters = new Map();
function formatter(Kind, locale, options) {
  const key = `${Kind.name}|${locale ?? ''}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Kind(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/**
 * "$25.00", "3,50 €", "¥500": `{minor, currency}` with the core's `digits` for the currency, in the
 * browser's locale; "12.50 XYZ" for a code Intl does not know.
 */
export function money({ minor, currency }, digits, locale = undefined) {
  try {
    return formatter(Intl.NumberFormat, locale, {
      style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits,
    }).format(Number(minor) / 10 ** digits);
  } catch {
    return `${decimalAmount(minor, digits)} ${currency}`;
  }
}

// ---- dates and times --------------------------------------------------------------------------

/** A moment with its date: "Nov 26, 2026, 2:05 PM" (browser's locale); null for a missing time. */
export function dateTime(ms, locale = undefined) {
  if (!Number.isFinite(ms)) return null;
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return d.toLocaleString(locale); // "Invalid Date"
  return formatter(Intl.DateTimeFormat, locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A day in words: "12 March 2026" (browser's locale); null for a missing time. */
export function longDate(ms, locale = undefined) {
  if (!Number.isFinite(ms)) return null;
  return new Date(ms).toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric' });
}

/** The time of day: "2:05 PM" / "14:05"; null for a missing time. */
export function timeOfDay(ms, locale = undefined) {
  if (!Number.isFinite(ms)) return null;
  return new Date(ms).toLocaleTimeString(locale, { timeStyle: 'short' });
}

/**
 * A span of time as every session screen writes it: "Nov 26, 2026, 2:05 PM – 3:10 PM", the end's
 * date repeated only when it falls on another day ("Nov 26, 2026, 11:50 PM – Nov 27, 2026, 12:20 AM");
 * `to` missing → `open` ("Nov 26, 2026, 2:05 PM – running").
 */
export function timeSpan(from, to, open = 'running', locale = undefined) {
  const start = dateTime(from, locale) ?? '—';
  if (!Number.isFinite(to)) return `${start} – ${open}`;
  const a = new Date(from);
  const b = new Date(to);
  const sameDay = a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  return `${start} – ${sameDay ? timeOfDay(to, locale) : dateTime(to, locale)}`;
}

/** A local calendar day given as "YYYY-MM-DD": "Thu, Nov 26". */
export function dayLabel(isoDate, locale = undefined) {
  const d = new Date(`${isoDate}T12:00:00`);
  if (Number.isNaN(d.getTime())) return String(isoDate);
  return d.toLocaleDateString(locale, { weekday: 'short', month: 'short', day: 'numeric' });
}

// ---- sizes and names --------------------------------------------------------------------------

/** A storage size: "0 B", "12.3 KB", "4.5 MB"; "unknown" for a missing figure. */
export function byteSize(bytes) {
  if (!Number.isFinite(bytes) || bytes < 0) return 'unknown';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** What a session times: "Outlier · Rating", "Outlier", or `none` without a platform. */
export function sessionSubject(platformName, taskTypeName, none = 'No platform') {
  if (!platformName) return none;
  return taskTypeName ? `${platformName} · ${taskTypeName}` : platformName;
}
