export { buildApp } from './app.ts';
export type { AppDeps } from './deps.ts';
export { openApiDocument } from './openapi.ts';
export { startApi } from './start.ts';
