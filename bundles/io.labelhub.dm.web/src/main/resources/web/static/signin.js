import { signIn } from './api.js';
import { h, show } from './dom.js';

/** The sign-in form; calls {@code onSignedIn(user)} once the server took the credentials. */
export function signInPage(root, onSignedIn) {
  const message = h('p', { class: 'error', role: 'alert', 'data-testid': 'signin-error' });
  const email = h('input', { id: 'email', name: 'email', type: 'email', autocomplete: 'username', required: true });
  const password = h('input', {
    id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true,
  });
  const button = h('button', { type: 'submit' }, 'Sign in');
  const form = h('form', {
    class: 'card signin',
    'aria-labelledby': 'signin-title',
    onSubmit: async (event) => {
      event.preventDefault();
      button.disabled = true;
      show(message);
      try {
        onSignedIn(await signIn(email.value, password.value));
      } catch (e) {
        show(message, e.status === 401 ? 'Wrong e-mail or password.' : e.message);
        password.select();
      } finally {
        button.disabled = false;
      }
    },
  },
  h('h1', { id: 'signin-title' }, 'Sign in'),
  h('label', { for: 'email' }, 'E-mail'), email,
  h('label', { for: 'password' }, 'Password'), password,
  message, button);
  show(root, form);
  email.focus();
}
