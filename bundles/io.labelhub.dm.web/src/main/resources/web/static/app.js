import { currentSession, signOut } from './api.js';
import { dataManagerPage } from './datamanager.js';
import { h, show } from './dom.js';
import { labelStreamPage } from './labelstream.js';
import { newProjectPage } from './newproject.js';
import { projectsPage } from './projects.js';
import { settingsPage } from './settings.js';
import { signInPage } from './signin.js';
import { verifyStreamPage } from './verifystream.js';

// The console's router: the address says what to show (Label Studio's addresses), so links and reloads work.
const main = document.getElementById('app');
const account = document.getElementById('account');
// what the page on the screen does when it is left (a stream lets its lock go, the editor goes away)
let leave = null;

function signedIn(user) {
  show(account, h('span', { class: 'muted', 'data-testid': 'signed-in-as' }, user.email),
    h('button', {
      type: 'button',
      class: 'link',
      title: 'Sign out',
      onClick: async () => {
        await signOut();
        show(account);
        signInPage(main, route);
      },
    }, 'Sign out'));
}

async function route(user) {
  signedIn(user);
  if (leave) {
    leave();
    leave = null;
  }
  // each address gets a fresh container: a page still loading for an address left meanwhile draws into its own,
  // which is no longer on the screen, and is left as soon as it is done
  const root = h('div');
  show(main, root);
  const path = window.location.pathname;
  let ending = null;
  try {
    const [, projectId, part] = path.match(/^\/projects\/(\d+)(?:\/(data|label|verify|settings))?\/?$/) ?? [];
    if (path === '/' || path === '' || path === '/projects' || path === '/projects/') {
      await projectsPage(root, user);
    } else if (path === '/projects/new') {
      ending = await newProjectPage(root, user);
    } else if (projectId && (part === 'data' || (!part && user.role !== 'annotator'))) {
      ending = await dataManagerPage(root, projectId, () => route(user), user);
    } else if (projectId && (part === 'label' || !part)) {
      ending = await labelStreamPage(root, projectId, user);
    } else if (projectId && part === 'verify') {
      ending = await verifyStreamPage(root, projectId, user);
    } else if (projectId && part === 'settings') {
      ending = await settingsPage(root, projectId, user);
    } else {
      show(root, h('h1', {}, 'No such page'),
        h('p', { class: 'card' }, `The console has no page at ${path}.`),
        h('p', {}, h('a', { href: '/' }, 'Back to the projects')));
    }
    if (root.isConnected) {
      leave = ending;
    } else if (ending) {
      ending();
    }
  } catch (e) {
    show(root, h('p', { class: 'error', role: 'alert' }, e.message));
  }
}

async function start() {
  try {
    const user = await currentSession();
    if (user) {
      await route(user);
    } else {
      signInPage(main, route);
    }
  } catch (e) {
    show(main, h('p', { class: 'error', role: 'alert' }, `The server did not answer: ${e.message}`));
  }
}

// the browser's back and forward buttons walk the addresses the pages pushed
window.addEventListener('popstate', () => start());

start();
