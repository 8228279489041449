// The dashboard's API calls with the admin key the operator typed in (kept in sessionStorage: gone with the tab).

import { ApiError, type RequestOptions, requestJson } from '../shared/http.ts';
import { observable } from '../shared/observable.ts';

const storageKey = 'lmrec.adminKey';

export const adminKey = observable<string | null>(sessionStorage.getItem(storageKey));

export function logIn(key: string): void {
  sessionStorage.setItem(storageKey, key);
  adminKey.set(key);
}

export function logOut(): void {
  sessionStorage.removeItem(storageKey);
  adminKey.set(null);
}

/** Checks that the key is an admin key (GET /api/keys needs the admin role). */
export async function verifyKey(key: string): Promise<void> {
  await requestJson('/api/keys', { credential: key });
}

export async function adminApi<T>(path: string, options: Omit<RequestOptions, 'credential'> = {}): Promise<T> {
  try {
    return await requestJson<T>(path, { ...options, credential: adminKey.get() });
  } catch (error) {
    // A revoked key (or one that lost its role) sends the operator back to the login field.
    if (error instanceof ApiError && (error.status === 401 || error.status === 403) && path !== '/api/keys') logOut();
    throw error;
  }
}
