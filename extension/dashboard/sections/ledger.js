import { comingSection } from './coming.js';

export default comingSection({
  id: 'ledger',
  title: 'Ledger & reports',
  nav: 'Ledger & reports',
  icon: 'ledger',
  art: 'ledger',
  lede: 'Every task you record, its outcome and its pay — and what your time is really worth.',
  emptyTitle: 'No tasks recorded yet',
  emptyText: 'Nothing here yet. The task ledger and reports arrive with session timing.',
  counts: [
    { key: 'tasks', one: 'task', label: 'Tasks' },
    { key: 'taskTypes', one: 'task type', label: 'Task types' },
    { key: 'alerts', one: 'alert', label: 'Alerts' },
  ],
  features: [
    'Approvals, rejections and revisions with feedback and the criteria reviewers cited.',
    'An alert when the same criterion is cited in several rejections of one task type.',
    'True effective hourly rate (setup and idle included), base rate and active rate per platform and task type.',
    'Charts by week, payment status, CSV export, and import of Outlier earnings CSV.',
  ],
});
