/** Why an evaluation cannot start. Nothing has run when one of these is thrown. */
export type EvalSetupErrorCode =
  | 'invalid_settings'
  | 'unknown_suite'
  | 'unknown_preset'
  | 'unknown_model'
  | 'server_keys_not_allowed'
  | 'mixed_simulation'
  | 'results_mismatch'
  | 'invalid_results';

export class EvalSetupError extends Error {
  constructor(
    readonly code: EvalSetupErrorCode,
    message: string,
    /** The setting at fault, e.g. `contestants.1.model` or `--judge`. */
    readonly field?: string,
  ) {
    super(field ? `${field}: ${message}` : message);
    this.name = 'EvalSetupError';
  }
}
