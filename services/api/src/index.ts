export { type AppDeps, buildApp } from './app.ts';
export { openApiDocument } from './openapi.ts';
export { startApi } from './start.ts';
