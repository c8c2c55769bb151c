/** Why a question file was refused. The page and the CLI switch on the code, never on the message. */
export type QuestionFileErrorCode =
  | 'file_too_large'
  | 'too_many_questions'
  | 'empty_file'
  | 'invalid_json'
  | 'invalid_field'
  | 'invalid_csv'
  | 'duplicate_id'
  | 'unknown_reference'
  | 'unknown_format';

/**
 * A question file that cannot be used, with the 1-based line (of a JSONL or CSV file) and the field at fault, so the
 * message can say where to look: `line 7, field "turns": must hold at least one turn`.
 */
export class QuestionFileError extends Error {
  constructor(
    readonly code: QuestionFileErrorCode,
    readonly detail: string,
    readonly line?: number,
    readonly field?: string,
  ) {
    const where = [line !== undefined ? `line ${line}` : undefined, field !== undefined ? `field "${field}"` : undefined]
      .filter(Boolean)
      .join(', ');
    super(where ? `${where}: ${detail}` : detail);
    this.name = 'QuestionFileError';
  }
}
