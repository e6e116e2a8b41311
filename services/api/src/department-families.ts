import { type Db, departmentFamilies } from '@engine/db';

/** How long an API process trusts a department's family when checking posted events. */
const TTL_MS = 5_000;

/**
 * RULES.md 9: which family judges each department, as ingest checks event codes against it. Read
 * through a short-lived cache, so a post costs no extra round trip for departments seen in the last
 * seconds; a family changed by an admin is used for ingest checks within TTL_MS (the classifier,
 * which judges, always reads it fresh).
 */
export class DepartmentFamilies {
  readonly #db: Db;
  readonly #known = new Map<string, { family: string | undefined; until: number }>();

  constructor(db: Db) {
    this.#db = db;
  }

  async of(ids: readonly string[]): Promise<Map<string, string>> {
    const now = Date.now();
    const missing = [...new Set(ids)].filter((id) => (this.#known.get(id)?.until ?? 0) <= now);
    if (missing.length > 0) {
      const found = await departmentFamilies(this.#db, missing);
      if (this.#known.size > 50_000) this.#known.clear();
      for (const id of missing) this.#known.set(id, { family: found.get(id), until: now + TTL_MS });
    }
    const families = new Map<string, string>();
    for (const id of ids) {
      const family = this.#known.get(id)?.family;
      if (family) families.set(id, family);
    }
    return families;
  }
}
