import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { generatedTypes } from '../src/generate-types.ts';

it("the client's types are those of the OpenAPI document the API serves (regenerate with generate-types.ts)", async () => {
  const committed = await readFile(new URL('../src/generated/openapi.ts', import.meta.url), 'utf8');
  expect(committed).toBe(await generatedTypes());
});
