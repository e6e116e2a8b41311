import { type SubjectRef, subjectKey } from '@engine/db';

interface Waiting {
  ref: SubjectRef;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers the subjects of the jobs a worker runs at once into batches, so one transaction
 * evaluates many (applySubjects): a batch goes when it has `maxSize` subjects or its first has
 * waited `maxWaitMs`; each job's promise settles with its batch, so a job completes only once its
 * subject is stored (and fails, to be retried, if its subject or its whole batch failed).
 */
export class SubjectBatcher {
  readonly #run: (refs: SubjectRef[]) => Promise<Map<string, unknown>>;
  readonly #maxSize: number;
  readonly #maxWaitMs: number;
  #waiting: Waiting[] = [];
  #timer: NodeJS.Timeout | null = null;

  /** `run` evaluates a batch and returns what failed, by subjectKey: only those jobs fail. */
  constructor(
    run: (refs: SubjectRef[]) => Promise<Map<string, unknown>>,
    options: { maxSize: number; maxWaitMs: number },
  ) {
    this.#run = run;
    this.#maxSize = options.maxSize;
    this.#maxWaitMs = options.maxWaitMs;
  }

  submit(ref: SubjectRef): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#waiting.push({ ref, resolve, reject });
      if (this.#waiting.length >= this.#maxSize) this.#flush();
      else this.#timer ??= setTimeout(() => this.#flush(), this.#maxWaitMs);
    });
  }

  #flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const batch = this.#waiting;
    this.#waiting = [];
    if (batch.length === 0) return;
    this.#run(batch.map((w) => w.ref)).then(
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
    );
  }
}
