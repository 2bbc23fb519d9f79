// Which way dependencies point in extension/ (docs/architecture.md). Checked by `./build.sh test`
// ("dependencies point one way"); run by hand with `npx depcruise extension`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import cycle: dependencies point one way (router → handlers → services → engine/store).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import that names no file (the WASM cores, @rubrica/core and @rubrica/full, and the pages’ ../core/rubrica_full.js and ../core/rubrica_book.js exist once build.sh ran).',
      from: {},
      to: { couldNotResolve: true, pathNot: ['^@rubrica/(core|full)$', '^\\.\\./core/rubrica_(full|book)\\.js$'] },
    },
    {
      name: 'shared-is-a-leaf',
      severity: 'error',
      comment: 'extension/shared/ is used by every context and imports nothing outside itself.',
      from: { path: '^extension/shared/' },
      to: { path: '^extension/', pathNot: '^extension/shared/' },
    },
    {
      name: 'contexts-stay-apart',
      severity: 'error',
      comment: 'Pages, the overlay and the content script import from their own folder and shared/ only (they talk to the background by message).',
      from: { path: '^extension/(popup|dashboard|overlay|content|worksheet)/' },
      to: { path: '^extension/', pathNot: ['^extension/$1/', '^extension/shared/'] },
    },
    {
      name: 'background-is-not-imported',
      severity: 'error',
      comment: 'Only the background imports the background.',
      from: { path: '^extension/', pathNot: '^extension/background/' },
      to: { path: '^extension/background/' },
    },
    {
      name: 'content-has-no-wasm',
      severity: 'error',
      comment: 'Content scripts are small plain JS: pages with a strict CSP refuse WebAssembly there.',
      from: { path: '^extension/content/' },
      to: { path: ['^@rubrica/', '(page|book)-core\\.js$'] },
    },
    {
      name: 'engine-store-events-at-the-bottom',
      severity: 'error',
      comment: 'engine.js, store.js and events.js are the lowest layer of the background.',
      from: { path: '^extension/background/(engine|store|events)\\.js$' },
      to: { path: '^extension/background/', pathNot: '^extension/background/(engine|store|events)\\.js$' },
    },
    {
      name: 'services-below-handlers',
      severity: 'error',
      comment: 'Services (the background files beside engine.js) never import handlers or the router.',
      from: { path: '^extension/background/[^/]+\\.js$', pathNot: '^extension/background/(main|main\\.test|router|test-hooks)\\.js$' },
      to: { path: '^extension/background/(router\\.js|handlers/)' },
    },
    {
      name: 'handlers-below-router',
      severity: 'error',
      comment: 'Handlers are called by the router and never import it or main.js.',
      from: { path: '^extension/background/handlers/' },
      to: { path: '^extension/background/(router|main|main\\.test|test-hooks)\\.js$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|pkg|pkg-full)/' },
    moduleSystems: ['es6'],
  },
};
