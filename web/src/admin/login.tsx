// The admin key field: checked against the server before it is kept for this tab.

import { useState } from 'preact/hooks';
import { logIn, verifyKey } from './admin-api.ts';

export function Login() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <main class="login">
      <h1>lmrec admin</h1>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const key = String(new FormData(event.currentTarget).get('key') ?? '').trim();
          if (!key) return;
          setBusy(true);
          setError(null);
          try {
            await verifyKey(key);
            logIn(key);
          } catch (failure) {
            setError((failure as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        <label class="field" for="admin-key">
          Admin API key
          <input id="admin-key" name="key" type="password" autocomplete="off" required data-testid="admin-key" />
        </label>
        <p class="hint">
          Printed by <code>lmrec serve</code> at its first start, or set with <code>LMREC_ADMIN_KEY</code>. Kept in this
          tab only.
        </p>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="button" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
