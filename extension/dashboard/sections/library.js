import { comingSection } from './coming.js';

export default comingSection({
  id: 'library',
  title: 'Library',
  icon: 'library',
  art: 'library',
  lede: 'Your saved justifications, searchable on this device, and a checker for the one you are writing.',
  emptyTitle: 'No saved justifications yet',
  emptyText: 'Nothing here yet. Justifications you choose to save will be searchable here, never sent anywhere.',
  counts: [{ key: 'justifications', one: 'justification', label: 'Saved justifications' }],
  features: [
    'Full-text search by platform, task type, criterion and outcome.',
    'A checker that flags vague phrases, uncited criteria, length outside the window and unfilled fields.',
    'Near-duplicate warnings against your earlier work, so nothing is reused verbatim.',
  ],
});
