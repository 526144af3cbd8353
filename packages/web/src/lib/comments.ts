// Review comments bound to one cell of an indicator row (indicator and field), shown under that cell
// on the review page and in the editor.

/** "indicator:field" → the texts of the comments bound to that cell */
export function cellNotes(comments: { indicatorId: string | null; field?: string | null; text: string }[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const c of comments) {
    if (!c.indicatorId || !c.field) continue;
    const k = `${c.indicatorId}:${c.field}`;
    m.set(k, [...(m.get(k) ?? []), c.text]);
  }
  return m;
}
