// Handlers of items and users: create (one or many), read, list, patch, delete, and JSONL import and export.

import { Readable } from 'node:stream';
import type { z } from 'zod';
import { InvalidInputError } from '../../core/errors.ts';
import { type Item, makeItem, type User } from '../../core/types.ts';
import { HttpError } from '../http-error.ts';
import { parseJsonLines } from '../jsonl.ts';
import type { HandlerInput } from '../route.ts';
import {
  type hiddenSchema,
  type itemListQuery,
  type itemPatchSchema,
  itemSchema,
  type itemsBodySchema,
  type userPatchSchema,
  userSchema,
  type usersBodySchema,
} from '../schemas/catalog.ts';
import type { pageQuery } from '../schemas/common.ts';
import type { ServerServices } from '../services.ts';

type ById<Body = unknown> = HandlerInput<{ id: string }, unknown, Body>;

export function toItem(input: z.output<typeof itemSchema>): Item {
  const item = makeItem({ ...input, categories: input.categories, tags: input.tags, attributes: input.attributes });
  for (const key of Object.keys(item) as Array<keyof Item>) if (item[key] === undefined) delete item[key];
  return item;
}

export async function createItems({
  body,
  services,
  reply,
}: HandlerInput<unknown, unknown, z.output<typeof itemsBodySchema>>) {
  const items = 'items' in body ? body.items.map(toItem) : [toItem(body)];
  await services.store.items.upsert(items);
  await itemsWritten(
    services,
    items.map((item) => item.id),
  );
  reply.code(201);
  return { stored: items.length };
}

export async function getItem({ params, services }: ById) {
  const [item] = await services.store.items.get([params.id]);
  if (!item) throw new HttpError(404, `item ${params.id} does not exist`, { field: 'id' });
  return item;
}

export async function listItems({ query: q, services }: HandlerInput<unknown, z.output<typeof itemListQuery>>) {
  const page = await services.store.items.list({
    limit: q.limit,
    cursor: q.cursor,
    category: q.category,
    availableOnly: q.available === 'true' || q.available === '1',
  });
  return { items: page.rows, nextCursor: page.nextCursor };
}

export async function patchItem({ params, body, services }: ById<z.output<typeof itemPatchSchema>>) {
  const [item] = await services.store.items.get([params.id]);
  if (!item) throw new HttpError(404, `item ${params.id} does not exist`, { field: 'id' });
  const patched: Item = { ...item, ...body, id: item.id };
  await services.store.items.upsert([patched]);
  await itemsWritten(services, [item.id]);
  return patched;
}

export async function deleteItem({ params, services, reply }: ById) {
  if ((await services.store.items.remove([params.id])) === 0) {
    throw new HttpError(404, `item ${params.id} does not exist`, { field: 'id' });
  }
  await services.engine.itemsChanged([params.id]);
  reply.code(204);
  return null;
}

export async function createUsers({
  body,
  services,
  reply,
}: HandlerInput<unknown, unknown, z.output<typeof usersBodySchema>>) {
  const users: User[] = 'users' in body ? body.users : [body];
  await services.store.users.upsert(users.map((user) => ({ id: user.id, attributes: user.attributes ?? {} })));
  reply.code(201);
  return { stored: users.length };
}

export async function getUser({ params, services }: ById) {
  const [user] = await services.store.users.get([params.id]);
  if (!user) throw new HttpError(404, `user ${params.id} does not exist`, { field: 'id' });
  return user;
}

export async function listUsers({ query: q, services }: HandlerInput<unknown, z.output<typeof pageQuery>>) {
  const page = await services.store.users.list({ limit: q.limit, cursor: q.cursor });
  return { users: page.rows, nextCursor: page.nextCursor };
}

export async function patchUser({ params, body, services }: ById<z.output<typeof userPatchSchema>>) {
  const [user] = await services.store.users.get([params.id]);
  if (!user) throw new HttpError(404, `user ${params.id} does not exist`, { field: 'id' });
  const patched: User = { id: user.id, attributes: { ...user.attributes, ...body.attributes } };
  await services.store.users.upsert([patched]);
  return patched;
}

export async function deleteUser({ params, services, reply }: ById) {
  if ((await services.store.users.remove([params.id])) === 0) {
    throw new HttpError(404, `user ${params.id} does not exist`, { field: 'id' });
  }
  await services.engine.feedbackStored([params.id], 0);
  reply.code(204);
  return null;
}

/** Imports JSONL (one item per line) atomically: a bad line names its number and field, and nothing is written. */
export async function importItems({ body, services }: HandlerInput) {
  const items = parseJsonLines(body, (value) => toItem(itemSchema.parse(value)));
  await writeInChunks(services, items, (chunk, store) => store.items.upsert(chunk));
  await itemsWritten(
    services,
    items.map((item) => item.id),
  );
  return { stored: items.length, lines: items.length };
}

export async function importUsers({ body, services }: HandlerInput) {
  const users = parseJsonLines(body, (value) => {
    const user = userSchema.parse(value);
    return { id: user.id, attributes: user.attributes };
  });
  await writeInChunks(services, users, (chunk, store) => store.users.upsert(chunk));
  return { stored: users.length, lines: users.length };
}

async function writeInChunks<T>(
  services: ServerServices,
  rows: readonly T[],
  write: (chunk: T[], store: ServerServices['store']) => Promise<unknown>,
): Promise<void> {
  if (rows.length === 0) throw new InvalidInputError('the body has no lines to import', { context: { field: 'body' } });
  await services.store.transaction(async (store) => {
    for (let start = 0; start < rows.length; start += 5000) await write(rows.slice(start, start + 5000), store);
  });
}

export function exportItems({ services, reply }: HandlerInput) {
  reply.type('application/x-ndjson; charset=utf-8');
  return Readable.from(pages((cursor) => services.store.items.list({ limit: 5000, cursor })));
}

export function exportUsers({ services, reply }: HandlerInput) {
  reply.type('application/x-ndjson; charset=utf-8');
  return Readable.from(pages((cursor) => services.store.users.list({ limit: 5000, cursor })));
}

async function* pages<T>(read: (cursor: string | null) => Promise<{ rows: T[]; nextCursor: string | null }>) {
  for (let cursor: string | null = null; ; ) {
    const page = await read(cursor);
    if (page.rows.length) yield `${page.rows.map((row) => JSON.stringify(row)).join('\n')}\n`;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

export async function getHidden({ params, services }: ById) {
  return { items: await services.engine.hiddenItems(params.id) };
}

export async function putHidden({ params, body, services }: ById<z.output<typeof hiddenSchema>>) {
  await services.engine.setHiddenItems(params.id, body.items);
  return { items: body.items };
}

/** After item writes: every process's catalog reloads them, and their vectors are (re)computed in the background. */
async function itemsWritten(services: ServerServices, ids: string[]): Promise<void> {
  await services.engine.itemsChanged(ids);
  services.embedder?.index?.(services.config.serving.pipeline.rerank.diversity.vectorNamespace, ids).catch(() => {});
}
