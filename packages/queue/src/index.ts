export { OutboxRelay } from './outbox-relay.ts';
export { type Job, Producer, type ProducerOptions } from './producer.ts';
export {
  connectionOptions,
  createQueue,
  defaultJobOptions,
  eventsJobId,
  type JobPayloads,
  pingQueue,
  type QueueName,
  queueNames,
  timerJobId,
} from './queues.ts';
export { createWorker, type WorkerOptions } from './worker.ts';
