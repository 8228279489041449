// Dashboard entry (/admin): its own bundle, never loaded by the storefront.

import { render } from 'preact';
import { App } from './app.tsx';
import '../shared/base.css';
import './admin.css';

render(<App />, document.getElementById('app')!);
