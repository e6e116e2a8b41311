// Writes packages/client/src/generated/openapi.ts, the client's types, from the OpenAPI document this API
// serves. Run after changing a route's schema: `node services/api/src/generate-client-types.ts`; a test
// fails until then. It lives here, beside the document, so the published client depends on nothing of ours.
import { writeFile } from 'node:fs/promises';
import openapiTS, { astToString } from 'openapi-typescript';
import { openApiDocument } from './openapi.ts';

export const clientTypesFile = new URL('../../../packages/client/src/generated/openapi.ts', import.meta.url);

export async function generatedTypes(): Promise<string> {
  const ast = await openapiTS((await openApiDocument()) as never);
  return `// Generated from the served OpenAPI document by services/api/src/generate-client-types.ts; do not edit.\n\n${astToString(ast)}`;
}

if (import.meta.main) {
  await writeFile(clientTypesFile, await generatedTypes());
}
