import { QuestionFileError } from './question-file-error';
import { QUESTION_LIMITS, questionSchema, type Question } from './question';
import { assertFileSize, parseLine } from './read-lines';

interface CsvRecord {
  /** 1-based line where the record starts (a quoted field may span lines). */
  line: number;
  fields: string[];
}

/** RFC 4180 records: commas, double-quoted fields with `""` for a quote, line breaks inside quotes. */
function readCsvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '') records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line += 1;
        field += char;
      }
    } else if (char === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (char === '"') {
      throw new QuestionFileError('invalid_csv', 'has a quote inside an unquoted field; quote the whole field', line);
    } else if (char === ',') {
      fields.push(field);
      field = '';
      fieldStarted = false;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      field += char;
      fieldStarted = true;
    }
  }
  if (quoted) throw new QuestionFileError('invalid_csv', 'a quoted field is never closed', recordLine);
  endRecord();
  return records;
}

/** Questions from a CSV file with a header row: a `prompt` column, optional `id` and `category` columns. */
export function parseCsvQuestions(text: string): Question[] {
  assertFileSize(text);
  const [header, ...rows] = readCsvRecords(text.replace(/^\uFEFF/, ''));
  if (!header) throw new QuestionFileError('empty_file', 'the file holds no questions');
  const columns = header.fields.map((name) => name.trim().toLowerCase());
  const column = (name: string) => columns.indexOf(name);
  if (column('prompt') === -1) {
    throw new QuestionFileError('invalid_csv', 'the header row has no "prompt" column', header.line, 'prompt');
  }
  if (rows.length === 0) throw new QuestionFileError('empty_file', 'the file holds a header but no questions');
  if (rows.length > QUESTION_LIMITS.questions) {
    throw new QuestionFileError(
      'too_many_questions',
      `the file holds ${rows.length} questions; the limit is ${QUESTION_LIMITS.questions}`,
    );
  }
  const seen = new Map<string, number>();
  return rows.map(({ line, fields }) => {
    if (fields.length !== columns.length) {
      throw new QuestionFileError('invalid_csv', `has ${fields.length} fields; the header has ${columns.length}`, line);
    }
    const cell = (name: string) => (column(name) === -1 ? undefined : fields[column(name)]?.trim() || undefined);
    const question = parseLine(
      questionSchema,
      { id: cell('id') ?? `line-${line}`, category: cell('category'), turns: [fields[column('prompt')] ?? ''] },
      line,
      (path) => (path.startsWith('turns') ? 'prompt' : path),
    );
    const earlier = seen.get(question.id);
    if (earlier !== undefined) {
      throw new QuestionFileError('duplicate_id', `repeats the id "${question.id}" of line ${earlier}`, line, 'id');
    }
    seen.set(question.id, line);
    return question;
  });
}
