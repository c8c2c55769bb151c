import type { UIMessage } from 'ai';
import type { RunDataTypes } from './run-parts';

/** An assistant message of a MoA run: the answer as its text part, the run as data parts. */
export type MoaUIMessage = UIMessage<never, RunDataTypes>;
