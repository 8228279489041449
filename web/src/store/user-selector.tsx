// Who is shopping: on the demo shop, any demo user (their history drives the recommendations) or a new visitor;
// elsewhere the visitor of this browser's session.

import { useObservable } from '../shared/observable.ts';
import type { User } from '../shared/types.ts';
import { useLanguage } from './i18n.ts';
import { session, switchUser } from './session.ts';

function describe(user: User): string {
  const { nickname, city } = user.attributes;
  return [user.id, nickname, city].filter((part) => typeof part === 'string' && part).join(' · ');
}

export function UserSelector({ users, enabled }: { users: User[]; enabled: boolean }) {
  const { t } = useLanguage();
  const current = useObservable(session);
  const userId = current?.userId ?? '';
  const known = users.some((user) => user.id === userId);
  if (!enabled) {
    return (
      <span class="user-label" title={userId}>
        {t('visitor')}
      </span>
    );
  }
  return (
    <label class="field field-inline user-selector">
      <span>{t('shopAs')}</span>
      <select
        value={known ? userId : ''}
        data-testid="user-selector"
        onChange={(event) => void switchUser(event.currentTarget.value || null)}
      >
        <option value="">{known || !userId ? t('visitor') : `${t('visitor')} (${userId})`}</option>
        {users.map((user) => (
          <option key={user.id} value={user.id}>
            {describe(user)}
          </option>
        ))}
      </select>
    </label>
  );
}
