// Loads data for a component: the latest call's result wins (older ones are dropped when the inputs change).

import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface AsyncState<T> {
  data: T | null;
  error: Error | null;
  loading: boolean;
  reload: () => void;
}

export function useAsync<T>(load: () => Promise<T>, inputs: readonly unknown[]): AsyncState<T> {
  const [state, setState] = useState<{ data: T | null; error: Error | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [attempt, setAttempt] = useState(0);
  const call = useRef(0);
  useEffect(() => {
    const id = ++call.current;
    setState((previous) => ({ ...previous, loading: true, error: null }));
    load().then(
      (data) => id === call.current && setState({ data, error: null, loading: false }),
      (error: Error) => id === call.current && setState({ data: null, error, loading: false }),
    );
  }, [...inputs, attempt]);
  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  return { ...state, reload };
}
