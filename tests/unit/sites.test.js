// Where expansion runs (extension/shared/sites.js): the one answer the popup, the dashboard and the
// background share. Pure functions, run under Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  PLATFORM_HOSTS, disabledPlatforms, entryHost, extraHosts, normalizeHost, platformHostFor, platformPattern,
  senderSiteStatus, sitePatch, sitePattern, siteStatus,
} from '../../extension/shared/sites.js';

const on = { expansion: { enabled: true, extraSites: [], disabledSites: [] } };
const withSites = (extraSites = [], disabledSites = [], enabled = true) => ({ expansion: { enabled, extraSites, disabledSites } });

test('the built-in hosts are exactly the manifest content-script patterns', async () => {
  const manifest = JSON.parse(await readFile(new URL('../../manifest.json', import.meta.url), 'utf8'));
  const matches = manifest.content_scripts.flatMap((c) => c.matches);
  assert.deepEqual([...matches].sort(), PLATFORM_HOSTS.map(platformPattern).sort());
  // Any other site is asked for at run time, one host at a time.
  assert.deepEqual(manifest.optional_host_permissions, ['*://*/*']);
  assert.equal(manifest.host_permissions, undefined, 'the release build asks for no host up front');
});

test('platforms cover their subdomains; local hosts only themselves', () => {
  assert.equal(platformHostFor('outlier.ai'), 'outlier.ai');
  assert.equal(platformHostFor('app.outlier.ai'), 'outlier.ai');
  assert.equal(platformHostFor('notoutlier.ai'), undefined);
  assert.equal(platformHostFor('outlier.ai.evil.example'), undefined);
  assert.equal(platformHostFor('localhost'), 'localhost');
  assert.equal(platformHostFor('rubrica-enable.localhost'), undefined, 'the manifest matches *://localhost/* only');
  assert.equal(platformHostFor('127.0.0.1'), '127.0.0.1');
  assert.equal(platformHostFor('x.127.0.0.1'), undefined);
});

test('siteStatus: every state', () => {
  assert.deepEqual(siteStatus('https://app.outlier.ai/task/1', on), { host: 'app.outlier.ai', platform: 'outlier.ai', state: 'platform', runs: true });
  assert.deepEqual(siteStatus('http://localhost:8080/', on), { host: 'localhost', platform: 'localhost', state: 'platform', runs: true });
  assert.deepEqual(siteStatus('https://example.com/', on), { host: 'example.com', state: 'not-enabled', runs: false });
  assert.deepEqual(siteStatus('https://example.com/', withSites(['example.com'])), { host: 'example.com', state: 'extra', runs: true });
  assert.equal(siteStatus('https://example.com/', withSites(['https://example.com'])).state, 'extra', 'an origin entry counts too');
  assert.equal(siteStatus('https://sub.example.com/', withSites(['example.com'])).state, 'not-enabled',
    'an enabled site is its exact host: the permission asked for covers no subdomain');
  assert.deepEqual(siteStatus('https://app.outlier.ai/', withSites([], ['outlier.ai'])),
    { host: 'app.outlier.ai', platform: 'outlier.ai', state: 'disabled', runs: false });
  assert.equal(siteStatus('https://app.outlier.ai/', withSites([], ['app.outlier.ai'])).state, 'disabled',
    'an entry naming a subdomain turns its platform off');
  assert.equal(siteStatus('https://app.outlier.ai/', withSites([], [], false)).runs, false, 'the global pause');
  assert.equal(siteStatus('https://app.outlier.ai/', withSites([], [], false)).state, 'platform');
  assert.equal(siteStatus('chrome://extensions', on).state, 'unsupported');
  assert.equal(siteStatus('file:///home/me/a.html', on).state, 'unsupported');
  assert.equal(siteStatus('not a url', on).state, 'unsupported');
  assert.equal(siteStatus(undefined, undefined).state, 'unsupported');
  assert.equal(siteStatus('https://APP.Outlier.AI/', undefined).state, 'platform', 'no settings: defaults');
});

test('hosts: what may be enabled, and the pattern asked for', () => {
  assert.equal(normalizeHost('Example.COM'), 'example.com');
  assert.equal(normalizeHost('https://tasks.example.com:8443/a/b?c'), 'tasks.example.com');
  assert.equal(normalizeHost('  example.com  '), 'example.com');
  assert.equal(normalizeHost('http://[::1]:3000/'), '[::1]');
  assert.equal(normalizeHost('xn--bcher-kva.example'), 'xn--bcher-kva.example');
  assert.equal(normalizeHost('bücher.example'), 'xn--bcher-kva.example', 'IDN hosts become their ASCII form');
  for (const bad of ['', '   ', 'not a site', 'chrome://extensions', '*.example.com', 'a..b/', null, undefined, 5]) {
    assert.equal(normalizeHost(bad), '', String(bad));
  }
  assert.equal(sitePattern('example.com'), '*://example.com/*');
  assert.equal(entryHost('https://Example.com'), 'example.com');
  assert.equal(entryHost(''), '');
});

test('settings lists are read defensively', () => {
  assert.deepEqual(extraHosts(withSites(['a.example', 'https://a.example', 'B.example', '', 'not a site', 42])), ['a.example', 'b.example']);
  assert.deepEqual(extraHosts({}), []);
  assert.deepEqual(disabledPlatforms(withSites([], ['outlier.ai', 'app.outlier.ai', 'example.com', 'localhost'])), ['outlier.ai', 'localhost']);
});

test('sitePatch: platforms go to disabledSites, other sites to extraSites, without duplicates', () => {
  const s = withSites(['a.example'], ['scale.com']);
  assert.deepEqual(sitePatch(s, 'app.outlier.ai', false), { expansion: { disabledSites: ['scale.com', 'outlier.ai'] } });
  assert.deepEqual(sitePatch(s, 'scale.com', true), { expansion: { disabledSites: [] } });
  assert.deepEqual(sitePatch(s, 'scale.com', false), { expansion: { disabledSites: ['scale.com'] } });
  assert.deepEqual(sitePatch(s, 'B.example', true), { expansion: { extraSites: ['a.example', 'b.example'] } });
  assert.deepEqual(sitePatch(s, 'a.example', true), { expansion: { extraSites: ['a.example'] } });
  assert.deepEqual(sitePatch(s, 'a.example', false), { expansion: { extraSites: [] } });
  assert.equal(sitePatch(s, 'not a site', true), null);
});

test('senderSiteStatus: judged from the browser-given origin and tab, never the message', () => {
  const s = withSites(['tasks.example.com'], ['outlier.ai']);
  const tab = (url) => ({ id: 4, url });
  // Frames decide by their own origin.
  assert.equal(senderSiteStatus({ origin: 'https://tasks.example.com', tab: tab('https://tasks.example.com/x') }, s).state, 'extra');
  assert.equal(senderSiteStatus({ origin: 'https://evil.example', tab: tab('https://tasks.example.com/x') }, s).state, 'not-enabled',
    'a frame of another site inside an enabled page is not enabled');
  assert.equal(senderSiteStatus({ origin: 'http://127.0.0.1:9000', tab: tab('http://127.0.0.1:9000/') }, s).state, 'platform');
  // A site turned off covers its whole tab, frames of other sites included.
  assert.equal(senderSiteStatus({ origin: 'https://app.outlier.ai', tab: tab('https://app.outlier.ai/') }, s).state, 'disabled');
  const framed = senderSiteStatus({ origin: 'https://tasks.example.com', tab: tab('https://app.outlier.ai/') }, s);
  assert.equal(framed.state, 'disabled');
  assert.equal(framed.runs, false);
  // Opaque origins (sandboxed frames) are judged by the tab; nothing known → refused.
  assert.equal(senderSiteStatus({ origin: 'null', tab: tab('https://tasks.example.com/') }, s).state, 'extra');
  assert.equal(senderSiteStatus({ origin: 'null', tab: { id: 4 } }, s).state, 'unsupported');
  assert.equal(senderSiteStatus({ tab: { id: 4 } }, s).state, 'unsupported');
  // `sender.url` is page-influenced and never consulted.
  assert.equal(senderSiteStatus({ url: 'https://tasks.example.com/', tab: { id: 4 } }, s).state, 'unsupported');
  assert.equal(senderSiteStatus(null, s).state, 'unsupported');
  // Without the tab's URL (no access to the tab), the frame's origin decides alone.
  assert.equal(senderSiteStatus({ origin: 'https://tasks.example.com', tab: { id: 4 } }, s).state, 'extra');
});
