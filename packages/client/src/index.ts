export * from './client.ts';
export type { paths } from './generated/openapi.ts';
