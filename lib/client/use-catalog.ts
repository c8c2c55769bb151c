'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { BYO_KEY_HEADER_PREFIX } from '@/lib/protocol/provider-key';
import { type CatalogView, catalogSchema } from '@/lib/protocol/catalog';
import { keyHeaders, type ProviderKeyMap } from './provider-keys';
import { fetchOrThrow } from './request-error';

/**
 * The models and presets this browser can use, from `GET /api/models`. With `keys` (from `useProviderKeys`), the
 * request carries them as `x-moa-key-*` headers, so their providers come back available; adding or removing a key
 * refetches, since the query key holds which providers have one (never the keys themselves); the previous catalog
 * stays shown until the new one arrives.
 */
export function useCatalog(keys?: ProviderKeyMap) {
  const headers = keyHeaders(keys);
  const providersWithKeys = Object.keys(headers)
    .map((header) => header.slice(BYO_KEY_HEADER_PREFIX.length))
    .sort();
  return useQuery({
    queryKey: ['catalog', providersWithKeys],
    queryFn: async ({ signal }): Promise<CatalogView> => {
      const response = await fetchOrThrow('/api/models', { signal, headers });
      return catalogSchema.parse(await response.json());
    },
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}
