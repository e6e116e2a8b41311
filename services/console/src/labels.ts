import { useQuery } from '@tanstack/react-query';
import { api, read } from './api.ts';
import { useLang } from './i18n.tsx';

/** The packs' names for their codes (GET /v1/labels), in the chosen language; the code where none. */
export function useLabels() {
  const { lang } = useLang();
  const query = useQuery({
    queryKey: ['labels'],
    queryFn: () => read(api.GET('/v1/labels')),
    staleTime: 600_000,
  });
  const pick = (
    map: Record<string, { zh: string; en: string }> | undefined,
    code: string | null | undefined,
  ) => (code ? (map?.[code]?.[lang] ?? code) : '—');
  const data = query.data;
  return {
    /** A rule's name; with the entry's policy version, in that version's family (two families may name an id differently). */
    rule: (code: string | null | undefined, policyVersion?: string) => {
      const family = policyVersion ? data?.versions[policyVersion] : undefined;
      const own = family && code ? data?.families[family]?.rules[code]?.[lang] : undefined;
      return own ?? pick(data?.rules, code);
    },
    faultKind: (code: string | null | undefined) => pick(data?.faultKinds, code),
    callbackKind: (code: string | null | undefined) => pick(data?.callbackKinds, code),
  };
}
