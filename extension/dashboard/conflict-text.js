// A conflict's sentence for people: the core names snippets by id in parentheses; each becomes
// the snippet's label (or first trigger) and folder. Shared by the library lists and the import
// planner (which runs in a worker, away from the page's own modules).

/** A conflict's sentence with snippet ids replaced by labels from `byId` (a Map of id → snippet). */
export function conflictText(c, byId) {
  return c.message.replace(/\s*\((snp_[0-9A-Za-z]+)\)/g, (_m, id) => {
    const s = byId.get(id);
    return s ? ` (“${s.label || s.triggers[0]}”${s.folder ? ` in ${s.folder}` : ''})` : '';
  });
}
