// Imported first by main.js, so it runs first in the bundle: marks when the background script
// began to run, for the cold-start benchmark's breakdown (tests/bench/startup.mjs).
performance.mark?.('rubrica:top');
