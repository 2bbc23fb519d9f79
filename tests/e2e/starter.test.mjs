// A new user's first minute: the starter pack expands on a fresh install, including the
// pairwise-ranking template (its fill-in form opens; Enter takes the defaults), and a
// regex trigger added to the library expands on a delimiter with its capture.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, sendFromPage, waitUntil } from './browser.mjs';
import { startServer } from './server.mjs';
import { fieldHolds } from './overlay.mjs';
import { acceptForm } from './typing.mjs';

let server;
let browser;
let task;

before(async () => {
  server = await startServer();
  browser = await launch();
  task = await browser.page(server.url('/task.html'));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function typeInto(text) {
  await task.fill('#justification', '');
  await task.click('#justification');
  await task.keyboard.type(text, { delay: 10 });
}

/** Waits until the box's text starts with `prefix`. */
function boxStarts(prefix) {
  const check = (p) => document.querySelector('#justification').value.startsWith(p);
  return waitUntil(task, `the box does not start with “${prefix}”`, check, prefix);
}

/** Waits until the box's text holds `part`. */
function boxIncludes(part) {
  const check = (p) => document.querySelector('#justification').value.includes(p);
  return waitUntil(task, `the box does not hold “${part}”`, check, part);
}

async function valueSettles() {
  let last = null;
  for (let i = 0; i < 40; i++) {
    const v = await task.inputValue('#justification');
    if (v === last) return v;
    last = v;
    await task.waitForTimeout(50);
  }
  return last;
}

test(';acc expands to the accuracy phrase from the starter rubric', async () => {
  await typeInto(';acc');
  await acceptForm(task);
  await boxStarts('Accuracy: ');
  const value = await valueSettles();
  assert.ok(!value.includes(';acc'), value);
  assert.ok(value.length > 30, value);
});

test(';Acc capitalises and ;pair renders the whole pairwise template', async () => {
  await typeInto('Summary. ;pair');
  await acceptForm(task);
  await boxIncludes('Response A');
  const value = await valueSettles();
  assert.ok(value.startsWith('Summary. '), value);
  assert.ok(!value.includes(';pair') && !value.includes('{'), value);
  assert.ok(value.split('\n').length > 3, 'a multi-line justification');
  await browser.screenshot(task, 'starter-pair');
});

test('a regex trigger expands on a delimiter with its named capture', async () => {
  const page = await browser.extensionPage('dashboard/dashboard.html');
  const saved = await sendFromPage(page, {
    type: 'snippet.save',
    payload: { snippet: { triggers: [], regex: ';score(?P<n>[1-5])', label: 'Score', template: 'Score {capture: n}/5.' } },
  });
  assert.equal(saved.ok, true, JSON.stringify(saved));
  await page.close();
  await task.bringToFront();
  await typeInto('Overall ;score4 ');
  await fieldHolds(task, 'Overall Score 4/5. ');
  await typeInto('Overall ;score9 ');
  assert.equal(await valueSettles(), 'Overall ;score9 ', 'no match, nothing changes');
});

test('an invalid regex trigger is refused when saved, with a message', async () => {
  const page = await browser.extensionPage('dashboard/dashboard.html');
  const reply = await sendFromPage(page, {
    type: 'snippet.save',
    payload: { snippet: { triggers: [], regex: ';bad(', label: 'Bad', template: 'x' } },
  });
  assert.equal(reply.ok, false);
  assert.equal(reply.error.kind, 'template');
  assert.match(reply.error.message, /regex trigger is invalid/);
  await page.close();
});

test('each expansion counts a use of its snippet', async () => {
  const page = await browser.extensionPage('dashboard/dashboard.html');
  const uses = async () => {
    const lib = await sendFromPage(page, { type: 'library.get' });
    return lib.data.snippets.find((s) => s.triggers.includes(';tone'))?.usageCount ?? -1;
  };
  const before = await uses();
  await task.bringToFront();
  await typeInto(';tone');
  await boxStarts('Tone: ');
  let after = before;
  for (let i = 0; i < 50 && after === before; i++) { // uses are batched: about a second
    await new Promise((r) => setTimeout(r, 100));
    after = await uses();
  }
  assert.equal(after, before + 1);
  await page.close();
});

test('while a session runs, {criterion: …} uses its task type\'s rubric, else the default', async () => {
  const page = await browser.extensionPage('dashboard/dashboard.html');
  const send = async (type, payload) => {
    const reply = await sendFromPage(page, payload === undefined ? { type } : { type, payload });
    assert.equal(reply.ok, true, JSON.stringify(reply));
    return reply.data;
  };
  const rubric = await send('rubric.save', {
    rubric: {
      name: 'Project Falcon',
      criteria: [{ key: 'accuracy', name: 'Accuracy', priority: 1, phrases: ['every claim matches the Falcon spec'] }],
    },
  });
  const platform = await send('platform.create', { name: 'Falcon platform' });
  const taskType = await send('taskType.create', {
    taskType: { platformId: platform.id, name: 'Falcon review', rubricId: rubric.id },
  });
  await task.bringToFront();
  await typeInto(';acc');
  await acceptForm(task);
  await boxStarts('Accuracy: ');
  const before = await valueSettles();
  assert.ok(!before.includes('Falcon'), 'no session: the default rubric');

  await send('session.command', { command: { type: 'start', platformId: platform.id, taskTypeId: taskType.id } });
  await typeInto(';acc');
  await acceptForm(task);
  await boxIncludes('Falcon spec');

  await send('session.command', { command: { type: 'stop' } });
  await typeInto(';acc');
  await acceptForm(task);
  await boxStarts('Accuracy: ');
  assert.ok(!(await valueSettles()).includes('Falcon'), 'after the session: the default rubric again');
  await page.close();
});

test('Backspace right after an expansion restores the trigger; the setting turns it off', async () => {
  await task.bringToFront();
  await typeInto('Note ;tone');
  await boxStarts('Note Tone: ');
  await task.keyboard.press('Backspace');
  assert.equal(await task.inputValue('#justification'), 'Note ;tone', 'exactly the trigger is back');
  await task.keyboard.type('x');
  assert.equal(await valueSettles(), 'Note ;tonex', 'typing goes on; the restored trigger does not fire again');

  // Only right after: once something else was typed, Backspace deletes a character as usual.
  await typeInto(';tone');
  await boxStarts('Tone: ');
  const expanded = await valueSettles();
  await task.keyboard.type('!');
  await task.keyboard.press('Backspace');
  assert.equal(await task.inputValue('#justification'), expanded);

  const page = await browser.extensionPage('dashboard/dashboard.html');
  const off = await sendFromPage(page, { type: 'settings.update', payload: { patch: { expansion: { backspaceUndo: false } } } });
  assert.equal(off.ok, true);
  await task.bringToFront();
  await typeInto(';tone');
  await boxStarts('Tone: ');
  const full = await valueSettles();
  await task.keyboard.press('Backspace');
  assert.equal(await task.inputValue('#justification'), full.slice(0, -1), 'with the setting off, Backspace is Backspace');
  await sendFromPage(page, { type: 'settings.update', payload: { patch: { expansion: { backspaceUndo: true } } } });
  await page.close();
});
