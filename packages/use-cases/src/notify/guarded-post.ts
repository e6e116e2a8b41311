import { type LookupAddress, lookup } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { type AddressPolicy, literalAddressOf, refusalOf } from './address-policy.ts';

/** A delivery refused before anything was sent: the URL's host is (or now resolves to) a refused address. */
export class RefusedAddressError extends Error {}

/** What a receiver answered: its status and the start of its body (robots answer errors in a 200's body). */
export interface PostAnswer {
  status: number;
  body: string;
}

const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * POSTs a body once. The address checked is the address connected to: the host's name is resolved
 * here, by the socket's own lookup, and every address it gives must pass the policy (a name that
 * resolved to a public address when the webhook was created and to 169.254.169.254 now - DNS
 * rebinding - is refused). Redirects are not followed: a 3xx is an answer like any other.
 */
export function guardedPost(
  url: URL,
  headers: Record<string, string>,
  body: string,
  options: { policy: AddressPolicy; timeoutMs: number },
): Promise<PostAnswer> {
  const literal = literalAddressOf(url);
  const refusal = literal ? refusalOf(literal, options.policy) : null;
  if (refusal) return Promise.reject(new RefusedAddressError(refusal));
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(options.policy),
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < MAX_ANSWER_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_ANSWER_BYTES),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** dns.lookup, failing when any address the name resolves to is refused. */
function guardedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    lookup(hostname, { ...lookupOptions, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.map((a) => refusalOf(a.address, policy)).find((r) => r !== null);
      if (refused) return callback(new RefusedAddressError(`${hostname} resolves to ${refused}`), '', 0);
      if (lookupOptions.all) return callback(null, addresses);
      const first = addresses[0]!;
      return callback(null, first.address, first.family);
    });
  };
}

/**
 * Whether a URL may be subscribed: its host is a permitted address, or a name all of whose
 * addresses are permitted now. A name that does not resolve is refused too (a typo would only
 * ever fail); a resolver that is unreachable is no reason to refuse, delivery checks again.
 */
export async function refusalOfUrl(url: URL, policy: AddressPolicy): Promise<string | null> {
  const literal = literalAddressOf(url);
  if (literal) return refusalOf(literal, policy);
  try {
    const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
      lookup(url.hostname, { all: true }, (error, found) => (error ? reject(error) : resolve(found))),
    );
    const refused = addresses.map((a) => refusalOf(a.address, policy)).find((r) => r !== null);
    return refused ? `${url.hostname} resolves to ${refused}` : null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOTFOUND' || code === 'ENODATA' ? `${url.hostname} does not resolve` : null;
  }
}
