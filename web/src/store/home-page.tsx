// The home feed: personalised recommendations with reasons, "because you viewed X", trending and new arrivals.

import { useEffect, useMemo } from 'preact/hooks';
import { useObservable } from '../shared/observable.ts';
import type { Recommendations } from '../shared/types.ts';
import { useAsync } from '../shared/use-async.ts';
import { getItem, itemList, recommend, relatedItems, userFeedback } from './api.ts';
import { newRequestId } from './feedback.ts';
import { itemText, useLanguage } from './i18n.ts';
import { RecRow } from './rec-row.tsx';
import { session } from './session.ts';

export const firstRenderMark = 'lmrec:home-recommendations';

export function HomePage() {
  const { lang, t } = useLanguage();
  const userId = useObservable(session)?.userId ?? null;
  const forYou = useAsync(
    () => (userId ? recommend(userId, { n: 12, lang }) : pendingForever<Recommendations>()),
    [userId, lang],
  );
  const viewed = useAsync(
    () => (userId ? becauseYouViewed(userId, lang) : pendingForever<Awaited<ReturnType<typeof becauseYouViewed>>>()),
    [userId, lang],
  );
  const trending = useAsync(() => itemList('trending', { n: 10, lang }), [lang]);
  const latest = useAsync(() => itemList('latest', { n: 10, lang }), [lang]);
  // The first render of the personalised list, measured from navigation start (the browser tests print it).
  useEffect(() => {
    if (forYou.data && performance.getEntriesByName(firstRenderMark).length === 0) performance.mark(firstRenderMark);
  }, [forYou.data]);
  // One request id per list load (the server's for the personalised list).
  const ids = useMemo(
    () => ({ viewed: newRequestId('viewed'), trending: newRequestId('trending'), latest: newRequestId('latest') }),
    [viewed.data, trending.data, latest.data],
  );
  return (
    <>
      <RecRow
        title={t('forYou')}
        hint={t('forYouHint')}
        list="home-for-you"
        layout="grid"
        requestId={forYou.data?.requestId ?? ''}
        entries={forYou.data?.items ?? null}
        error={forYou.error}
        onRetry={forYou.reload}
      />
      {viewed.data && viewed.data.items.length > 0 && (
        <RecRow
          title={t('becauseViewed', { title: itemText(viewed.data.viewed, 'title', lang) })}
          list="home-because-viewed"
          requestId={ids.viewed}
          entries={viewed.data.items}
        />
      )}
      <RecRow
        title={t('trending')}
        list="home-trending"
        requestId={ids.trending}
        entries={trending.data?.items ?? null}
        error={trending.error}
        onRetry={trending.reload}
      />
      <RecRow
        title={t('newArrivals')}
        list="home-new-arrivals"
        requestId={ids.latest}
        entries={latest.data?.items ?? null}
        error={latest.error}
        onRetry={latest.reload}
      />
    </>
  );
}

/** Items like the one the user opened last (from their stored clicks, carts and purchases). */
async function becauseYouViewed(userId: string, lang: 'en' | 'zh') {
  const { events } = await userFeedback(userId, { limit: 1, types: ['click', 'cart', 'purchase'] });
  if (events.length === 0) return null;
  const itemId = events[0].itemId;
  const [viewed, similar] = await Promise.all([getItem(itemId), relatedItems(itemId, 'similar', { n: 10, lang })]);
  return { viewed, items: similar.items };
}

function pendingForever<T>(): Promise<T> {
  return new Promise<T>(() => {});
}
