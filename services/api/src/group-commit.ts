import {
  type Db,
  EventConflictError,
  type EventPost,
  type InsertOutcome,
  insertEventPosts,
  insertEvents,
  insertSingleEventPosts,
  PostsConflictError,
} from '@engine/db';

/** The most events one shared transaction writes (a batch of 1,000 still goes, in one of its own). */
const GROUP_MAX_EVENTS = 1_000;

interface WaitingPost {
  post: EventPost;
  resolve: (outcome: InsertOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for POST /v1/events: while `commitsInFlight` transactions are committing, posts
 * that arrive wait, and the next transaction writes all of them, so many posts share one commit
 * (the cost that bounds single-event posts). Each post's promise settles only after the commit
 * that holds its events, so its 202 still means durable. Each post keeps its own answer: a post
 * that conflicts is taken out of the group and stored alone (its 409 exactly as before), and a
 * group whose transaction fails for any other reason is retried post by post, so only the post at
 * fault fails. Posts are written in the order they arrived, one post's events in its order. A
 * group of single-event posts (the commonest) is one statement, its own transaction, instead of
 * five round trips (BEGIN, two inserts, NOTIFY, COMMIT): a post of one event cannot be half stored.
 */
export class GroupCommit {
  readonly #db: Db;
  readonly #commitsInFlight: number;
  readonly #onCommitted: () => void;
  readonly #waiting: WaitingPost[] = [];
  #inFlight = 0;
  /** Transactions committed, and posts they stored (for /metrics: posts per commit is the group size). */
  commits = 0;
  posts = 0;

  constructor(db: Db, options: { commitsInFlight: number; onCommitted: () => void }) {
    this.#db = db;
    this.#commitsInFlight = options.commitsInFlight;
    this.#onCommitted = options.onCommitted;
  }

  /** Posts waiting for a commit slot (for /metrics). */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Stores a post with the group of its moment; resolves after the commit, or rejects (EventConflictError, a database error). */
  store(post: EventPost): Promise<InsertOutcome> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ post, resolve, reject });
      this.#start();
    });
  }

  #start(): void {
    while (this.#inFlight < this.#commitsInFlight && this.#waiting.length > 0) {
      this.#inFlight += 1;
      void this.#write(this.#takeGroup()).finally(() => {
        this.#inFlight -= 1;
        this.#start();
      });
    }
  }

  /** The posts waiting longest, up to GROUP_MAX_EVENTS events (at least one post). */
  #takeGroup(): WaitingPost[] {
    let events = 0;
    let n = 0;
    while (n < this.#waiting.length) {
      events += this.#waiting[n]!.post.events.length;
      if (n > 0 && events > GROUP_MAX_EVENTS) break;
      n += 1;
    }
    return this.#waiting.splice(0, n);
  }

  async #write(group: WaitingPost[]): Promise<void> {
    if (group.every((w) => w.post.events.length === 1)) {
      try {
        await this.#writeSingles(group);
        return;
      } catch {
        // Nothing of the statement was stored: each post is tried alone below, so only the post at fault fails.
        return this.#writeAlone(group);
      }
    }
    let together = group;
    const alone: WaitingPost[] = [];
    while (together.length > 1) {
      try {
        const outcomes = await insertEventPosts(
          this.#db,
          together.map((w) => w.post),
        );
        this.#committed(together, outcomes);
        together = [];
      } catch (error) {
        if (error instanceof PostsConflictError) {
          // Their 409s (or, if their conflict was with a post taken out too, their 202s) come from a transaction of their own.
          alone.push(...together.filter((_, i) => error.conflicts.has(i)));
          together = together.filter((_, i) => !error.conflicts.has(i));
        } else {
          alone.push(...together);
          together = [];
        }
      }
    }
    await this.#writeAlone([...together, ...alone]);
  }

  /** Single-event posts (the commonest group) in one statement: one round trip, one commit. */
  async #writeSingles(group: readonly WaitingPost[]): Promise<void> {
    const outcomes = await insertSingleEventPosts(
      this.#db,
      group.map((w) => ({ event: w.post.events[0]!, apiKeyId: w.post.apiKeyId })),
    );
    const stored: WaitingPost[] = [];
    const storedOutcomes: InsertOutcome[] = [];
    group.forEach((waiting, i) => {
      const outcome = outcomes[i]!;
      if (outcome instanceof EventConflictError) waiting.reject(outcome);
      else {
        stored.push(waiting);
        storedOutcomes.push(outcome);
      }
    });
    this.#committed(stored, storedOutcomes);
  }

  async #writeAlone(posts: readonly WaitingPost[]): Promise<void> {
    for (const waiting of posts) {
      try {
        const outcome = await insertEvents(this.#db, waiting.post.events, waiting.post.apiKeyId);
        this.#committed([waiting], [outcome]);
      } catch (error) {
        waiting.reject(error);
      }
    }
  }

  #committed(posts: readonly WaitingPost[], outcomes: readonly InsertOutcome[]): void {
    this.commits += 1;
    this.posts += posts.length;
    posts.forEach((waiting, i) => {
      waiting.resolve(outcomes[i]!);
    });
    this.#onCommitted();
  }
}
