// The storefront's session: a signed token from POST /api/session (no key in the browser), kept in localStorage
// until it expires. On the demo shop the user selector asks for a session acting as a chosen demo user.

import { ApiError, type RequestOptions, requestJson } from '../shared/http.ts';
import { observable } from '../shared/observable.ts';

export interface Session {
  token: string;
  userId: string;
  expiresAt: number;
}

const storageKey = 'lmrec.session';

function stored(): Session | null {
  try {
    const session = JSON.parse(localStorage.getItem(storageKey) ?? 'null') as Session | null;
    return session && session.expiresAt > Date.now() + 60_000 ? session : null;
  } catch {
    return null;
  }
}

export const session = observable<Session | null>(stored());

let pending: Promise<Session> | null = null;

async function open(userId?: string): Promise<Session> {
  const next = await requestJson<Session>('/api/session', { method: 'POST', body: userId ? { userId } : {} });
  localStorage.setItem(storageKey, JSON.stringify(next));
  session.set(next);
  return next;
}

declare global {
  interface Window {
    /** The session index.html asked for while the bundle loaded (null when that failed). */
    lmrecSession?: Promise<Session | null>;
  }
}

/** The session index.html asked for early, else a new one. */
async function early(): Promise<Session> {
  const asked = window.lmrecSession;
  window.lmrecSession = undefined;
  const answer = asked ? await asked : null;
  if (!answer) return open();
  localStorage.setItem(storageKey, JSON.stringify(answer));
  session.set(answer);
  return answer;
}

/** The current session, opening one when there is none (concurrent callers share one request). */
export function currentSession(): Promise<Session> {
  const current = session.get();
  if (current && current.expiresAt > Date.now() + 60_000) return Promise.resolve(current);
  pending ??= early().finally(() => {
    pending = null;
  });
  return pending;
}

/** Acts as another (demo) user; null goes back to a new anonymous visitor. */
export async function switchUser(userId: string | null): Promise<Session> {
  pending = open(userId ?? undefined).finally(() => {
    pending = null;
  });
  return pending;
}

/** An API call as the session's visitor; an expired or foreign token is replaced once. */
export async function callApi<T>(path: string, options: Omit<RequestOptions, 'credential'> = {}): Promise<T> {
  const first = await currentSession();
  try {
    return await requestJson<T>(path, { ...options, credential: first.token });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    localStorage.removeItem(storageKey);
    session.set(null);
    const renewed = await currentSession();
    return requestJson<T>(path, { ...options, credential: renewed.token });
  }
}
