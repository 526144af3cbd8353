// The unit's place in the unit tree, as the ruleset choice reads it.
import type { Queryable } from '../db/client.ts';

/** Names of the unit and its ancestors in the unit tree, root first (its path is "/1/5/9/"). */
export async function unitPathNames(q: Queryable, unitId: number): Promise<string[]> {
  const rows = await q.query(
    `SELECT a.name FROM units u JOIN units a ON a.id = ANY(string_to_array(trim(both '/' from u.path), '/')::int[])
     WHERE u.id = $1 ORDER BY length(a.path)`,
    [unitId],
  );
  return rows.map((r) => String(r.name));
}
