import { randomBytes } from 'node:crypto';
import { signalKinds } from '@engine/domain';
import { type AddressPolicy, literalAddressOf, refusalOf, refusalOfUrl } from '@engine/use-cases';
import { z } from 'zod';
import type { FieldProblem } from '../problems.ts';

const formats = ['standard', 'dingtalk', 'wecom'] as const;

/** Standard Webhooks: a `whsec_` secret is base64 of 24 to 64 random bytes. */
const WHSEC = /^whsec_([A-Za-z0-9+/]+={0,2})$/;

/**
 * POST /v1/webhooks: each field's own rules, then what depends on the format (a robot's URL
 * carries its credential; WeCom robots take no secret, DingTalk ones need theirs), all problems
 * named at once. An address in the URL is checked here; a name's addresses after (they need DNS).
 */
export function newWebhookSchema(policy: AddressPolicy) {
  return z
    .strictObject({
      url: z
        .url({ protocol: /^https?$/ })
        .max(2_048)
        .superRefine((url, ctx) => {
          // z.url() names a URL WHATWG parsing refuses (port 99999), and this check still runs: skip it then.
          if (!URL.canParse(url)) return;
          const address = literalAddressOf(new URL(url));
          const refusal = address && refusalOf(address, policy);
          if (refusal) ctx.addIssue({ code: 'custom', message: refusal });
        }),
      format: z.enum(formats).default('standard'),
      secret: z
        .string()
        .min(16)
        .max(256)
        .optional()
        .describe(
          "standard: a `whsec_` secret (base64 of 24-64 bytes) or a plain one of 16+ characters; none: one is generated. dingtalk: the robot's 加签 secret (SEC...). wecom: none.",
        ),
      /** Signal kinds to deliver (a kind named twice counts once); empty: every kind. */
      kinds: z
        .array(z.enum(signalKinds))
        .default([])
        .transform((kinds) => [...new Set(kinds)]),
    })
    .superRefine(formatRules, {
      // Run even when another field (kinds) failed, so that every problem is named at once.
      when: ({ value }) => {
        const body = value as { url?: unknown; format?: unknown; secret?: unknown };
        return (
          typeof body.url === 'string' &&
          URL.canParse(body.url) &&
          (body.format === undefined || formats.includes(body.format as never)) &&
          (body.secret === undefined || typeof body.secret === 'string')
        );
      },
    });
}

/** What depends on the format: a robot's URL carries its credential; WeCom takes no secret, DingTalk needs its own. */
function formatRules(
  body: { url: string; format?: (typeof formats)[number]; secret?: string | undefined },
  ctx: z.RefinementCtx,
) {
  const url = new URL(body.url);
  const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (body.secret?.startsWith('whsec_')) {
    const key = WHSEC.exec(body.secret)?.[1];
    const bytes = key ? Buffer.from(key, 'base64').length : 0;
    if (bytes < 24 || bytes > 64)
      problem('secret', 'a whsec_ secret is whsec_ and the base64 of 24 to 64 random bytes');
  }
  if (body.format === 'dingtalk') {
    if (!url.searchParams.get('access_token'))
      problem('url', 'a DingTalk robot URL carries its access_token (…/robot/send?access_token=…)');
    if (!body.secret) problem('secret', 'a DingTalk robot needs its 加签 secret (SEC…) to sign each message');
  }
  if (body.format === 'wecom') {
    if (!url.searchParams.get('key'))
      problem('url', 'a WeCom robot URL carries its key (…/cgi-bin/webhook/send?key=…)');
    if (body.secret !== undefined)
      problem('secret', 'a WeCom robot signs nothing: leave the secret out, its key is in the URL');
  }
}

/** The secret to store: the one given, or a new Standard Webhooks secret (answered once). */
export function webhookSecret(body: { format: string; secret?: string | undefined }) {
  if (body.secret !== undefined) return { value: body.secret, generated: false };
  if (body.format === 'wecom') return { value: '', generated: false };
  return { value: `whsec_${randomBytes(32).toString('base64')}`, generated: true };
}

/** A URL whose host name resolves to a refused address, or to nothing, as the problem to answer. */
export async function unreachableUrlProblem(
  url: string,
  policy: AddressPolicy,
): Promise<FieldProblem | null> {
  const refusal = await refusalOfUrl(new URL(url), policy);
  return refusal ? { path: 'url', message: refusal } : null;
}
