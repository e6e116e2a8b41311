import { type SubjectRef, subjectKey } from '@engine/db';

interface Waiting {
  ref: SubjectRef;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface BatcherOptions {
  /** Subjects per batch at most. */
  maxSize: number;
  /** How long the first subject waits for others while no batch is running. */
  maxWaitMs: number;
  /** Batches running at once; subjects arriving meanwhile wait and go together in the next. */
  maxInFlight: number;
}

/**
 * Gathers the subjects of the jobs a worker runs at once into batches, so one transaction
 * evaluates many (applySubjects). A batch goes when it has `maxSize` subjects or its first has
 * waited `maxWaitMs`, but never while `maxInFlight` batches run: as with group commit, the
 * subjects arriving meanwhile make the next batch larger, instead of many small batches
 * competing for Postgres (they took longer each than a large one). Each job's promise settles
 * with its batch, so a job completes only once its subject is stored (and fails, to be retried,
 * if its subject or its whole batch failed).
 */
export class SubjectBatcher {
  readonly #run: (refs: SubjectRef[]) => Promise<Map<string, unknown>>;
  readonly #options: BatcherOptions;
  #waiting: Waiting[] = [];
  #timer: NodeJS.Timeout | null = null;
  #inFlight = 0;

  /** `run` evaluates a batch and returns what failed, by subjectKey: only those jobs fail. */
  constructor(run: (refs: SubjectRef[]) => Promise<Map<string, unknown>>, options: BatcherOptions) {
    this.#run = run;
    this.#options = options;
  }

  submit(ref: SubjectRef): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#waiting.push({ ref, resolve, reject });
      if (this.#waiting.length >= this.#options.maxSize) this.#flush();
      else this.#timer ??= setTimeout(() => this.#flush(), this.#options.maxWaitMs);
    });
  }

  #flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    while (this.#waiting.length > 0 && this.#inFlight < this.#options.maxInFlight) {
      const batch = this.#waiting.splice(0, this.#options.maxSize);
      this.#inFlight += 1;
      this.#run(batch.map((w) => w.ref))
        .then(
          (failed) => {
            for (const w of batch) {
              const error = failed.get(subjectKey(w.ref));
              if (error === undefined) w.resolve();
              else w.reject(error);
            }
          },
          (error: unknown) => {
            for (const w of batch) w.reject(error);
          },
        )
        .finally(() => {
          this.#inFlight -= 1;
          // What arrived while it ran has waited already: it goes now.
          this.#flush();
        });
    }
  }
}
