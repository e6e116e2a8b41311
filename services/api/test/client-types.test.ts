import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { clientTypesFile, generatedTypes } from '../src/generate-client-types.ts';

it("the client's types are those of the OpenAPI document the API serves (regenerate with generate-client-types.ts)", async () => {
  expect(await readFile(clientTypesFile, 'utf8')).toBe(await generatedTypes());
});
