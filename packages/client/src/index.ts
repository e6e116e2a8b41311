export * from './client.ts';
export type { paths } from './openapi.ts';
