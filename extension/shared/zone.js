// UTC offsets of the browser's time zone over a range, for the core's `ZoneOffsets` (docs/time.md,
// "Probing algorithm"). The core has no zone database; this probes `Date#getTimezoneOffset`.

const DAY = 86_400_000;

/** Offset in whole minutes, east positive, at UTC ms `t` (the negation of getTimezoneOffset). */
export const offsetAt = (t) => {
  const off = -Math.round(new Date(t).getTimezoneOffset());
  return off === 0 ? 0 : off; // never -0
};

/**
 * `{transitions: [{from, offsetMin}]}` covering `[fromMs, toMs]`, padded by a day on each side.
 * `offsetAt` is injectable so tests can model any zone.
 */
export function zoneOffsets(fromMs, toMs, at = offsetAt) {
  const start = fromMs - DAY;
  const end = toMs + DAY;
  const transitions = [{ from: start, offsetMin: at(start) }];
  let a = start;
  let offA = transitions[0].offsetMin;
  while (a < end) {
    const b = Math.min(a + DAY, end);
    const offB = at(b);
    if (offB !== offA) {
      // First ms whose offset differs from offA: at(lo) === offA, at(hi) !== offA.
      let lo = a;
      let hi = b;
      while (hi - lo > 1) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (at(mid) === offA) lo = mid;
        else hi = mid;
      }
      offA = at(hi);
      transitions.push({ from: hi, offsetMin: offA });
      a = hi;
    } else {
      a = b;
    }
  }
  return { transitions };
}

/** The browser's IANA zone name (to notice a zone change and re-probe). */
export function zoneName() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
  } catch {
    return '';
  }
}
