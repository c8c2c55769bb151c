import type { z } from 'zod';
import { QuestionFileError } from './question-file-error';
import { QUESTION_LIMITS } from './question';

/** One parsed line of a JSONL file and where it stood. */
export interface JsonLine {
  line: number;
  value: Record<string, unknown>;
}

/** Refuses text over the byte limit before anything else reads it. */
export function assertFileSize(text: string, limitBytes: number = QUESTION_LIMITS.fileBytes): void {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > limitBytes) {
    throw new QuestionFileError(
      'file_too_large',
      `the file is ${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is ${limitBytes / 1024 / 1024} MB`,
    );
  }
}

/** Each non-blank line of a JSONL file as an object, with its 1-based line number. */
export function readJsonLines(text: string): JsonLine[] {
  assertFileSize(text);
  const lines: JsonLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed === '') return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      throw new QuestionFileError('invalid_json', 'is not valid JSON', index + 1);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new QuestionFileError('invalid_json', 'must be a JSON object', index + 1);
    }
    lines.push({ line: index + 1, value: value as Record<string, unknown> });
  });
  if (lines.length === 0) throw new QuestionFileError('empty_file', 'the file holds no questions');
  return lines;
}

/**
 * Parses `value` with `schema`, or throws naming the line and the first field at fault. `fieldName` maps a schema
 * path to the name the user wrote in the file (a CSV `prompt` column becomes the schema's `turns.0`).
 */
export function parseLine<T>(
  schema: z.ZodType<T>,
  value: unknown,
  line: number,
  fieldName: (path: string) => string = (path) => path,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.length ? fieldName(issue.path.join('.')) : undefined;
  throw new QuestionFileError('invalid_field', issue?.message ?? 'is not valid', line, field);
}
