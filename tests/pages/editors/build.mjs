// Bundles the editor test pages' scripts (tests/pages/editors/src/*.js[x]) with esbuild into
// tests/pages/editors/dist/ (git-ignored), from the real editor packages in node_modules.
// Called by build.sh (`./build.sh` and `./build.sh test`); tests/e2e/server.mjs serves them.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const entries = readdirSync(join(HERE, 'src'))
  .filter((f) => /\.(js|jsx)$/.test(f))
  .map((f) => join(HERE, 'src', f));

await build({
  entryPoints: entries,
  outdir: join(HERE, 'dist'),
  bundle: true,
  format: 'iife',
  target: 'chrome120',
  jsx: 'automatic',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
});
