// The attribute schema of a category: typed fields (number with a unit, enum, boolean, text) that the LLM proposes
// from sample items, cleaned here (snake_case names with their unit, at most 16 fields, enums deduplicated), and the
// strict output schema extraction answers are validated against, so no answer adds a field the schema lacks.

import { z } from 'zod';
import { type CanonicalUnit, canonicalUnits, unitOf } from './units.ts';

export type FieldType = 'number' | 'enum' | 'boolean' | 'text';

export interface AttributeField {
  /** snake_case; a number field's name ends with its unit (`weight_g`). */
  name: string;
  type: FieldType;
  /** For numbers: the unit values are stored in. */
  unit?: CanonicalUnit;
  /** For enums: the allowed values (lower case). */
  values?: string[];
  description?: string;
}

export interface CategorySchema {
  category: string;
  fields: AttributeField[];
  /** llm: proposed by the model; rules: the fallback's fields. */
  source: 'llm' | 'rules';
}

export const maxFields = 16;
const maxEnumValues = 24;

/** What the model answers when asked for a schema (JSON mode, validated). */
export const proposedSchema = z.object({
  fields: z
    .array(
      z.object({
        name: z.string().min(1).max(60),
        type: z.enum(['number', 'enum', 'boolean', 'text']),
        unit: z.string().max(12).nullable().optional(),
        values: z.array(z.string().max(60)).max(40).nullable().optional(),
        description: z.string().max(200).nullable().optional(),
      }),
    )
    .min(1)
    .max(30),
});

export type ProposedSchema = z.infer<typeof proposedSchema>;

/** Attributes that are the catalog's own bookkeeping, never extracted. */
const reserved = new Set(['id', 'title', 'description', 'price', 'category', 'category_id', 'tags', 'enriched']);

/** Cleans a proposal into a schema: names normalised and unique, units canonical, enums lower-case and bounded. */
export function cleanSchema(category: string, proposal: ProposedSchema, source: 'llm' | 'rules'): CategorySchema {
  const fields: AttributeField[] = [];
  const names = new Set<string>();
  for (const raw of proposal.fields) {
    let name = snakeCase(raw.name);
    if (!name || reserved.has(name)) continue;
    const field: AttributeField = { name, type: raw.type };
    if (raw.type === 'number') {
      const unit = raw.unit ? unitOf(raw.unit) : unitFromName(name);
      // A field in kilograms is kept in kilograms: the unit a model chose is usually the catalog's own.
      const written = raw.unit ? raw.unit.toLowerCase().replace(/\s+/g, '') : '';
      field.unit = (canonicalUnits as readonly string[]).includes(written)
        ? (written as CanonicalUnit)
        : (unit ?? undefined);
      if (field.unit && !name.endsWith(`_${field.unit}`)) name = `${stripUnit(name)}_${field.unit}`;
      field.name = name;
    }
    if (raw.type === 'enum') {
      const values = [...new Set((raw.values ?? []).map((value) => value.trim().toLowerCase()).filter(Boolean))];
      if (values.length < 2) field.type = 'text';
      else field.values = values.slice(0, maxEnumValues);
    }
    if (raw.description) field.description = raw.description.slice(0, 200);
    if (names.has(field.name)) continue;
    names.add(field.name);
    fields.push(field);
    if (fields.length === maxFields) break;
  }
  return { category, fields, source };
}

/**
 * The output schema of an extraction: exactly the schema's fields, each nullable (not stated), no other key. Values
 * may come as numbers or strings ("1.9 kg"); normalise-values.ts turns them into the field's type and unit.
 */
export function extractionSchema(schema: CategorySchema) {
  const shape: Record<string, z.ZodType> = {};
  for (const field of schema.fields) {
    const base =
      field.type === 'boolean'
        ? z.union([z.boolean(), z.string().max(40)])
        : field.type === 'number'
          ? z.union([z.number(), z.string().max(40)])
          : z.string().max(120);
    shape[field.name] = base.nullable().describe(describeField(field));
  }
  return z.object(shape).strict();
}

export function describeField(field: AttributeField): string {
  const parts: string[] = [field.type];
  if (field.unit) parts.push(`in ${field.unit}`);
  if (field.values) parts.push(`one of: ${field.values.join(', ')}`);
  if (field.description) parts.push(field.description);
  return parts.join('; ');
}

/** A short fingerprint of a schema: extraction checkpoints are redone when the schema changes. */
export function schemaVersion(schema: CategorySchema): string {
  let hash = 2166136261;
  for (const char of JSON.stringify(schema.fields)) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return (hash >>> 0).toString(36);
}

export function snakeCase(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
}

function unitFromName(name: string): CanonicalUnit | null {
  const suffix = /_([a-z0-9]+)$/.exec(name)?.[1];
  return suffix && (canonicalUnits as readonly string[]).includes(suffix) ? (suffix as CanonicalUnit) : null;
}

function stripUnit(name: string): string {
  const suffix = /_([a-z0-9]+)$/.exec(name)?.[1];
  return suffix && unitOf(suffix) ? name.slice(0, -(suffix.length + 1)) : name;
}
