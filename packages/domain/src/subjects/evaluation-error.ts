/** A subject's events do not fit its policy (an unknown fault kind, finding rule...). The event that caused it fails. */
export class EvaluationError extends Error {
  readonly eventId: string;

  constructor(eventId: string, message: string) {
    super(message);
    this.name = 'EvaluationError';
    this.eventId = eventId;
  }
}
