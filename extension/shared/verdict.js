// The scoring worksheet's verdict in words, for the worksheet itself and for a worksheet saved
// with a task (the ledger's task editor): "Response B is better, decided by the first criterion in
// priority order where they differ (Accuracy). Weighted totals: A 7, B 9."

const BY = {
  disqualifying: 'a disqualifying criterion',
  weights: 'the weighted scores',
  priority: 'the first criterion in priority order where they differ',
  tie: 'no difference',
};

/** `r` is a ranking (`rankWorksheet`'s answer or a saved worksheet); `nameOf(key)` a criterion's name. */
export function verdictText(r, nameOf = (key) => key) {
  const who = r.winner === 'tie' ? 'A tie' : `Response ${String(r.winner).toUpperCase()} is better`;
  const decided = r.criterion ? ` (${nameOf(r.criterion) ?? r.criterion})` : '';
  return `${who}, decided by ${BY[r.decidedBy] ?? r.decidedBy}${decided}. Weighted totals: A ${r.totalA}, B ${r.totalB}.`;
}
