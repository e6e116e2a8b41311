import type { Policy } from '@engine/domain';
import type { Db } from './database.ts';
import { type LoadedPolicies, loadPolicies, policyFingerprint } from './policy-versions.repository.ts';

/** Another process's new or replaced version (or calendar year) is noticed within this. */
const REFRESH_MS = 5_000;

/**
 * The stored policy versions (bound to the stored calendars) as one process holds them: what the
 * API, the workers and the CLI judge by. One object instead of a function per question in every
 * process's wiring.
 */
export class PolicyStore {
  readonly #db: Db;
  #loaded: LoadedPolicies;
  #lookedAt = Date.now();

  private constructor(db: Db, loaded: LoadedPolicies) {
    this.#db = db;
    this.#loaded = loaded;
  }

  static async load(db: Db): Promise<PolicyStore> {
    return new PolicyStore(db, await loadPolicies(db));
  }

  /** Every stored version, validated. */
  all(): readonly Policy[] {
    return this.#loaded.policies;
  }

  /** The stored revision of a loaded version (a version may be replaced until first used). */
  revision(version: string): number | undefined {
    return this.#loaded.revisions.get(version);
  }

  /** Whether a version was already used when loaded, so the loaded body is final. */
  settled(version: string): boolean {
    return this.#loaded.used.has(version);
  }

  /** The calendar fingerprint the versions' calendars were loaded at. */
  calendarFingerprint(): string {
    return this.#loaded.calendarFingerprint;
  }

  /** Reads every version (and calendar) again. */
  async reload(): Promise<void> {
    this.#loaded = await loadPolicies(this.#db);
    this.#lookedAt = Date.now();
  }

  /** Reloads if another process stored or replaced a version or a calendar year; looks at most every few seconds. */
  async refresh(): Promise<void> {
    if (Date.now() - this.#lookedAt < REFRESH_MS) return;
    this.#lookedAt = Date.now();
    if ((await policyFingerprint(this.#db)) !== this.#loaded.fingerprint) await this.reload();
  }
}
