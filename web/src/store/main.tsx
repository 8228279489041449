// Storefront entry: open the visitor's session at once (the home feed waits for it), then render.

import { render } from 'preact';
import { App } from './app.tsx';
import { language } from './i18n.ts';
import { currentSession } from './session.ts';
import '../shared/base.css';
import './styles.css';

document.documentElement.lang = language.get() === 'zh' ? 'zh-CN' : 'en';
void currentSession().catch((error: Error) => console.error('no storefront session:', error.message));
render(<App />, document.getElementById('app')!);
