// The repeated-rejection alert in words, the same in the popup's banner, the ledger's banner and
// the notification: "3 rejections of Pairwise cite “Accuracy”" and what to do about it. `view` is
// an alert as `alerts.get` answers it (crate/src/ledger/alert.rs, `AlertView`): its kind's count
// and criterion key, and the task type's and criterion's names when they are known.

/** `{title, advice, type, criterion}` of a repeated-rejection alert. */
export function rejectionWords(view) {
  const count = view.kind?.count ?? 0;
  const criterion = view.criterionName ?? view.kind?.criterion ?? 'one criterion';
  const type = view.taskTypeName ?? null;
  const rejections = `${count.toLocaleString('en')} ${count === 1 ? 'rejection' : 'rejections'}`;
  return {
    title: `${rejections} of ${type ?? 'one task type'} ${count === 1 ? 'cites' : 'cite'} “${criterion}”`,
    advice: `Consider pausing ${type ?? 'this task type'} and re-reading “${criterion}” in its rubric before taking more.`,
    type,
    criterion,
  };
}
