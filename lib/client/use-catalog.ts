'use client';
import { useQuery } from '@tanstack/react-query';
import type { CatalogView } from '@/lib/models/catalog-view';

/** The models and presets this browser can use, from `GET /api/models`. */
export function useCatalog() {
  return useQuery({
    queryKey: ['catalog'],
    queryFn: async ({ signal }): Promise<CatalogView> => {
      const response = await fetch('/api/models', { signal });
      if (!response.ok) throw new Error(`Could not load the model catalog (HTTP ${response.status}).`);
      return (await response.json()) as CatalogView;
    },
    staleTime: 30_000,
  });
}
