// The storefront's shell: header (search, language, user, cart, assistant), the page for the current path, and
// the assistant panel.

import { useEffect, useState } from 'preact/hooks';
import { useObservable } from '../shared/observable.ts';
import { matchPath, navigate, onLinkClick, useLocation } from '../shared/router.ts';
import { type StorefrontSettings, storefrontSettings } from './api.ts';
import { cart, cartCount } from './cart.ts';
import { CartPage } from './cart-page.tsx';
import { chatOpen } from './chat.ts';
import { ChatPanel } from './chat-panel.tsx';
import { HomePage } from './home-page.tsx';
import { type Language, setLanguage, useLanguage } from './i18n.ts';
import { ItemPage } from './item-page.tsx';
import { PlanPage } from './plan-page.tsx';
import { SearchPage } from './search-page.tsx';
import { UserSelector } from './user-selector.tsx';

export function App() {
  const { lang, t } = useLanguage();
  const { path, query } = useLocation();
  const lines = useObservable(cart);
  const open = useObservable(chatOpen);
  const [settings, setSettings] = useState<StorefrontSettings>({ actAsAnyUser: false, users: [], assistant: false });
  useEffect(() => {
    storefrontSettings().then(setSettings, () => {});
  }, []);
  const item = matchPath('/item/:id', path);
  const page = item ? (
    <ItemPage itemId={item.id} key={item.id} />
  ) : path === '/' ? (
    <HomePage />
  ) : path === '/search' ? (
    <SearchPage />
  ) : path === '/cart' ? (
    <CartPage />
  ) : path === '/plan' ? (
    <PlanPage />
  ) : (
    <p>{t('notFound')}</p>
  );
  const link = (href: string) => ({ href, onClick: (event: MouseEvent) => onLinkClick(event, href) });
  return (
    <>
      <a class="skip-link" href="#main">
        {t('skip')}
      </a>
      <header class="site-header">
        <a class="brand" {...link('/')}>
          {t('shop')}
        </a>
        <search class="search-form">
          <form
            class="search-form"
            onSubmit={(event) => {
              event.preventDefault();
              const q = String(new FormData(event.currentTarget).get('q') ?? '').trim();
              if (q) navigate(`/search?q=${encodeURIComponent(q)}`);
            }}
          >
            <label for="search-input" class="visually-hidden">
              {t('search')}
            </label>
            <input
              id="search-input"
              name="q"
              type="search"
              placeholder={t('searchPlaceholder')}
              defaultValue={path === '/search' ? (query.get('q') ?? '') : ''}
              key={path === '/search' ? query.get('q') : 'none'}
            />
            <button type="submit" class="button button-small">
              {t('search')}
            </button>
          </form>
        </search>
        <nav class="header-tools" aria-label="shop">
          <label class="field field-inline">
            <span class="visually-hidden">{t('language')}</span>
            <select
              value={lang}
              data-testid="language"
              onChange={(event) => setLanguage(event.currentTarget.value as Language)}
            >
              <option value="en">English</option>
              <option value="zh">中文</option>
            </select>
          </label>
          <UserSelector users={settings.users} enabled={settings.actAsAnyUser} />
          <a class="header-link" {...link('/cart')} data-testid="cart-link">
            {t('cart')} <span class="badge">{cartCount(lines)}</span>
          </a>
          <a class="header-link" {...link('/plan')}>
            {t('plan')}
          </a>
          <button
            type="button"
            class="button button-small"
            aria-expanded={open}
            data-testid="chat-toggle"
            onClick={() => chatOpen.set(!open)}
          >
            {t('assistant')}
          </button>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
      <ChatPanel />
    </>
  );
}
