import { config } from 'zod';

// Runs in the browser before any app code. Zod compiles object parsers with `new Function` unless told not to, and
// probes for it first: under the page's Content-Security-Policy (no 'unsafe-eval') the probe is refused, and even
// though Zod catches the error and falls back, the browser reports a policy violation on every page load.
// (`config` alone, not the `z` namespace, which would pull all of Zod and its locales into every page's first load.)
config({ jitless: true });
