// An impression per shown recommendation: a ref to put on its element; the event goes once half of it is seen.

import { useEffect, useRef } from 'preact/hooks';
import { type Origin, track, whenSeen } from './feedback.ts';

export function useImpression<E extends Element>(itemId: string, origin: Origin | undefined) {
  const element = useRef<E>(null);
  useEffect(() => {
    if (!element.current || !origin) return;
    return whenSeen(element.current, () => void track('impression', itemId, origin));
  }, [itemId, origin?.requestId]);
  return element;
}
