import { apiErrorCodes, type ApiErrorCode } from '@/lib/protocol/api-error';
import { mulberry32 } from '@/lib/random';

/**
 * Deterministic fuzzing of the JSON API routes: malformed bodies generated from a valid one with a seeded PRNG, the
 * answer each must get (computed from the route's contract, never from running it), and the checks every answer
 * must pass. A generator that produces a body the route would accept is a bug in the generator: `expectedAnswer`
 * throws for it, so no valid request is ever sent.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
export type Path = readonly (string | number)[];


export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)] as T;
  }
  /** `count` items in a random order, without repeats (all of them when there are fewer). */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    for (let index = pool.length - 1; index > 0; index -= 1) {
      const other = this.int(index + 1);
      [pool[index], pool[other]] = [pool[other] as T, pool[index] as T];
    }
    return pool.slice(0, count);
  }
  bytes(length: number): Uint8Array {
    return Uint8Array.from({ length }, () => this.int(256));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Values, with raw JSON text spliced in where `JSON.stringify` cannot write it (1e309, 10,000-deep nesting).

const rawTexts: string[] = [];
const rawIds = new Map<string, number>();

/** A placeholder that `serialize` replaces with `text` verbatim. */
export function raw(text: string): string {
  let id = rawIds.get(text);
  if (id === undefined) {
    id = rawTexts.push(text) - 1;
    rawIds.set(text, id);
  }
  return `@@raw:${id}@@`;
}

/** JSON text of a value, raw placeholders replaced. */
export function serialize(value: Json): string {
  return JSON.stringify(value).replace(/"@@raw:(\d+)@@"/g, (_, id: string) => rawTexts[Number(id)] ?? '');
}

/** `depth` nested arrays or objects, as raw JSON text. */
export function deepText(kind: 'array' | 'object', depth: number): string {
  return kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** An object with an own `key`, `__proto__` included (an object literal would set the prototype instead). */
export function objectWith(key: string, value: Json, base: JsonObject = {}): JsonObject {
  const copy = clone(base) as JsonObject;
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** A deep copy; JSON.parse keeps `__proto__` keys as own properties. */
export function clone(value: Json): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every path below the root, parents before their children. */
export function pathsOf(value: Json, prefix: Path = []): Path[] {
  const children: [string | number, Json][] = Array.isArray(value)
    ? value.map((item, index): [number, Json] => [index, item])
    : isObject(value)
      ? Object.entries(value)
      : [];
  return children.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

export function valueAt(value: Json, path: Path): Json | undefined {
  let current: Json | undefined = value;
  for (const key of path) {
    if (Array.isArray(current) && typeof key === 'number') current = current[key];
    else if (isObject(current) && typeof key === 'string' && Object.hasOwn(current, key)) current = current[key];
    else return undefined;
  }
  return current;
}

/** A copy with the value at `path` replaced (`undefined` deletes an object key), or undefined when the path is gone. */
export function withValueAt(value: Json, path: Path, replacement: Json | undefined): Json | undefined {
  if (path.length === 0) return replacement;
  const copy = clone(value);
  const parent = valueAt(copy, path.slice(0, -1));
  const key = path.at(-1)!;
  if (Array.isArray(parent) && typeof key === 'number' && key < parent.length) {
    if (replacement === undefined) return undefined;
    parent[key] = replacement;
  } else if (isObject(parent) && typeof key === 'string') {
    if (replacement === undefined) delete parent[key];
    else Object.defineProperty(parent, key, { value: replacement, enumerable: true, writable: true, configurable: true });
  } else {
    return undefined;
  }
  return copy;
}

/** Dotted, for labels: `messages.0.content`. */
export function pathName(path: Path): string {
  return path.length === 0 ? '(root)' : path.join('.');
}

/** A short printable form of a value, for labels. */
export function describeValue(value: Json | undefined): string {
  if (value === undefined) return '(missing)';
  const text = JSON.stringify(value).replace(/"@@raw:(\d+)@@"/g, (_, id: string) => rawTexts[Number(id)] ?? '');
  return text.length > 48 ? `${text.slice(0, 40)}…(${text.length} chars)` : text;
}

// ---------------------------------------------------------------------------------------------------------------
// Value pools.

/** Values of the wrong JSON type for a field whose valid value has the type of the key. */
export const WRONG_TYPES: Record<'string' | 'number' | 'boolean' | 'array' | 'object', Json[]> = {
  string: [0, -1, 1.5, 1e308, true, false, null, [], ['text'], {}, { text: 'x' }, raw('-0')],
  number: ['1', '0', 'NaN', 'Infinity', '-Infinity', '1e308', '-0', '', ' 1 ', '0x10', '1_000', true, false, null, [], [1], {}, { valueOf: 1 }],
  boolean: ['true', 'false', 1, 0, '', null, [], [true], {}],
  array: ['[]', '', 0, 1, true, null, {}, { '0': 'x', length: 1 }],
  object: ['{}', '', 0, 1, true, null, [], [{}]],
};

export function wrongTypesFor(value: Json): Json[] {
  if (Array.isArray(value)) return [...WRONG_TYPES.array, ...(value[0] === undefined ? [] : [value[0]])];
  if (isObject(value)) return [...WRONG_TYPES.object, [value]];
  if (typeof value === 'string') return WRONG_TYPES.string;
  if (typeof value === 'number') return WRONG_TYPES.number;
  if (typeof value === 'boolean') return WRONG_TYPES.boolean;
  return [];
}

/** Unicode that breaks naive code: lone and reversed surrogates, NUL, bidi controls, 4-byte characters, BOMs. */
export const UNICODE_EDGES: string[] = [
  '\ud800',
  '\udfff',
  'a\ud800b',
  '\udc00\ud800',
  '\u0000',
  'nul\u0000byte',
  '\u202eevil\u202c',
  '\u200f\u200e\u061c',
  '😀',
  '👩‍👩‍👧‍👦',
  '🏳️‍🌈',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '\u{10ffff}',
  '\ufeff',
  '\ufeffsimulated',
  'e\u0301\u0301\u0301',
  '\u2028\u2029',
  '\u0085\u00a0\u3000',
  '\uffff\ufffe',
  'Ｓｉｍｕｌａｔｅｄ',
  'İſß',
];

/**
 * Models no request can use with no provider key set and local servers not probed: hosted ones, a retired one whose
 * successor is hosted, a local one, and ids that name no provider or no simulator model.
 */
export const UNAVAILABLE_MODELS = [
  'together:Qwen/Qwen2.5-72B-Instruct-Turbo',
  'together:Qwen/Qwen1.5-110B-Chat',
  'openai:gpt-4o',
  'anthropic:claude-sonnet-4-5',
  'ollama:llama3.2',
  'nosuch:model',
  'constructor:prototype',
  'simulator:no-such-model',
];

/** Strings that are not model ids: too short or long, no provider, upper case, spaces. */
export const NOT_MODEL_IDS: Json[] = [
  '',
  'x',
  'ab',
  'together',
  ':x',
  'together:',
  'Together:x',
  'together:has space',
  'together:tab\there',
  `together:${'x'.repeat(200)}`,
  'simulator:qwen 72b',
  '__proto__:x',
  'under_score:x',
];

/** Keys that pollute `Object.prototype` in code that merges objects naively. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** Properties a successful pollution would add to every object. */
export const POLLUTION_MARKERS = ['polluted', 'fuzzPolluted'] as const;

export const POLLUTION_PAYLOADS: Json[] = [
  { polluted: 'yes' },
  { prototype: { polluted: 'yes' } },
  objectWith('__proto__', { fuzzPolluted: 'yes' }),
  'polluted',
  null,
  [{ polluted: 'yes' }],
];

/** Texts that are not JSON at all, or JSON that is not an object. */
export const NOT_JSON_TEXTS: string[] = [
  '',
  ' ',
  '\n\t',
  'null',
  'true',
  '0',
  '-0',
  '1e308',
  '"text"',
  '[]',
  '[{}]',
  '{}',
  'undefined',
  'NaN',
  'Infinity',
  "{'messages': []}",
  '{messages: []}',
  '{"messages": [],}',
  '{"a":1}{"b":2}',
  '{"a":1} trailing',
  '// comment\n{}',
  '/* comment */ {}',
  '<?xml version="1.0"?><messages/>',
  'messages=hi&preset=simulated',
  '--boundary\r\nContent-Disposition: form-data; name="messages"\r\n\r\nhi\r\n--boundary--',
  '\u0000',
  '{"a":"\u0000"}',
  '{"a":"\t"}',
  '{"a":01}',
  '{"a":+1}',
  '{"a":.5}',
  '{"a":1.}',
  '{"a":0x10}',
  '{"a":1e}',
  '{"a":-}',
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":undefined}',
  '{"\ud800":1}',
  '"\\ud800"',
  '[',
  '{',
  '{"',
  '}',
  ']',
  '"',
  '\\',
  '\ufeff{}',
  '\ufeff\ufeff{}',
  'true false',
  '{"a":1,"a":2}',
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
];

// ---------------------------------------------------------------------------------------------------------------
// Cases and what each must get.

/** What a route must answer. */
export type Expected = { status: number; code: ApiErrorCode };

export type FuzzCase = {
  /** The group it reports under, such as "a wrong type". */
  category: string;
  /** What this one is, for a failure message. */
  label: string;
  /** Text (sent as UTF-8), bytes, or bytes streamed in chunks; absent: no body at all. */
  body?: string | Uint8Array | { chunks: Uint8Array[] };
  /** Content-Type; default `application/json`; null: none set by the test. */
  contentType?: string | null;
  headers?: Record<string, string>;
  /** Why a body the schema accepts is still refused (an unavailable model, a vote already cast). */
  semantic?: Expected;
};

/** What the fuzzer knows of a JSON route: the same limits and schema the route enforces. */
export type JsonRoute = {
  name: string;
  url: string;
  maxBytes: number;
  schema: { safeParse(value: unknown): { success: boolean; data?: unknown } };
  /** What the route answers for a body its schema accepts, when that does not depend on the case. */
  afterSchema?: (data: unknown) => Expected | undefined;
};

export function expected(code: ApiErrorCode): Expected {
  return { status: apiErrorCodes[code], code };
}

/** The request a case describes. */
export function buildRequest(url: string, fuzzCase: FuzzCase, method = 'POST'): Request {
  const headers = new Headers(fuzzCase.headers);
  if (fuzzCase.contentType !== null) headers.set('content-type', fuzzCase.contentType ?? 'application/json');
  const { body } = fuzzCase;
  if (body !== undefined && typeof body === 'object' && 'chunks' in body) {
    const chunks = body.chunks;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      },
    });
    // `duplex` is required for a stream body by fetch, but missing from TypeScript's RequestInit.
    return new Request(url, { method, headers, body: stream, duplex: 'half' } as RequestInit);
  }
  return new Request(url, { method, headers, body: body as BodyInit | undefined });
}

function bodyBytes(fuzzCase: FuzzCase): Uint8Array | undefined {
  const { body } = fuzzCase;
  if (body === undefined) return undefined;
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body instanceof Uint8Array) return body;
  const bytes = new Uint8Array(body.chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of body.chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * The media type is exactly JSON's, in any letter case (RFC 9110: type and subtype are case-insensitive), with any
 * parameters; no type at all, or one that merely contains it, is not.
 */
function declaresJson(contentType: string | null): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * The answer the route's contract gives this request: 415 for a body not declared as JSON, 413 beyond the byte
 * limit, 400 `invalid_json`, 400 `invalid_request` when the schema refuses it, else the case's own reason. Throws
 * when nothing refuses it: the generator made a valid request.
 */
export function expectedAnswer(route: JsonRoute, fuzzCase: FuzzCase, request: Request): Expected {
  const contentType = request.headers.get('content-type');
  if (!declaresJson(contentType)) return expected('unsupported_media_type');
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  const bytes = bodyBytes(fuzzCase);
  if ((Number.isFinite(declared) && declared > route.maxBytes) || (bytes && bytes.byteLength > route.maxBytes)) {
    return expected('payload_too_large');
  }
  if (bytes === undefined) return expected('invalid_json');
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return expected('invalid_json');
  }
  const parsed = route.schema.safeParse(value);
  if (!parsed.success) return expected('invalid_request');
  const answer = route.afterSchema?.(parsed.data) ?? fuzzCase.semantic;
  if (!answer) throw new Error(`${route.name}: the generator made a valid request (${fuzzCase.category}: ${fuzzCase.label})`);
  return answer;
}

/** Would the route's schema accept this value? */
export function schemaAccepts(route: JsonRoute, value: Json): boolean {
  return route.schema.safeParse(JSON.parse(serialize(value))).success;
}

// A stack frame (`at fn (/path/file.ts:1:2)`, `at file:///…`), a module path, or an internal error's name.
const LEAK_PATTERNS = [
  /\bat\s+[^\n]*\(?(?:file:\/\/|\/|[A-Za-z]:\\)[^\s)]*:\d+(?::\d+)?/,
  /\n\s+at\s/,
  /node_modules/,
  /\.(?:ts|tsx|js|mjs|cjs):\d+/,
  /\b(?:SyntaxError|RangeError|TypeError|ReferenceError|ZodError|LibsqlError|SQLITE_\w+)\b/,
];

/** Everything wrong with an error answer: not the expected status and code, not 4xx, not JSON, or leaking internals. */
export async function errorAnswerProblems(response: Response, want?: Expected): Promise<string[]> {
  const problems: string[] = [];
  if (response.status < 400 || response.status > 499) problems.push(`status ${response.status} is not 4xx`);
  if (want && response.status !== want.status) problems.push(`status ${response.status}, expected ${want.status}`);
  if (!response.headers.get('content-type')?.includes('application/json')) {
    problems.push(`content-type ${response.headers.get('content-type')}`);
  }
  const text = await response.text();
  for (const pattern of LEAK_PATTERNS) if (pattern.test(text)) problems.push(`leaks ${pattern}: ${text.slice(0, 200)}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [...problems, `body is not JSON: ${text.slice(0, 80)}`];
  }
  const { code, message, field } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof code !== 'string') problems.push(`code is ${typeof code}`);
  if (typeof message !== 'string' || message === '') problems.push(`message is ${JSON.stringify(message)}`);
  if (field !== undefined && typeof field !== 'string') problems.push(`field is ${typeof field}`);
  if (want && code !== want.code) problems.push(`code ${String(code)}, expected ${want.code}`);
  return problems;
}

/** Sends every case to a JSON route, one at a time, and lists what was wrong with the answers (at most `limit`). */
export async function sendCases(
  route: JsonRoute,
  handler: (request: Request) => Promise<Response>,
  cases: readonly FuzzCase[],
  limit = 25,
): Promise<{ sent: number; problems: string[] }> {
  const problems: string[] = [];
  let sent = 0;
  for (const fuzzCase of cases) {
    const request = buildRequest(route.url, fuzzCase);
    let want: Expected;
    try {
      want = expectedAnswer(route, fuzzCase, request);
    } catch (error) {
      problems.push(String(error));
      continue;
    }
    sent += 1;
    const found = await errorAnswerProblems(await handler(request), want);
    if (found.length > 0) problems.push(`${fuzzCase.category}: ${fuzzCase.label} → ${found.join('; ')}`);
    if (problems.length >= limit) break;
  }
  return { sent, problems };
}

// ---------------------------------------------------------------------------------------------------------------
// Prototype pollution.

const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype];

/** The own property names of the built-in prototypes, to compare before and after. */
export function prototypeShape(): string[] {
  return PROTOTYPES.flatMap((prototype, index) => Object.getOwnPropertyNames(prototype).map((name) => `${index}.${name}`));
}

/** Markers a pollution would have made visible on a fresh object. */
export function pollutionSeen(): string[] {
  const fresh: Record<string, unknown> = {};
  return POLLUTION_MARKERS.filter((marker) => fresh[marker] !== undefined || Object.hasOwn(Object.prototype, marker));
}

// ---------------------------------------------------------------------------------------------------------------
// Malformed bodies from valid ones.

/** A JSON route's bodies: valid ones to mutate, out-of-range values by path, and ways to make a valid body invalid. */
export type BodyModel = {
  route: JsonRoute;
  /** Bodies the route accepts. */
  bases: JsonObject[];
  /**
   * Values of the right type the schema refuses, by path pattern (`*` matches any array index or key), e.g.
   * `messages.*.role`. Strings starting with `@@raw:` are spliced in verbatim (see `raw`).
   */
  outOfRange: Record<string, Json[]>;
  /**
   * Makes a body the schema accepts invalid for another reason the route checks (an unavailable model, a vote
   * already cast), or undefined to add an unknown key instead.
   */
  semanticBreak?: (body: JsonObject, rng: Rng) => { body: JsonObject; semantic: Expected };
  /** Per path, how many wrong-type values to try (default: all of them). */
  wrongTypesPerPath?: number;
  /** Random combinations of mutations per base. */
  combinations: number;
  /** String paths per base that get huge strings. */
  hugePaths: number;
  /** Paths per base that get 10,000-deep nesting. */
  deepPaths: number;
};

type Mutation = { label: string; apply: (body: Json) => Json | undefined };

function matches(pattern: string, path: Path): boolean {
  const parts = pattern.split('.');
  return parts.length === path.length && parts.every((part, index) => part === '*' || part === String(path[index]));
}

function breakBody(model: BodyModel, body: JsonObject, rng: Rng): { body: JsonObject; semantic?: Expected; how: string } {
  if (model.semanticBreak) {
    const broken = model.semanticBreak(body, rng);
    return { ...broken, how: `+ ${broken.semantic.code}` };
  }
  return { body: objectWith('fuzzUnknownKey', rng.pick(UNICODE_EDGES), body), how: '+ unknown key' };
}

/**
 * A case for a mutated body. Mutations meant to be invalid on their own are sent as they are (expectedAnswer
 * throws if one is not); others (`breakIfValid`) get the model's breaker when the schema accepts them.
 */
function bodyCase(
  model: BodyModel,
  category: string,
  label: string,
  body: Json,
  rng: Rng,
  breakIfValid: boolean,
): FuzzCase {
  if (breakIfValid && typeof body === 'object' && body !== null && !Array.isArray(body) && schemaAccepts(model.route, body)) {
    const broken = breakBody(model, body, rng);
    return { category, label: `${label} ${broken.how}`, body: serialize(broken.body), semantic: broken.semantic };
  }
  return { category, label, body: serialize(body) };
}

/** The single mutations of one base that are invalid on their own: wrong types, out-of-range values, missing fields. */
function singleMutations(model: BodyModel, base: JsonObject, rng: Rng): { wrong: Mutation[]; range: Mutation[]; missing: Mutation[] } {
  const paths = pathsOf(base);
  const wrong = paths.flatMap((path) => {
    const values = wrongTypesFor(valueAt(base, path)!);
    const chosen = model.wrongTypesPerPath === undefined ? values : rng.sample(values, model.wrongTypesPerPath);
    return chosen.map((value): Mutation => ({
      label: `${pathName(path)} = ${describeValue(value)}`,
      apply: (body) => withValueAt(body, path, value),
    }));
  });
  const range = paths.flatMap((path) =>
    Object.entries(model.outOfRange)
      .filter(([pattern]) => matches(pattern, path))
      .flatMap(([, values]) =>
        values.map((value): Mutation => ({
          label: `${pathName(path)} = ${describeValue(value)}`,
          apply: (body) => withValueAt(body, path, value),
        })),
      ),
  );
  const missing = paths
    .filter((path) => typeof path.at(-1) === 'string')
    .filter((path) => !schemaAccepts(model.route, withValueAt(base, path, undefined)!))
    .map((path): Mutation => ({ label: `without ${pathName(path)}`, apply: (body) => withValueAt(body, path, undefined) }));
  return { wrong, range, missing };
}

/** Bytes of `body` with the string at `path` filled so that the whole text is exactly `target` bytes. */
function sizedBody(base: JsonObject, path: Path, target: number, filler: 'ascii' | 'emoji'): string | undefined {
  const empty = withValueAt(base, path, '');
  if (empty === undefined) return undefined;
  const room = target - new TextEncoder().encode(serialize(empty)).byteLength;
  if (room < 0) return undefined;
  const text = filler === 'emoji' ? '😀'.repeat(Math.floor(room / 4)) + 'x'.repeat(room % 4) : 'x'.repeat(room);
  return serialize(withValueAt(base, path, text)!);
}

/** Every malformed body of one JSON route, by category; deterministic for a seed. */
export function malformedBodies(model: BodyModel, seed: number): FuzzCase[] {
  const rng = new Rng(seed);
  const { route } = model;
  const cases: FuzzCase[] = [];
  const add = (category: string, label: string, body: Json, breakIfValid = false) =>
    cases.push(bodyCase(model, category, label, body, rng, breakIfValid));

  for (const [baseIndex, base] of model.bases.entries()) {
    const tag = model.bases.length > 1 ? `base ${baseIndex + 1}: ` : '';
    if (!schemaAccepts(route, base)) throw new Error(`${route.name}: base ${baseIndex + 1} is not valid`);
    const { wrong, range, missing } = singleMutations(model, base, rng);
    for (const mutation of wrong) add('a wrong type', tag + mutation.label, mutation.apply(base)!);
    for (const mutation of range) add('an out-of-range or malformed value', tag + mutation.label, mutation.apply(base)!);
    for (const mutation of missing) add('a missing required field', tag + mutation.label, mutation.apply(base)!);
    add('a missing required field', `${tag}an empty object`, {});

    // An array where the object is expected, and the other way round, for the whole body.
    add('an array where an object is expected', `${tag}[body]`, [base]);
    add('an array where an object is expected', `${tag}the body's values`, Object.values(base));
    add('an array where an object is expected', `${tag}the body's entries`, Object.entries(base));

    // Prototype-polluting keys, at the top and inside every object; and as values.
    const objectPaths: Path[] = [[], ...pathsOf(base).filter((path) => isObject(valueAt(base, path)))];
    for (const path of objectPaths) {
      for (const key of PROTOTYPE_KEYS) {
        for (const payload of rng.sample(POLLUTION_PAYLOADS, 2)) {
          const target = valueAt(base, path) as JsonObject;
          add(
            'a prototype-polluting key',
            `${tag}${pathName(path)}.${key} = ${describeValue(payload)}`,
            withValueAt(base, path, objectWith(key, payload, target))!,
            true,
          );
        }
      }
    }
    for (const path of rng.sample(pathsOf(base), 6)) {
      add('a prototype-polluting key', `${tag}${pathName(path)} = {"__proto__":…}`, withValueAt(base, path, objectWith('__proto__', { polluted: 'yes' }))!, true);
    }
    add('a prototype-polluting key', `${tag}only a __proto__ key`, objectWith('__proto__', base));

    // Unicode edge cases in every string, and as keys.
    const stringPaths = pathsOf(base).filter((path) => typeof valueAt(base, path) === 'string');
    for (const path of stringPaths) {
      for (const text of UNICODE_EDGES) {
        add('unicode edge cases', `${tag}${pathName(path)} = ${describeValue(text)}`, withValueAt(base, path, text)!, true);
      }
      // Appended to a valid value, most stay valid (a model id, a message) and reach the route's later checks.
      const valid = valueAt(base, path) as string;
      for (const text of rng.sample(UNICODE_EDGES, 8)) {
        add('unicode edge cases', `${tag}${pathName(path)} += ${describeValue(text)}`, withValueAt(base, path, valid + text)!, true);
      }
    }
    for (const text of UNICODE_EDGES) add('unicode edge cases', `${tag}key ${describeValue(text)}`, objectWith(text, 1, base));

    // Deep nesting in place of values, under an unknown key, and as the whole body.
    for (const path of rng.sample(pathsOf(base), model.deepPaths)) {
      for (const kind of ['array', 'object'] as const) {
        add('deep nesting', `${tag}${pathName(path)} = 10,000-deep ${kind}`, withValueAt(base, path, raw(deepText(kind, 10_000)))!);
      }
    }
    // 10,000 levels, and as many as fit under the byte limit (about 260,000 arrays in 512 KB).
    const room = route.maxBytes - serialize(base).length - 16;
    for (const [kind, depth] of [
      ['array', 10_000],
      ['object', 10_000],
      ['array', Math.floor(room / 2)],
      ['object', Math.floor(room / 6)],
    ] as const) {
      add('deep nesting', `${tag}unknown key = ${depth}-deep ${kind}`, objectWith('deep', raw(deepText(kind, depth)), base));
      add('deep nesting', `${tag}the whole body a ${depth}-deep ${kind}`, raw(deepText(kind, depth)));
    }

    // Huge strings: at exactly the byte limit (read, then refused by the schema), one byte over, far over.
    for (const path of rng.sample(stringPaths, model.hugePaths)) {
      for (const [target, what] of [
        [route.maxBytes - 1, 'one byte under the limit'],
        [route.maxBytes, 'exactly at the limit'],
        [route.maxBytes + 1, 'one byte over the limit'],
        [route.maxBytes * 2, 'twice the limit'],
      ] as const) {
        for (const filler of ['ascii', 'emoji'] as const) {
          const body = sizedBody(base, path, target, filler);
          if (body === undefined) continue;
          const label = `${tag}${pathName(path)} filled with ${filler}, body ${what}`;
          const value = JSON.parse(body) as JsonObject;
          cases.push(
            target <= route.maxBytes && schemaAccepts(route, value)
              ? bodyCase(model, 'a huge string', label, value, rng, true)
              : { category: 'a huge string', label, body },
          );
        }
      }
    }

    // Random combinations of two to four invalid mutations.
    const pool = [...wrong, ...range, ...missing];
    for (let index = 0; index < model.combinations; index += 1) {
      const chosen = rng.sample(pool, 2 + rng.int(3));
      let body: Json = base;
      for (const mutation of chosen) body = mutation.apply(body) ?? body;
      add('a random combination', tag + chosen.map((mutation) => mutation.label).join(' & '), body, true);
    }

    // Truncated JSON: every proper prefix of an object's text is invalid.
    const text = serialize(base);
    for (const cut of rng.sample(Array.from({ length: text.length - 1 }, (_, index) => index + 1), 24)) {
      cases.push({ category: 'truncated JSON', label: `${tag}first ${cut} of ${text.length} chars`, body: text.slice(0, cut) });
    }
    // Cut inside a 4-byte character: the body ends in half a code point.
    const emojiBody = new TextEncoder().encode(serialize(objectWith('z', '😀', base)));
    cases.push({ category: 'truncated JSON', label: `${tag}cut inside a 4-byte character`, body: emojiBody.slice(0, emojiBody.length - 4) });
  }

  const base = model.bases[0]!;
  const baseText = serialize(base);
  const invalidText = baseText.slice(0, -1);
  for (const text of NOT_JSON_TEXTS) cases.push({ category: 'text that is not JSON', label: describeValue(text), body: text });
  for (let index = 0; index < 12; index += 1) {
    cases.push({ category: 'text that is not JSON', label: `random bytes #${index + 1}`, body: rng.bytes(1 + rng.int(300)) });
  }
  const encoder = new TextEncoder();
  const withBytes = (before: number[], after: number[] = []) =>
    Uint8Array.from([...before, ...encoder.encode(serialize(objectWith('fuzzUnknownKey', 'x', base))), ...after]);
  cases.push(
    { category: 'text that is not JSON', label: 'UTF-16LE with a BOM', body: Uint8Array.from([0xff, 0xfe, ...[...baseText].flatMap((char) => [char.charCodeAt(0) & 0xff, char.charCodeAt(0) >> 8])]) },
    { category: 'text that is not JSON', label: 'UTF-16BE', body: Uint8Array.from([...baseText].flatMap((char) => [char.charCodeAt(0) >> 8, char.charCodeAt(0) & 0xff])) },
    { category: 'text that is not JSON', label: 'a UTF-8 BOM before an invalid body', body: withBytes([0xef, 0xbb, 0xbf]) },
    { category: 'text that is not JSON', label: 'invalid UTF-8 (0xff) before the body', body: withBytes([0xff]) },
    { category: 'text that is not JSON', label: 'a UTF-8-encoded surrogate (ED A0 80) before the body', body: withBytes([0xed, 0xa0, 0x80]) },
    { category: 'text that is not JSON', label: 'an overlong NUL (C0 80) after the body', body: withBytes([], [0xc0, 0x80]) },
    { category: 'text that is not JSON', label: 'invalid UTF-8 inside a string', body: Uint8Array.from([...encoder.encode('{"fuzzUnknownKey":"'), 0xfe, 0xff, 0x80, ...encoder.encode('"}')]) },
  );

  // Content types: a valid body sent as anything but JSON (or with no type) is refused before it is read; JSON
  // spelled in any case is read (and this body is not JSON).
  const notJsonTypes = [
    'text/plain',
    'text/plain;charset=UTF-8',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    'text/html',
    'application/octet-stream',
    'application/jso',
    'application/x-json',
    'text/json',
    'json',
    '*/*',
    'application/*',
    'application/ld+json',
    'image/png',
    // What another website's page can send without a CORS preflight.
    'text/plain; application/json',
    '',
  ];
  for (const contentType of notJsonTypes) cases.push({ category: 'a wrong content type', label: contentType, body: baseText, contentType });
  cases.push({ category: 'a wrong content type', label: 'none, with a text body (sent as text/plain)', body: baseText, contentType: null });
  const jsonTypes = ['application/json; charset=utf-8', 'application/json;charset=UTF-16', 'Application/JSON', 'APPLICATION/JSON; CHARSET=UTF-8'];
  for (const contentType of jsonTypes) {
    cases.push({ category: 'a wrong content type', label: `${JSON.stringify(contentType)} with truncated JSON`, body: invalidText, contentType });
  }
  cases.push({ category: 'a wrong content type', label: 'none, with bytes of truncated JSON', body: encoder.encode(invalidText), contentType: null });

  // Empty bodies, and declared or streamed lengths.
  cases.push(
    { category: 'no content or a wrong size', label: 'no body', body: undefined },
    { category: 'no content or a wrong size', label: 'an empty string', body: '' },
    { category: 'no content or a wrong size', label: 'zero bytes', body: new Uint8Array(0) },
    { category: 'no content or a wrong size', label: 'a stream of no chunks', body: { chunks: [] } },
    { category: 'no content or a wrong size', label: 'a stream of empty chunks', body: { chunks: [new Uint8Array(0), new Uint8Array(0)] } },
  );
  for (const length of ['abc', '-1', '0', '', ' 12', '1e3', '99999999999999999999', String(route.maxBytes)]) {
    cases.push({ category: 'no content or a wrong size', label: `Content-Length ${JSON.stringify(length)}, truncated JSON`, body: invalidText, headers: { 'content-length': length } });
  }
  for (const length of [String(route.maxBytes + 1), '1e9']) {
    cases.push({ category: 'no content or a wrong size', label: `Content-Length ${length}, a valid body`, body: baseText, headers: { 'content-length': length } });
  }
  const chunk = encoder.encode(' '.repeat(64 * 1024));
  const overChunks = Math.ceil((route.maxBytes + 1) / chunk.byteLength);
  cases.push(
    { category: 'no content or a wrong size', label: `${overChunks} streamed 64 KB chunks of spaces, over the limit`, body: { chunks: Array.from({ length: overChunks }, () => chunk) } },
    { category: 'no content or a wrong size', label: 'a valid body streamed after spaces, over the limit', body: { chunks: [...Array.from({ length: overChunks }, () => chunk), encoder.encode(baseText)] } },
  );
  return cases;
}

/** How many cases each category holds, for test names. */
export function byCategory(cases: readonly FuzzCase[]): Map<string, FuzzCase[]> {
  const groups = new Map<string, FuzzCase[]>();
  for (const fuzzCase of cases) {
    const group = groups.get(fuzzCase.category);
    if (group) group.push(fuzzCase);
    else groups.set(fuzzCase.category, [fuzzCase]);
  }
  return groups;
}
