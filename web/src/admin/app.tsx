// The dashboard's shell: the login field until an admin key is given, then a navigation and the chosen page.

import type { ComponentChildren } from 'preact';
import { useObservable } from '../shared/observable.ts';
import { onLinkClick, useLocation } from '../shared/router.ts';
import { adminKey, logOut } from './admin-api.ts';
import { DataPage } from './data-page.tsx';
import { ExperimentsPage } from './experiments-page.tsx';
import { InspectorPage } from './inspector-page.tsx';
import { LlmPage } from './llm-page.tsx';
import { Login } from './login.tsx';
import { ModelsPage } from './models-page.tsx';
import { MonitoringPage } from './monitoring-page.tsx';
import { OverviewPage } from './overview-page.tsx';

const pages: Array<{ path: string; title: string; render: () => ComponentChildren }> = [
  { path: '/admin', title: 'Overview', render: () => <OverviewPage /> },
  { path: '/admin/models', title: 'Models', render: () => <ModelsPage /> },
  { path: '/admin/inspector', title: 'Pipeline inspector', render: () => <InspectorPage /> },
  { path: '/admin/monitoring', title: 'Monitoring', render: () => <MonitoringPage /> },
  { path: '/admin/llm', title: 'LLM usage', render: () => <LlmPage /> },
  { path: '/admin/experiments', title: 'Experiments', render: () => <ExperimentsPage /> },
  { path: '/admin/data', title: 'Data', render: () => <DataPage /> },
];

export function App() {
  const key = useObservable(adminKey);
  const { path } = useLocation();
  if (!key) return <Login />;
  const page = pages.find((entry) => entry.path === path.replace(/\/$/, '')) ?? pages[0];
  return (
    <div class="admin">
      <nav class="admin-nav" aria-label="dashboard">
        <a class="brand" href="/" title="to the shop">
          lmrec admin
        </a>
        {pages.map((entry) => (
          <a
            key={entry.path}
            href={entry.path}
            aria-current={entry === page ? 'page' : undefined}
            onClick={(event) => onLinkClick(event, entry.path)}
          >
            {entry.title}
          </a>
        ))}
        <button type="button" class="button button-small button-quiet" onClick={logOut}>
          Sign out
        </button>
      </nav>
      <main class="admin-main" id="main">
        <h1>{page.title}</h1>
        {page.render()}
      </main>
    </div>
  );
}
