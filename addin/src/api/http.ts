// The one HTTP core under every API client of the pane.
//
// Why openapi-fetch: it comes from the maintainers of openapi-typescript, which generates src/api/schema.d.ts from
// addin/openapi.json, and types every call by that schema: the route, its path and query parameters, its request
// body and its answer. A hand-written core would need the same type-level walk over `paths` (a few dozen lines of
// conditional types to keep in step with the generator) for no gain; openapi-fetch is 2.5 KB gzipped, has no
// dependencies at run time, and takes our own fetch, so the token, the one retry after a 401 and the pane's network
// error stay in authorisedFetch. What it does not do, this module adds: a failure becomes the pane's
// ApiError (problem+json, field errors, 412 conflicts), and a 2xx answer is checked for the fields the views rely
// on before anyone uses it.

import createClient, { type Client } from 'openapi-fetch';
import type { PaneAuth } from '../auth/types';
import { authorisedFetch } from './authorisedFetch';
import { ApiError, apiErrorFromAnswer, ConcurrencyConflict, unexpectedResponse } from './problem';
import type { components, operations, paths } from './schema';

/** The contract's named shapes, generated from the API's OpenAPI document at every build. */
export type Schemas = components['schemas'];

/** The JSON body an operation (by its operationId) takes. */
export type JsonBody<Operation extends keyof operations> = NonNullable<operations[Operation]['requestBody']>['content']['application/json'];

export interface ApiClientOptions {
  auth: Pick<PaneAuth, 'getAccessToken' | 'invalidateToken'>;
  /** Prefix for the routes; empty means same origin (the backend serves the pane at /api/pane/). */
  baseUrl?: string;
  fetch?: typeof fetch;
}

/** Typed calls to the API's routes (GET, POST, PUT, PATCH … by path), with the signed-in user's token. */
export type Http = Client<paths>;

export function createHttp(options: ApiClientOptions): Http {
  return createClient<paths>({ baseUrl: options.baseUrl ?? '', fetch: authorisedFetch(options) });
}

/**
 * The schema's type with some of its fields narrowed, e.g. a status the backend writes as a string to the values it
 * documents. Each narrowed field must still be one of the schema's, of a type the schema allows, so a field the
 * contract renames, drops or retypes fails the type check here too.
 */
export type Narrow<T, N extends { [K in keyof N]: K extends keyof T ? T[K] : never }> = Omit<T, keyof N> & N;

/** A run-time look at a 2xx answer: does it carry what the views rely on? */
export type Check<T> = (body: unknown) => body is T;

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An object with each of these fields (named by the contract's type, so a renamed field fails the type check). */
export function withFields<T>(...fields: readonly (keyof T & string)[]): Check<T> {
  return (body): body is T => isObject(body) && fields.every((field) => body[field] !== undefined);
}

/** An object whose `key` is a list of items that pass `item`. */
export function listOf<K extends string, I>(key: K, item: Check<I>): Check<{ [P in K]: I[] }> {
  return (body): body is { [P in K]: I[] } => isObject(body) && Array.isArray(body[key]) && (body[key] as unknown[]).every(item);
}

/** What openapi-fetch answers: the parsed body of a 2xx (`data`) or of any other status (`error`), and the response. */
interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** A route's own failures, e.g. the series routes' 409s; null keeps the ordinary ApiError. */
export type Failure = (response: Response, body: unknown, base: ApiError) => ApiError | null;

export interface ReadOptions<T> {
  /** For a 412 (the resource changed since the pane read it): how to recognise the resource as it is now. */
  conflict?: Check<T>;
  failure?: Failure;
}

function failure<T>(response: Response, body: unknown, options: ReadOptions<T>): ApiError {
  const base = apiErrorFromAnswer(response, body);
  if (response.status === 412) {
    const current = options.conflict !== undefined && isObject(body) && options.conflict(body.current) ? body.current : null;
    const changed = isObject(body) && Array.isArray(body.changed) ? body.changed.filter((c): c is string => typeof c === 'string') : [];
    return new ConcurrencyConflict<T>(current, changed, base);
  }
  return options.failure?.(response, body, base) ?? base;
}

/**
 * The answer's body when it is a 2xx the contract describes, else the failure as an ApiError. The contract puts a
 * resource's ETag in its body and in the ETag header; a body without it gets the header's. `check` may name the
 * pane's narrower type for the answer (see Narrow), which must be one of the contract's.
 */
export async function read<D, T extends D>(call: Promise<Answer<D>>, check: Check<T>, what: string, options: ReadOptions<T> = {}): Promise<T> {
  return (await readWithResponse(call, check, what, options)).body;
}

/** As read, with the response for its headers (e.g. Idempotent-Replayed). */
export async function readWithResponse<D, T extends D>(
  call: Promise<Answer<D>>,
  check: Check<T>,
  what: string,
  options: ReadOptions<T> = {},
): Promise<{ body: T; response: Response }> {
  let answer: Answer<D>;
  try {
    answer = await call;
  } catch (error) {
    // openapi-fetch parses a 2xx body as JSON and lets the parser's error through.
    if (error instanceof SyntaxError) throw unexpectedResponse(`${what}: not JSON`);
    throw error;
  }
  const { response } = answer;
  if (!response.ok) throw failure(response, answer.error, options);
  let body: unknown = answer.data;
  const etag = response.headers.get('ETag');
  if (isObject(body) && typeof body.etag !== 'string' && etag !== null) body = { ...body, etag };
  if (!check(body)) throw unexpectedResponse(what);
  return { body, response };
}

/** For routes whose 2xx answer the pane does not use: succeeds on a 2xx, else throws the failure as an ApiError. */
export async function succeed(call: Promise<Answer<unknown>>, options: { failure?: Failure } = {}): Promise<void> {
  const answer = await call.catch((error: unknown) => {
    if (error instanceof SyntaxError) return null;
    throw error;
  });
  if (answer !== null && !answer.response.ok) throw failure(answer.response, answer.error, options);
}
