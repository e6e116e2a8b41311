export { deliverWebhook, signatureOf } from './deliver.ts';
export { startNotifier } from './start.ts';
