// A value that components subscribe to (language, session, cart): set() re-renders every subscriber.

import { useEffect, useReducer } from 'preact/hooks';

export interface Observable<T> {
  get(): T;
  set(value: T): void;
  subscribe(listener: () => void): () => void;
}

export function observable<T>(initial: T): Observable<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      value = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The observable's current value; the component re-renders when it changes. */
export function useObservable<T>(source: Observable<T>): T {
  const [, rerender] = useReducer((count: number, _action: undefined) => count + 1, 0);
  useEffect(() => source.subscribe(() => rerender(undefined)), [source]);
  return source.get();
}
