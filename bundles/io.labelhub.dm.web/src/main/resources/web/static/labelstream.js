import { call } from './api.js';
import { h, show } from './dom.js';
import { openEditor } from './editor.js';

// The Label Stream: the caller's next task by the project's sampling in the editor, submit or skip, then the next,
// until there is none left. The task stays locked to the caller while the page is open.
export async function labelStreamPage(root, projectId, user) {
  const project = await call('GET', `projects/${projectId}`);
  const status = h('p', { class: 'muted', 'data-testid': 'stream-status' });
  const editorElement = h('div', { class: 'editor', 'data-testid': 'editor' });
  const problem = h('p', { class: 'error', role: 'alert', 'data-testid': 'stream-error' });
  const back = h('div', { class: 'row' });
  let done = 0;
  // the caller's last completion on this page, to go back and change it
  let last = null;
  let closeEditor = null;
  let keepAlive = null;
  let left = false;

  const stop = () => {
    clearTimeout(keepAlive);
    keepAlive = null;
    if (closeEditor) {
      closeEditor();
      closeEditor = null;
    }
  };
  // renews the lock at half its remaining time, as long as the task is on the screen
  const holdLock = (taskId, lockedUntil) => {
    const wait = Math.max(5000, (Date.parse(lockedUntil) - Date.now()) / 2);
    keepAlive = setTimeout(async () => {
      try {
        const lock = await call('POST', `tasks/${taskId}/lock`);
        holdLock(taskId, lock.locked_until);
      } catch (e) {
        problem.textContent = `This task is no longer held for you: ${e.message}`;
      }
    }, wait);
  };
  const counted = () => `${done} labelled on this page`;

  const next = async () => {
    stop();
    if (left) {
      return;
    }
    problem.textContent = '';
    status.textContent = `Finding your next task… · ${counted()}`;
    let handout;
    try {
      handout = await call('GET', `projects/${projectId}/next`);
    } catch (e) {
      if (e.status === 404) {
        status.textContent = counted();
        show(editorElement, h('div', { class: 'card done', 'data-testid': 'stream-done' },
          h('h2', {}, 'No more tasks'),
          h('p', {}, 'Every task this stream would give you is labelled. Thank you!'),
          h('p', {}, h('a', { href: '/' }, 'Back to the projects'))));
        return;
      }
      throw e;
    }
    const task = handout.task;
    status.textContent = `Task ${task.id} · ${counted()}`;
    show(back, last ? h('button', { type: 'button', class: 'secondary', title: 'Change your last completion',
      onClick: () => change(last) }, `← Change my completion of task ${last.task}`) : null);
    holdLock(task.id, handout.locked_until);
    const act = async (method, path, body) => {
      try {
        const made = await call(method, path, body);
        done += 1;
        if (path.endsWith('/completions')) {
          last = { task: task.id, completion: made.id };
        }
        await next();
      } catch (e) {
        problem.textContent = e.message;
      }
    };
    closeEditor = await openEditor(editorElement, {
      config: project.label_config,
      task,
      predictions: task.predictions ?? [],
      user,
      mode: 'label',
      onSubmit: (result, leadTime) => act('POST', `tasks/${task.id}/completions`, { result, lead_time: leadTime }),
      onSkip: () => act('POST', `tasks/${task.id}/skip`),
    });
  };

  // the caller's own completion of an earlier task in the editor, changed in place (Update), then on with the stream
  const change = async ({ task: taskId, completion: completionId }) => {
    stop();
    problem.textContent = '';
    const task = await call('GET', `tasks/${taskId}`);
    const mine = (task.completions ?? []).filter((c) => c.id === completionId);
    status.textContent = `Changing your completion of task ${taskId} · ${counted()}`;
    show(back, h('button', { type: 'button', class: 'secondary', onClick: () => next() }, 'Back to the stream'));
    closeEditor = await openEditor(editorElement, {
      config: project.label_config, task, completions: mine, user, mode: 'update',
      onUpdate: async (id, result) => {
        try {
          await call('PATCH', `completions/${id}`, { result });
          await next();
        } catch (e) {
          problem.textContent = e.message;
        }
      },
    });
  };

  show(root,
    h('p', {}, h('a', { href: '/' }, 'Projects'), ' / ', user.role === 'annotator' ? project.title
      : h('a', { href: `/projects/${projectId}/data` }, project.title)),
    h('div', { class: 'title-row' }, h('h1', {}, `${project.title} · Label Stream`)),
    status, back, problem, editorElement);
  await next();
  return () => {
    left = true;
    stop();
  };
}
