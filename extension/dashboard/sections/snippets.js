import { comingSection } from './coming.js';

export default comingSection({
  id: 'snippets',
  title: 'Snippets',
  icon: 'snippets',
  art: 'snippets',
  lede: 'Reusable justification templates and criterion phrases, expanded where you type.',
  emptyTitle: 'No snippets yet',
  emptyText: 'Nothing here yet. The snippet editor is the next piece to land; backups you import keep their snippets until then.',
  counts: [{ key: 'snippets', one: 'snippet', label: 'Snippets' }],
  features: [
    'Triggers such as ;acc that expand as you type, on space or instantly, with case kept (;Acc, ;ACC).',
    'Fill-in fields, drop-down choices and optional sections, asked for in a small form before the text lands.',
    'Folders, tags and usage counts; a search palette for the trigger you forgot.',
    'Import from espanso YAML and keyword/content CSV files.',
  ],
});
