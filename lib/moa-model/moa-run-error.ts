import type { AgentError, ErrorCode } from '@/lib/protocol/run-parts';

/**
 * A MoA run that ended without an answer: no agent of a layer answered, or the aggregator failed. `causes` are the
 * errors of the agents whose failure ended it, so a caller can tell an upstream rate limit from an outage.
 */
export class MoaRunError extends Error {
  readonly code: ErrorCode;
  readonly causes: AgentError[];

  constructor(error: AgentError, causes: AgentError[]) {
    super(error.message);
    this.name = 'MoaRunError';
    this.code = error.code;
    this.causes = causes;
  }

  static isInstance(error: unknown): error is MoaRunError {
    return error instanceof MoaRunError;
  }
}
