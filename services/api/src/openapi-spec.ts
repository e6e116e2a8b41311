import { type Config, publicUrl } from '@engine/config';
import type { SwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { type OperationDoc, operationDocs, problemAnswers } from './openapi-operations.ts';

const SCHEMAS = '#/components/schemas/';
const PROBLEM_REF = `${SCHEMAS}Problem`;
const JSON_TYPE = 'application/json';

const description = `Telecom complaint and SLA engine: hotline and work-order systems post events; managers read SLA status; finance reads the penalty ledger.

**Auth.** \`Authorization: Bearer <api key>\`. A key has one role: \`ingest\` (post events, read their status), \`manager\` (complaints, clocks and summaries of the departments on the key, or all), \`finance\` (the ledger and summaries, quotas, closing periods) or \`admin\` (all of these, plus keys, policies, departments and webhooks). No key or an unknown one: 401; a known key outside its role or departments: 403, and a manager never learns whether another department's complaint exists (404).

**Errors.** Every error is RFC 9457 problem details served as \`application/problem+json\` (the Problem schema): bad input is a 4xx naming every problem in \`errors\` (path and message), never a 5xx, and nothing of a rejected request is stored.

**Values.** Instants are RFC 3339 with an offset (\`2026-11-23T09:15:00+08:00\`); answers carry the policy zone's offset. Money is integer fen (1 yuan = 100 fen) in fields named \`...Fen\`; reversals are negative. Periods are months, \`YYYY-MM\`.

**Events.** \`POST /v1/events\` takes one event or \`{ "events": [...] }\` of up to 1,000, atomically. An event id names one event: sending it again is a duplicate, a no-op; the same id with another body is a 409. An accepted event is durable before the answer.

**Lists** are keyset-paginated: follow \`nextCursor\` until it is null.

Paths, field names, event types and rule ids are a stable contract: new optional fields and endpoints may be added, nothing is renamed or dropped.`;

const tags = [
  { name: 'events', description: 'Events in: complaints, faults, callbacks and findings as they happen' },
  {
    name: 'views',
    description: "Managers' views: one subject, the live list of clocks, SLA summaries, signals",
  },
  { name: 'ledger', description: 'Finance: the penalty ledger, its totals, quotas and closing months' },
  { name: 'reference', description: 'Departments, halls and people: who is fined for what' },
  { name: 'policies', description: 'Policy packs (the rules and amounts) and the names of their codes' },
  { name: 'calendars', description: 'Holiday calendars that working-day deadlines count on' },
  { name: 'admin', description: 'API keys, webhook subscriptions and timer rebuilds' },
  { name: 'console', description: "The web console's sign-in session (a cookie standing for a key)" },
  { name: 'operations', description: 'Probes and metrics for the people who run the engine; no key needed' },
];

/** The @fastify/swagger options: the document's frame, built from each route's zod schemas. */
export function swaggerOptions(config: Pick<Config, 'PUBLIC_URL' | 'PORT'>): SwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Complaint and SLA engine', version: '1.0.0', description },
      servers: [{ url: publicUrl(config), description: 'This engine (PUBLIC_URL, or its local address)' }],
      tags,
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (`engine.sh keys create`)' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => documented(jsonSchemaTransformObject(input) as unknown as OpenApi),
  };
}

type Json = Record<string, unknown>;
interface Media {
  schema?: Json;
  example?: unknown;
}
interface Response {
  description: string;
  content?: Record<string, Media>;
}
interface Operation {
  operationId?: string;
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, Response>;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
}

/**
 * What a route's schema cannot say, from openapi-operations.ts: each operation's id, its answers'
 * descriptions and examples, problems as application/problem+json; then the components no
 * operation uses are dropped (the type provider emits an input and an output form of each).
 */
function documented(document: OpenApi): never {
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const key = `${method.toUpperCase()} ${path}`;
      const doc = operationDocs[key];
      if (!doc)
        throw new Error(`${key} is not in openapi-operations.ts: give it an id, descriptions and examples`);
      describeOperation(key, operation, doc);
    }
  }
  document.components.schemas = used(document);
  return document as never;
}

function describeOperation(key: string, operation: Operation, doc: OperationDoc): void {
  operation.operationId = doc.operationId;
  const body = operation.requestBody?.content[JSON_TYPE];
  if (body && doc.requestExample !== undefined) body.example = doc.requestExample;
  for (const [status, response] of Object.entries(operation.responses)) {
    const json = response.content?.[JSON_TYPE];
    if (json?.schema?.$ref === PROBLEM_REF) {
      operation.responses[status] = {
        description: doc.problems?.[status] ?? problemAnswers[status] ?? `Problem ${status}`,
        content: { 'application/problem+json': { schema: { $ref: PROBLEM_REF } } },
      };
      continue;
    }
    const said = doc.responses[status];
    if (!said) throw new Error(`${key}: openapi-operations.ts does not describe its ${status} answer`);
    response.description = said;
    const example = doc.examples?.[status] ?? (status.startsWith('2') ? doc.example : undefined);
    for (const media of Object.values(response.content ?? {})) {
      if (example !== undefined) media.example = example;
    }
    const content = { ...response.content, ...doc.otherContent?.[status] };
    if (Object.keys(content).length > 0) response.content = content;
  }
  // An answer the route's schema cannot declare (the metrics' text): only the table describes it.
  for (const [status, content] of Object.entries(doc.otherContent ?? {})) {
    operation.responses[status] ??= { description: doc.responses[status] ?? '', content };
  }
}

/** The component schemas the paths reach, directly or through other components. */
function used(document: OpenApi): Record<string, Json> {
  const all = document.components.schemas;
  const reached = new Set<string>();
  const visit = (value: unknown) => {
    for (const [, name] of JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      if (name && !reached.has(name) && all[name]) {
        reached.add(name);
        visit(all[name]);
      }
    }
  };
  visit(document.paths);
  return Object.fromEntries(Object.entries(all).filter(([name]) => reached.has(name)));
}
