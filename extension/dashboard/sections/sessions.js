import { comingSection } from './coming.js';

export default comingSection({
  id: 'sessions',
  title: 'Sessions',
  icon: 'sessions',
  art: 'sessions',
  lede: 'Work sessions timed from events, so nothing is lost when the browser sleeps or closes.',
  emptyTitle: 'No sessions yet',
  emptyText: 'Nothing here yet. Session timing lands soon: one click to start and stop from the popup.',
  counts: [
    { key: 'sessions', one: 'session', label: 'Sessions' },
    { key: 'platforms', one: 'platform', label: 'Platforms' },
  ],
  features: [
    'Start and stop from the popup or a keyboard shortcut; the toolbar badge shows elapsed time.',
    'Setup, idle and break time counted separately; on return you keep or discard idle time.',
    'Focus-block reminders (90 minutes by default) and idle detection from 15 seconds.',
    'Import from Toggl and Clockify detailed CSV exports.',
  ],
});
