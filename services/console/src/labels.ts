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
  return {
    rule: (code: string | null | undefined) => pick(query.data?.rules, code),
    faultKind: (code: string | null | undefined) => pick(query.data?.faultKinds, code),
    callbackKind: (code: string | null | undefined) => pick(query.data?.callbackKinds, code),
    rules: query.data?.rules ?? {},
  };
}
