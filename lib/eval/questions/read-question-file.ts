import { attachReferenceAnswers } from './attach-references';
import { parseCsvQuestions } from './parse-csv-questions';
import { parseJsonlQuestions } from './parse-jsonl-questions';
import { QuestionFileError } from './question-file-error';
import { questionSetSchema, type QuestionSet } from './question';

/**
 * Reads a question file the user brought: JSONL (MT-Bench's `question.jsonl`, AlpacaEval or Arena-Hard style, or
 * their own) or CSV, told apart by the file name's extension, and optionally a FastChat reference-answer file.
 */
export function readQuestionFile(options: {
  fileName: string;
  text: string;
  referenceText?: string;
}): QuestionSet {
  const extension = options.fileName.toLowerCase().split('.').pop();
  if (extension !== 'jsonl' && extension !== 'csv') {
    throw new QuestionFileError('unknown_format', `"${options.fileName}" is neither .jsonl nor .csv`);
  }
  let questions = extension === 'jsonl' ? parseJsonlQuestions(options.text) : parseCsvQuestions(options.text);
  if (options.referenceText !== undefined) questions = attachReferenceAnswers(questions, options.referenceText);
  const name = options.fileName.split(/[\\/]/).pop() ?? options.fileName;
  return questionSetSchema.parse({ id: 'custom', name: name.slice(0, 100), questions });
}
