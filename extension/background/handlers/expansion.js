// Expansion messages from content scripts: wake-up, the trigger table, a typed trigger, a regex
// trigger. The background is the authority: a content script with a stale table cannot expand
// while the user has paused expansion, nor on a site that is off (docs/sites.md).

import { MSG } from '../../shared/contract.js';
import { version } from '@rubrica/core';
import { engine } from '../engine.js';
import { countUse, expandContext } from '../expansion.js';
import { createRequest } from '../overlay.js';
import { senderMayExpand } from '../sites.js';

/** The trigger table a frame gets where Rubrica is off: nothing to spot (docs/trigger-table.md). */
const OFF_TABLE = Object.freeze({
  version: 1, enabled: false, site: 'off', lengths: [], entries: {}, delimiters: '', hasRegex: false, lookback: 0,
  backspaceUndo: false,
});

/** Why an expansion may not run for this sender now, or null. */
function refusal(from) {
  if (!engine.core.expansionEnabled()) return 'paused';
  if (!senderMayExpand(from)) return 'off';
  return null;
}

export const expansionHandlers = {
  // A field gained focus (or the tab came back): the user is about to type, so the engine warms up.
  [MSG.PING]: async () => {
    void engine.warm();
    return { version: version(), ready: true, tableRevision: await engine.revision() };
  },

  [MSG.TRIGGERS_GET]: async (_payload, from) => {
    const tableRevision = engine.tableRevision;
    if (!senderMayExpand(from)) return { ...OFF_TABLE, revision: tableRevision };
    return { ...engine.core.triggerTable(), revision: tableRevision };
  },

  [MSG.EXPAND]: async ({ trigger, values, useDefaults }, from) => {
    const tableRevision = engine.tableRevision;
    const no = refusal(from);
    if (no) return { status: no, tableRevision };
    const result = engine.core.expand(trigger, await expandContext(values, useDefaults));
    // Fields never go to the content script: it gets a token and shows the overlay's form. A
    // rehearsal (router.js) opens no form and counts no use.
    if (result.status === 'needsInput') {
      if (from.rehearsal) return { status: 'needsInput', tableRevision };
      return { status: 'needsInput', token: await createRequest(from.sender, { kind: 'trigger', trigger }), tableRevision };
    }
    if (!from.rehearsal) countUse(result);
    return { ...result, tableRevision };
  },

  [MSG.EXPAND_REGEX]: async ({ before, values, useDefaults }, from) => {
    const tableRevision = engine.tableRevision;
    const no = refusal(from);
    if (no) return { status: no, tableRevision };
    if (!engine.core.hasRegex()) return { status: 'none', tableRevision };
    const result = (await engine.full()).expandRegex(before, await expandContext(values, useDefaults));
    if (result.status === 'needsInput') {
      return {
        status: 'needsInput',
        token: await createRequest(from.sender, { kind: 'regex', before }),
        replaceLen: result.replaceLen,
        tableRevision,
      };
    }
    countUse(result);
    return { ...result, tableRevision };
  },
};
