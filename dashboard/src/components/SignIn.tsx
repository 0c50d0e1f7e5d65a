/** Sign-in with the collector token (`CARTPULSE_TOKEN`, printed by `npm start`). */
import { useState } from 'preact/hooks';

interface SignInProps {
  /** Why the viewer is asked again, e.g. a rejected token. */
  problem?: string | null;
  onSignIn(token: string, remember: boolean): void;
}

export function SignIn({ problem, onSignIn }: SignInProps) {
  const [token, setToken] = useState('');
  const [remember, setRemember] = useState(false);
  return (
    <main class="sign-in">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (token.trim()) onSignIn(token.trim(), remember);
        }}
      >
        <h1>Cartpulse</h1>
        <p>
          Sign in with the collector token (<code>CARTPULSE_TOKEN</code>).
        </p>
        {problem && (
          <p class="problem" role="alert">
            {problem}
          </p>
        )}
        <label>
          Token
          <input
            type="password"
            name="token"
            autocomplete="off"
            required
            value={token}
            onInput={(event) => setToken((event.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <label class="check">
          <input
            type="checkbox"
            name="remember"
            checked={remember}
            onChange={(event) => setRemember((event.currentTarget as HTMLInputElement).checked)}
          />
          Remember on this device
        </label>
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}
