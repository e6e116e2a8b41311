import { type RawBuilder, sql } from 'kysely';

/**
 * Many rows as one `SELECT * FROM unnest(...)`: one array parameter per column, whatever the number
 * of rows. A multi-row VALUES list takes a parameter per cell (3,000 for 300 clocks), which the
 * driver, the query builder and Postgres's planner each pay for; arrays cost the same for 1 row or 1,000.
 * `columns` maps each column to its Postgres type; an array-typed column is passed as text and cast per row.
 */
export function unnestRows<C extends string>(
  columns: Readonly<Record<C, string>>,
  rows: readonly Readonly<Record<C, unknown>>[],
): RawBuilder<unknown> {
  const names = Object.keys(columns) as C[];
  const arrays = names.map((name) => {
    const type = columns[name];
    const values = rows.map((row) => row[name]);
    // An array per row cannot be unnested from an array of arrays: sent as its text form.
    return type.endsWith('[]')
      ? sql`${values.map((v) => (v === null ? null : `{${(v as unknown[]).join(',')}}`))}::text[]`
      : sql`${values}::${sql.raw(type)}[]`;
  });
  const selected = names.map((name) =>
    columns[name].endsWith('[]') ? sql`${sql.ref(name)}::${sql.raw(columns[name])}` : sql.ref(name),
  );
  return sql`SELECT ${sql.join(selected)} FROM unnest(${sql.join(arrays)}) AS t(${sql.join(names.map((n) => sql.ref(n)))})`;
}
