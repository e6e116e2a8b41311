export { type AppDeps, buildApp } from './app.ts';
export { startApi } from './start.ts';
