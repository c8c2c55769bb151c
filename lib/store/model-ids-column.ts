import { z } from 'zod';

/** Reads a `moa_models` column (a JSON array of model ids); `undefined` when it holds anything else. */
export function parseModelIds(json: string): string[] | undefined {
  try {
    const parsed = z.array(z.string()).safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
