import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { labelsOf } from '../labels.ts';
import { requestProblems } from '../schemas.ts';

const label = z.object({ zh: z.string(), en: z.string() });
const labelMap = z.record(z.string(), label);
const codeLabels = z.object({
  rules: labelMap,
  faultKinds: labelMap,
  callbackKinds: labelMap,
  exemptionCauses: labelMap,
});

/** What people call the packs' codes (rule names, fault and callback kinds, exemption causes). */
export const labelRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/v1/labels',
    {
      config: { roles: ['ingest', 'manager', 'finance'] },
      schema: {
        summary:
          "The packs' names for their codes, in Chinese and English: rules, fault kinds, callback kinds, exemption causes",
        description:
          "From the `labels` section of each policy pack in force. The top-level maps merge every family, the default family winning where two name the same code; `families` has each family's own. A code no pack names is absent: show the code.",
        tags: ['policies'],
        security: [{ apiKey: [] }],
        response: {
          200: codeLabels.extend({
            /** Each family's own names: two families may name the same rule id differently. */
            families: z.record(z.string(), codeLabels),
            /** The family of each policy version (an entry's policyVersion picks its family's names). */
            versions: z.record(z.string(), z.string()),
          }),
          ...requestProblems,
        },
      },
    },
    async () => labelsOf(deps.policies(), deps.config.POLICY_FAMILY),
  );
};
