// A trained recommender for chat's `recommend_for_user` and `similar_to`: any model of the registry, fitted on the
// store's positive feedback (`lmrec chat index --model ease`), stored as one blob with its id maps, and loaded by
// the Store engine. Users the model has not seen, and items without an item space, fall back to the built-in signals.

import { IdMap } from '../../../core/id-map.ts';
import type { Progress } from '../../../core/progress.ts';
import { datasetFromStore } from '../../../data/dataset-from-store.ts';
import { decodeModel, encodeModel } from '../../../models/model-file.ts';
import type { Model } from '../../../models/recommender.ts';
import { fitModel, loadSnapshot } from '../../../models/registry.ts';
import type { Store } from '../../../store/store.ts';

export const chatModelBlob = 'chat-model';

export interface ChatModel {
  /** The model spec it was fitted with, e.g. `ease` or `ials:factors=128`. */
  spec: string;
  model: Model;
  users: IdMap;
  items: IdMap;
  /** The store's interaction count at training time. */
  signature: number;
}

/** Fits `spec` on the store's positive feedback and stores it (blob `chat-model`, a new version each time). */
export async function trainChatModel(options: {
  store: Store;
  spec?: string;
  seed?: number;
  progress?: Progress;
}): Promise<ChatModel> {
  const spec = options.spec ?? 'ease';
  const signature = (await options.store.counts()).interactions;
  options.progress?.start(`training ${spec} for chat`);
  const { dataset } = await datasetFromStore(options.store);
  const model = await fitModel(spec, dataset, { seed: options.seed ?? 42, progress: options.progress });
  options.progress?.done();
  const chat = { spec, model, users: dataset.users, items: dataset.items, signature };
  await options.store.blobs.put(chatModelBlob, encodeChatModel(chat), {
    spec,
    signature,
    users: dataset.users.size,
    items: dataset.items.size,
  });
  return chat;
}

/** The stored chat model, or null when none was trained. */
export async function loadChatModel(store: Store): Promise<ChatModel | null> {
  const stored = await store.blobs.get(chatModelBlob);
  return stored ? decodeChatModel(stored.data, `${store.location} blob ${chatModelBlob}`) : null;
}

/** Blob layout: a 4-byte header length, the JSON header (spec, signature, ids), then the model file bytes. */
function encodeChatModel(chat: ChatModel): Uint8Array {
  const header = Buffer.from(
    JSON.stringify({ spec: chat.spec, signature: chat.signature, users: chat.users.ids(), items: chat.items.ids() }),
  );
  const model = encodeModel(chat.model.snapshot());
  const out = new Uint8Array(4 + header.length + model.length);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  out.set(model, 4 + header.length);
  return out;
}

function decodeChatModel(data: Uint8Array, source: string): ChatModel {
  const length = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0, true);
  const header = JSON.parse(Buffer.from(data.subarray(4, 4 + length)).toString('utf8')) as {
    spec: string;
    signature: number;
    users: string[];
    items: string[];
  };
  // decodeModel checks the magic, version and checksum and names the source when they are wrong.
  const model = loadSnapshot(decodeModel(data.slice(4 + length), source));
  return {
    spec: header.spec,
    signature: header.signature,
    model,
    users: IdMap.from(header.users),
    items: IdMap.from(header.items),
  };
}
