import type { CodeLanguage } from './simulator-question';
import { pick, type Random } from './simulator-random';

/** How each language is named in prose. */
export const LANGUAGE_NAMES: Record<CodeLanguage, string> = {
  python: 'Python',
  javascript: 'JavaScript',
  typescript: 'TypeScript',
  sql: 'SQL',
  rust: 'Rust',
  go: 'Go',
  bash: 'shell',
};

interface Names {
  snake: string;
  camel: string;
  /** A plural noun for a SQL table. */
  table: string;
}

type Template = (names: Names) => string[];

// Short, self-contained sketches: they read like the start of a real answer and run as written, whatever the task.
const TEMPLATES: Record<CodeLanguage, Template[]> = {
  python: [
    ({ snake }) => [
      `def ${snake}(items):`,
      '    """Return the usable items, in their original order."""',
      '    result = []',
      '    for item in items:',
      '        if item is None:',
      '            continue',
      '        result.append(item)',
      '    return result',
      '',
      '',
      'if __name__ == "__main__":',
      `    print(${snake}([3, None, 1, 2]))`,
    ],
    ({ snake }) => [
      'from collections.abc import Iterable',
      '',
      '',
      `def ${snake}(values: Iterable[int]) -> list[int]:`,
      '    seen: set[int] = set()',
      '    ordered: list[int] = []',
      '    for value in values:',
      '        if value not in seen:',
      '            seen.add(value)',
      '            ordered.append(value)',
      '    return ordered',
    ],
  ],
  javascript: [
    ({ camel }) => [
      `export function ${camel}(items) {`,
      "  if (!Array.isArray(items)) throw new TypeError('Expected an array');",
      '  return items.filter((item) => item != null);',
      '}',
      '',
      `console.log(${camel}([1, null, 2]));`,
    ],
    ({ camel }) => [
      `export async function ${camel}(url) {`,
      '  const response = await fetch(url);',
      "  if (!response.ok) throw new Error('Request failed with status ' + response.status);",
      '  return response.json();',
      '}',
    ],
  ],
  typescript: [
    ({ camel }) => [
      `export function ${camel}<T>(items: readonly T[], keep: (item: T) => boolean): T[] {`,
      '  const result: T[] = [];',
      '  for (const item of items) {',
      '    if (keep(item)) result.push(item);',
      '  }',
      '  return result;',
      '}',
    ],
    ({ camel }) => [
      'interface Options {',
      '  retries: number;',
      '}',
      '',
      `export async function ${camel}(url: string, { retries }: Options = { retries: 2 }): Promise<unknown> {`,
      '  for (let attempt = 0; ; attempt += 1) {',
      '    const response = await fetch(url);',
      '    if (response.ok || attempt >= retries) return response.json();',
      '  }',
      '}',
    ],
  ],
  sql: [
    ({ table }) => [
      'SELECT id, name, COUNT(*) AS total',
      `FROM ${table}`,
      "WHERE created_at >= CURRENT_DATE - INTERVAL '30 days'",
      'GROUP BY id, name',
      'ORDER BY total DESC',
      'LIMIT 10;',
    ],
    ({ table }) => [
      'SELECT t.id, t.name, SUM(o.amount) AS amount',
      `FROM ${table} AS t`,
      'JOIN orders AS o ON o.owner_id = t.id',
      'GROUP BY t.id, t.name',
      'ORDER BY amount DESC;',
    ],
  ],
  rust: [
    ({ snake }) => [
      `fn ${snake}(items: &[i32]) -> Vec<i32> {`,
      '    let mut result: Vec<i32> = items.iter().copied().filter(|item| *item >= 0).collect();',
      '    result.sort_unstable();',
      '    result',
      '}',
      '',
      'fn main() {',
      `    println!("{:?}", ${snake}(&[3, -1, 2]));`,
      '}',
    ],
  ],
  go: [
    ({ camel }) => [
      'package main',
      '',
      'import "fmt"',
      '',
      `func ${camel}(items []string) []string {`,
      '\tresult := make([]string, 0, len(items))',
      '\tfor _, item := range items {',
      '\t\tif item != "" {',
      '\t\t\tresult = append(result, item)',
      '\t\t}',
      '\t}',
      '\treturn result',
      '}',
      '',
      'func main() {',
      `\tfmt.Println(${camel}([]string{"a", "", "b"}))`,
      '}',
    ],
  ],
  bash: [
    ({ snake }) => [
      '#!/usr/bin/env bash',
      'set -euo pipefail',
      '',
      'source_dir="$HOME"',
      'stamp="$(date +%Y-%m-%d)"',
      `archive="${snake.replace(/_/g, '-')}-$stamp.tar.gz"`,
      '',
      'tar -czf "$archive" -C "$source_dir" .',
      'echo "Wrote $archive"',
    ],
  ],
};

/**
 * A fenced code block in `language`, its function named after what the question asks for, so the answer to "a
 * Python function that reverses a list" holds `def reverse_list(items):` in a ```python fence.
 */
export function composeCode({
  language,
  nameWords,
  subject,
  random,
}: {
  language: CodeLanguage;
  nameWords: string[];
  subject: string;
  random: Random;
}): string {
  const words = nameWords.length > 0 ? nameWords : ['solve'];
  const names: Names = {
    snake: words.join('_'),
    camel: words.map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1))).join(''),
    table: tableName(subject),
  };
  return [`\`\`\`${language}`, ...pick(TEMPLATES[language], random)(names), '```'].join('\n');
}

function tableName(subject: string): string {
  const noun =
    subject
      .toLowerCase()
      .match(/[a-z]+/g)
      ?.at(-1) ?? 'items';
  return noun.endsWith('s') ? noun : `${noun}s`;
}
