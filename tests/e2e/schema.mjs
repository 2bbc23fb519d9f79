// The schema version this build writes, read from the core's source so that a schema bump does not
// leave browser tests asserting the previous number.
import { readFileSync } from 'node:fs';

const source = readFileSync(new URL('../../crate/src/storage/steps.rs', import.meta.url), 'utf8');
const found = source.match(/pub const SCHEMA_VERSION: u32 = (\d+);/);
if (!found) throw new Error('SCHEMA_VERSION not found in crate/src/storage/steps.rs');

/** The current schema version (`storage::SCHEMA_VERSION`). */
export const SCHEMA = Number(found[1]);
