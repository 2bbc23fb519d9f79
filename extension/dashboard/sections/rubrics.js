import { comingSection } from './coming.js';

export default comingSection({
  id: 'rubrics',
  title: 'Rubrics',
  icon: 'rubrics',
  art: 'rubrics',
  lede: 'A notebook of the rubrics you work with: criteria in priority order, with your own notes.',
  emptyTitle: 'No rubrics yet',
  emptyText: 'Nothing here yet. Soon you can write down each project’s rubric once and cite it from every justification.',
  counts: [{ key: 'rubrics', one: 'rubric', label: 'Rubrics' }],
  features: [
    'Criteria with definitions, priority, weight and a “disqualifying” flag.',
    'Ready phrases per criterion, linked to snippets, so citations stay concrete.',
    'Notes from reviewer feedback kept next to the criterion they concern.',
    'A default rubric per task type, picked up by the justification checker.',
  ],
});
