// The browser suites' polling waits must poll something that can be false. Playwright's
// waitForFunction takes whatever its predicate returns as the answer: a promise (an async
// predicate, or one returning chrome.storage's promise) is truthy at once, so such a wait never
// waits. Storage is polled with `until(() => page.evaluate(async …))` instead (tests/e2e/within.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const TESTS = fileURLToPath(new URL('../', import.meta.url));

/** The call sites of waitForFunction / waitUntil whose predicate is async or returns a promise. */
export function promisedWaits(source) {
  const found = [];
  const call = /\b(waitForFunction|waitUntil)\(/g;
  for (let m; (m = call.exec(source));) {
    // waitUntil(target, what, fn, …): its predicate is the third argument; waitForFunction's the first.
    const rest = source.slice(m.index + m[0].length, m.index + m[0].length + 300);
    const predicate = m[1] === 'waitUntil' ? rest.replace(/^[^,]*,(?:[^,`'"]|`[^`]*`|'[^']*'|"[^"]*")*,/, '') : rest;
    const head = predicate.split(/=>/)[0];
    const body = predicate.slice(head.length, head.length + 120);
    if (/^\s*async\b/.test(predicate) || /^\s*=>\s*chrome\.storage|\.then\(/.test(body.split('\n')[0])) {
      found.push(`${source.slice(0, m.index).split('\n').length}: ${source.slice(m.index, m.index + 80).split('\n')[0]}`);
    }
  }
  return found;
}

test('the check finds a promised predicate and passes a plain one', () => {
  assert.equal(promisedWaits('await page.waitForFunction(async () => true);').length, 1);
  assert.equal(promisedWaits("waitUntil(page, 'x, y', async () => true);").length, 1);
  assert.equal(promisedWaits("page.waitForFunction(() => chrome.storage.local.get('a').then((g) => g.a));").length, 1);
  assert.equal(promisedWaits('page.waitForFunction(() => document.title === "a");').length, 0);
  assert.equal(promisedWaits("waitUntil(page, 'the title', () => document.title === 'a');").length, 0);
});

test('no wait in the browser suites or benches polls a promise', async () => {
  const problems = [];
  for (const dir of ['e2e', 'bench']) {
    for (const name of await readdir(join(TESTS, dir))) {
      if (!name.endsWith('.mjs')) continue;
      for (const p of promisedWaits(await readFile(join(TESTS, dir, name), 'utf8'))) problems.push(`${dir}/${name}:${p}`);
    }
  }
  assert.deepEqual(problems, []);
});
