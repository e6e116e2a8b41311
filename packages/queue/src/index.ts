export { OutboxRelay } from './outbox-relay.ts';
export {
  connectionOptions,
  createQueue,
  defaultJobOptions,
  eventJobId,
  type JobPayloads,
  pingQueue,
  type QueueName,
  queueNames,
} from './queues.ts';
