// How hard a passphrase is to guess: zxcvbn-ts with its common-password dictionaries and keyboard
// graphs. build.sh bundles this file with its library (esbuild) into dist, so pages import it as
// one local module; pages load it only when a passphrase field is used (dynamic import).
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

let factory = null;

/** The words for zxcvbn's scores 0–4. */
export const LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'];

/** `{score (0–4), label, guessesLog10}` for a passphrase; the empty one scores 0. */
export function strength(passphrase) {
  if (!passphrase) return { score: 0, label: LABELS[0], guessesLog10: 0 };
  factory ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const r = factory.check(passphrase.slice(0, 256));
  return { score: r.score, label: LABELS[r.score] ?? LABELS[0], guessesLog10: r.guessesLog10 };
}
