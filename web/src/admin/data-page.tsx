// The data browser: users (and one user's feedback with its logged context), items by category, page by page.

import { useState } from 'preact/hooks';
import { formatPrice, formatTime } from '../shared/format.ts';
import { navigate, useLocation } from '../shared/router.ts';
import type { FeedbackEvent, Item, User } from '../shared/types.ts';
import { useAsync } from '../shared/use-async.ts';
import { adminApi } from './admin-api.ts';
import { Loaded } from './panel.tsx';

const tabs = ['users', 'items'] as const;

export function DataPage() {
  const { query } = useLocation();
  const tab = query.get('tab') === 'items' ? 'items' : 'users';
  const userId = query.get('user');
  return (
    <>
      <div class="tabs" role="tablist" aria-label="data">
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            class="chip"
            onClick={() => navigate(`/admin/data?tab=${name}`)}
          >
            {name}
          </button>
        ))}
      </div>
      {tab === 'users' ? userId ? <UserFeedback userId={userId} /> : <Users /> : <Items />}
    </>
  );
}

function usePages<T>(
  load: (cursor: string | null) => Promise<{ rows: T[]; nextCursor: string | null }>,
  inputs: unknown[],
) {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const cursor = cursors[cursors.length - 1];
  const state = useAsync(() => load(cursor), [cursor, ...inputs]);
  return {
    state,
    previous: cursors.length > 1 ? () => setCursors(cursors.slice(0, -1)) : null,
    next: state.data?.nextCursor ? () => setCursors([...cursors, state.data!.nextCursor]) : null,
    reset: () => setCursors([null]),
  };
}

function Pager({ previous, next }: { previous: (() => void) | null; next: (() => void) | null }) {
  return (
    <p class="pager">
      <button type="button" class="button button-small" disabled={!previous} onClick={previous ?? undefined}>
        Previous
      </button>{' '}
      <button type="button" class="button button-small" disabled={!next} onClick={next ?? undefined}>
        Next
      </button>
    </p>
  );
}

function Users() {
  const pages = usePages(async (cursor) => {
    const page = await adminApi<{ users: User[]; nextCursor: string | null }>(
      `/api/users?limit=50${cursor ? `&cursor=${cursor}` : ''}`,
    );
    return { rows: page.users, nextCursor: page.nextCursor };
  }, []);
  return (
    <Loaded state={pages.state}>
      {({ rows }) => (
        <>
          <table class="data-table" data-testid="users-table">
            <thead>
              <tr>
                <th scope="col">user</th>
                <th scope="col">attributes</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((user) => (
                <tr key={user.id}>
                  <th scope="row">
                    <a
                      href={`/admin/data?tab=users&user=${encodeURIComponent(user.id)}`}
                      onClick={(event) => {
                        event.preventDefault();
                        navigate(`/admin/data?tab=users&user=${encodeURIComponent(user.id)}`);
                      }}
                    >
                      {user.id}
                    </a>
                  </th>
                  <td class="json">{JSON.stringify(user.attributes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager previous={pages.previous} next={pages.next} />
        </>
      )}
    </Loaded>
  );
}

function UserFeedback({ userId }: { userId: string }) {
  const state = useAsync(
    () => adminApi<{ events: FeedbackEvent[] }>(`/api/users/${encodeURIComponent(userId)}/feedback?limit=200`),
    [userId],
  );
  return (
    <>
      <p>
        <a
          href="/admin/data?tab=users"
          onClick={(event) => {
            event.preventDefault();
            navigate('/admin/data?tab=users');
          }}
        >
          ← users
        </a>{' '}
        · feedback of <strong>{userId}</strong>, newest first (at most 200) ·{' '}
        <a href={`/admin/inspector?user=${encodeURIComponent(userId)}`}>inspect the pipeline</a>
      </p>
      <Loaded state={state}>
        {({ events }) => (
          <table class="data-table" data-testid="feedback-table">
            <thead>
              <tr>
                <th scope="col">time (UTC)</th>
                <th scope="col">type</th>
                <th scope="col">item</th>
                <th scope="col">value</th>
                <th scope="col">context</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event, index) => (
                <tr key={`${event.timestamp}-${index}`}>
                  <td>{formatTime(event.timestamp)}</td>
                  <td>{event.type}</td>
                  <td>{event.itemId}</td>
                  <td>{event.value}</td>
                  <td class="json">{event.context ? JSON.stringify(event.context) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
    </>
  );
}

function Items() {
  const [category, setCategory] = useState('');
  const pages = usePages(
    async (cursor) => {
      const filter = category ? `&category=${encodeURIComponent(category)}` : '';
      const page = await adminApi<{ items: Item[]; nextCursor: string | null }>(
        `/api/items?limit=50${filter}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      return { rows: page.items, nextCursor: page.nextCursor };
    },
    [category],
  );
  return (
    <>
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          setCategory(String(new FormData(event.currentTarget).get('category') ?? '').trim());
          pages.reset();
        }}
      >
        <label class="field field-inline" for="item-category">
          Category
          <input id="item-category" name="category" placeholder="e.g. Tents" defaultValue={category} />
        </label>
        <button type="submit" class="button button-small">
          Filter
        </button>
      </form>
      <Loaded state={pages.state}>
        {({ rows }) => (
          <>
            <table class="data-table" data-testid="items-table">
              <thead>
                <tr>
                  <th scope="col">item</th>
                  <th scope="col">title</th>
                  <th scope="col">category</th>
                  <th scope="col">price</th>
                  <th scope="col">available</th>
                  <th scope="col">created</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((item) => (
                  <tr key={item.id}>
                    <th scope="row">
                      <a href={`/item/${encodeURIComponent(item.id)}`}>{item.id}</a>
                    </th>
                    <td>{item.title}</td>
                    <td>{item.categories.join(' / ')}</td>
                    <td>{formatPrice(item.price, item.attributes.currency)}</td>
                    <td>{item.available ? 'yes' : 'no'}</td>
                    <td>{item.createdAt ? formatTime(item.createdAt, false) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager previous={pages.previous} next={pages.next} />
          </>
        )}
      </Loaded>
    </>
  );
}
