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
