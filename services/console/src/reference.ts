import { useQuery } from '@tanstack/react-query';
import { api, read } from './api.ts';

/** The departments and halls the key may see, for filters and names. */
export function useReference() {
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: () => read(api.GET('/v1/departments', { params: { query: {} } })),
    staleTime: 60_000,
  });
  const halls = useQuery({
    queryKey: ['halls'],
    queryFn: () => read(api.GET('/v1/halls')),
    staleTime: 60_000,
  });
  const departmentList = (departments.data?.items ?? []).flatMap((d) =>
    'known' in d ? [] : [{ id: d.id, name: d.name, managerId: d.managerId }],
  );
  return {
    departments: departmentList,
    halls: halls.data?.items ?? [],
    departmentName: (id: string | null | undefined) =>
      departmentList.find((d) => d.id === id)?.name ?? id ?? '—',
  };
}
