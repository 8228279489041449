// Output schemas: a zod schema (converted to JSON Schema for the provider) or a plain JSON Schema (converted to zod
// for validation), so both the typed API and `lmrec llm json --schema FILE` validate the same way.

import { z } from 'zod';
import { InvalidInputError } from '../../core/errors.ts';
import type { OutputSchema } from '../spec.ts';

export interface ResolvedSchema<T> {
  jsonSchema: Record<string, unknown>;
  /** The parsed value, or the first problem as one line naming the field. */
  validate(value: unknown): { ok: true; value: T } | { ok: false; problem: string };
  /** True when OpenAI-style strict mode accepts the schema (closed objects, every property required). */
  strict: boolean;
}

export function resolveSchema<T>(schema: OutputSchema<T>, source = 'schema'): ResolvedSchema<T> {
  const zodSchema = isZod(schema) ? schema : fromJsonSchema(schema, source);
  const jsonSchema: Record<string, unknown> = isZod(schema)
    ? (z.toJSONSchema(schema, { target: 'draft-7', unrepresentable: 'any' }) as Record<string, unknown>)
    : (schema as Record<string, unknown>);
  const { $schema: _ignored, ...withoutMeta } = jsonSchema;
  return {
    jsonSchema: withoutMeta,
    strict: isStrict(withoutMeta),
    validate(value) {
      const result = zodSchema.safeParse(value);
      if (result.success) return { ok: true, value: result.data as T };
      const issue = result.error.issues[0];
      const path = issue.path.length ? issue.path.join('.') : '(root)';
      return { ok: false, problem: `field "${path}": ${issue.message}` };
    },
  };
}

function isZod(schema: unknown): schema is z.ZodType {
  return typeof schema === 'object' && schema !== null && '_zod' in schema;
}

function fromJsonSchema(schema: Record<string, unknown>, source: string): z.ZodType {
  try {
    return z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (error) {
    throw new InvalidInputError(`${source}: not a usable JSON Schema: ${(error as Error).message}`, {
      cause: error,
      context: { file: source },
    });
  }
}

function isStrict(schema: unknown): boolean {
  if (!schema || typeof schema !== 'object') return true;
  const node = schema as Record<string, unknown>;
  if (node.type === 'object' || node.properties) {
    const properties = (node.properties ?? {}) as Record<string, unknown>;
    const required = new Set((node.required as string[] | undefined) ?? []);
    if (node.additionalProperties !== false) return false;
    if (Object.keys(properties).some((key) => !required.has(key))) return false;
    if (!Object.values(properties).every(isStrict)) return false;
  }
  if (node.items && !isStrict(node.items)) return false;
  for (const key of ['anyOf', 'oneOf', 'allOf'])
    if (Array.isArray(node[key]) && !(node[key] as unknown[]).every(isStrict)) return false;
  return true;
}

/**
 * The JSON in a model's answer: the whole text, or the body of a ```json fence, or the outermost {...} or [...]
 * (models in plain JSON mode often wrap their answer in prose or a fence).
 */
export function extractJson(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  const candidates = [text.trim()];
  const fence = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  if (fence) candidates.push(fence[1].trim());
  const start = text.search(/[{[]/);
  const end = Math.max(text.lastIndexOf('}'), text.lastIndexOf(']'));
  if (start >= 0 && end > start) candidates.push(text.slice(start, end + 1));
  let problem = 'empty answer';
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      return { ok: true, value: JSON.parse(candidate) };
    } catch (error) {
      problem = `not valid JSON: ${(error as Error).message}`;
    }
  }
  return { ok: false, problem };
}
