// docs/privacy.md explains every permission the manifest asks for (issue 13): each permission,
// optional permission, host permission and optional host permission has a row of its own in the
// permissions table with a reason; every content-script match and web-accessible resource is
// named; the CSP quoted there is the manifest's. The check is a function so that a test can show
// it fails on a manifest with one permission more.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const ROOT = new URL('../../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', ROOT), 'utf8'));
const doc = readFileSync(new URL('docs/privacy.md', ROOT), 'utf8');

/** `{name: reason}` from the rows of the table under "## Permissions". */
function permissionRows(text) {
  const start = text.indexOf('\n## Permissions');
  const end = text.indexOf('\n## ', start + 1);
  const rows = {};
  for (const line of text.slice(start, end === -1 ? undefined : end).split('\n')) {
    const m = line.match(/^\|\s*`([^`]+)`[^|]*\|\s*(.*?)\s*\|\s*$/);
    if (m) rows[m[1]] = m[2];
  }
  return rows;
}

/** What the document fails to explain about `m`: a list of sentences (empty when all is said). */
export function unexplained(m, text) {
  const rows = permissionRows(text);
  const missing = [];
  const asked = [
    ...(m.permissions ?? []), ...(m.optional_permissions ?? []),
    ...(m.host_permissions ?? []), ...(m.optional_host_permissions ?? []),
  ];
  for (const p of asked) {
    if (!(p in rows)) missing.push(`permission ${p} has no row in the permissions table`);
    else if (rows[p].length < 20) missing.push(`permission ${p} has no reason`);
  }
  for (const cs of m.content_scripts ?? []) {
    for (const pattern of cs.matches ?? []) {
      if (!text.includes(`\`${pattern}\``)) missing.push(`content-script match ${pattern} is not named`);
    }
  }
  for (const war of m.web_accessible_resources ?? []) {
    for (const r of war.resources ?? []) {
      if (!text.includes(`\`${r}\``)) missing.push(`web-accessible resource ${r} is not named`);
    }
  }
  const csp = m.content_security_policy?.extension_pages;
  if (csp && !text.includes(`\n${csp}\n`)) missing.push('the CSP quoted is not the manifest\'s');
  for (const key of ['externally_connectable', 'commands', 'side_panel', 'sidebar_action']) {
    if (key in m && !text.includes(`\`${key}\``)) missing.push(`manifest key ${key} is not explained`);
  }
  return missing;
}

test('docs/privacy.md explains every permission and reach of manifest.json', () => {
  assert.deepEqual(unexplained(manifest, doc), []);
});

test('the check fails when the manifest gains a permission the document does not explain', () => {
  const more = structuredClone(manifest);
  more.permissions.push('history');
  more.optional_permissions = ['bookmarks'];
  more.host_permissions = ['https://example.com/*'];
  assert.deepEqual(unexplained(more, doc), [
    'permission history has no row in the permissions table',
    'permission bookmarks has no row in the permissions table',
    'permission https://example.com/* has no row in the permissions table',
  ]);
  const csp = structuredClone(manifest);
  csp.content_security_policy.extension_pages += "; connect-src *";
  assert.deepEqual(unexplained(csp, doc), ['the CSP quoted is not the manifest\'s']);
  const match = structuredClone(manifest);
  match.content_scripts[0].matches.push('*://*.example.org/*');
  assert.deepEqual(unexplained(match, doc), ['content-script match *://*.example.org/* is not named']);
});

test('permissions other features are adding are already explained', () => {
  const rows = permissionRows(doc);
  for (const p of ['contextMenus', 'sidePanel']) assert.ok(rows[p]?.length >= 20, p);
  assert.ok(doc.includes('`sidebar_action`'));
});
