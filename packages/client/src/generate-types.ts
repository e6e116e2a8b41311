// Writes src/generated/openapi.ts, the client's types, from the OpenAPI document the API serves. Run after
// changing a route's schema: `node packages/client/src/generate-types.ts`; a test fails until then.
import { writeFile } from 'node:fs/promises';
import { openApiDocument } from '@engine/api';
import openapiTS, { astToString } from 'openapi-typescript';

export async function generatedTypes(): Promise<string> {
  const ast = await openapiTS((await openApiDocument()) as never);
  return `// Generated from the served OpenAPI document by generate-types.ts; do not edit.\n\n${astToString(ast)}`;
}

if (import.meta.main) {
  await writeFile(new URL('./generated/openapi.ts', import.meta.url), await generatedTypes());
}
