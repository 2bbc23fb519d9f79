import { test } from 'node:test';
import assert from 'node:assert/strict';
import { senderKind } from '../../extension/background/senders.js';

const ID = 'ikcddcicppejikffeiiogkflfgbnjdph';
const OWN = `chrome-extension://${ID}`;

test('own pages are pages, own content scripts are content', () => {
  assert.equal(senderKind({ id: ID, origin: OWN, url: `${OWN}/popup/popup.html` }, ID, OWN), 'page');
  assert.equal(senderKind({ id: ID, origin: 'https://app.outlier.ai', tab: { id: 3 }, frameId: 0 }, ID, OWN), 'content');
  assert.equal(senderKind({ id: ID, origin: 'null', tab: { id: 3 }, frameId: 2 }, ID, OWN), 'content');
});

test('other extensions, missing senders and odd shapes are refused', () => {
  assert.equal(senderKind({ id: 'someone-else', origin: OWN }, ID, OWN), null);
  assert.equal(senderKind(undefined, ID, OWN), null);
  assert.equal(senderKind('sender', ID, OWN), null);
  assert.equal(senderKind({ id: ID, origin: 'https://evil.example' }, ID, OWN), null, 'no tab: not a content script');
  assert.equal(senderKind({ id: ID, origin: 42, tab: {} }, ID, OWN), null);
});

test('the URL never makes a sender a page when an origin is reported', () => {
  const forged = { id: ID, origin: 'https://evil.example', url: `${OWN}/dashboard/dashboard.html`, tab: { id: 1 } };
  assert.equal(senderKind(forged, ID, OWN), 'content');
});

test('without an origin (old Firefox) the URL origin decides', () => {
  assert.equal(senderKind({ id: ID, url: `${OWN}/popup/popup.html` }, ID, OWN), 'page');
  assert.equal(senderKind({ id: ID, url: 'not a url', tab: {} }, ID, OWN), null);
});

test('the overlay page is the overlay: own origin (real or dynamic), in a tab, not the top frame', () => {
  const DYNAMIC = 'chrome-extension://fc2e5879-868c-4c50-af90-defd8827f557';
  const both = [OWN, DYNAMIC];
  // What Chromium 156 reports for overlay/overlay.html loaded by its use_dynamic_url address.
  const frame = { id: ID, origin: OWN, url: `${OWN}/overlay/overlay.html#t`, tab: { id: 7 }, frameId: 5 };
  assert.equal(senderKind(frame, ID, both), 'overlay');
  assert.equal(senderKind({ ...frame, origin: DYNAMIC }, ID, both), 'overlay', 'the dynamic origin is Rubrica too');
  // The dashboard in its own tab stays a page; the popup has no tab.
  assert.equal(senderKind({ id: ID, origin: OWN, tab: { id: 8 }, frameId: 0 }, ID, both), 'page');
  assert.equal(senderKind({ id: ID, origin: DYNAMIC }, ID, both), 'page');
  // A web page's content script in a subframe is content, whatever URL it claims.
  assert.equal(senderKind({ ...frame, origin: 'https://evil.example' }, ID, both), 'content');
  // Another extension's frame, or a missing frameId, is never Rubrica's overlay.
  assert.equal(senderKind({ ...frame, id: 'other' }, ID, both), null);
  assert.equal(senderKind({ id: ID, origin: OWN, tab: { id: 7 } }, ID, both), 'page');
  assert.equal(senderKind({ ...frame, frameId: '5' }, ID, both), 'page');
  assert.equal(senderKind({ ...frame, origin: 'chrome-extension://someone-else' }, ID, both), 'content');
});
