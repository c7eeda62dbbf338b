import { call } from './api.js';
import { h, show } from './dom.js';
import { openEditor } from './editor.js';

// The Verify Stream: one completion of somebody else's at a time, read-only in the editor; thumb up or down with an
// optional comment, then the next, until none is left to judge.
export async function verifyStreamPage(root, projectId, user) {
  const project = await call('GET', `projects/${projectId}`);
  const status = h('p', { class: 'muted', 'data-testid': 'verify-status' });
  const problem = h('p', { class: 'error', role: 'alert', 'data-testid': 'verify-error' });
  const editorElement = h('div', { class: 'editor', 'data-testid': 'editor' });
  const panel = h('div', { class: 'verdict' });
  let judged = 0;
  let closeEditor = null;
  let left = false;

  const stop = () => {
    if (closeEditor) {
      closeEditor();
      closeEditor = null;
    }
  };
  const next = async () => {
    stop();
    if (left) {
      return;
    }
    problem.textContent = '';
    show(panel);
    let handout;
    try {
      handout = await call('GET', `projects/${projectId}/verify/next`);
    } catch (e) {
      if (e.status === 404) {
        status.textContent = `${judged} judged on this page`;
        show(editorElement, h('div', { class: 'card done', 'data-testid': 'verify-done' },
          h('h2', {}, 'No more completions'),
          h('p', {}, 'Every completion this stream would give you is judged.'),
          h('p', {}, h('a', { href: `/projects/${projectId}/data` }, 'Back to the Data Manager'))));
        return;
      }
      throw e;
    }
    const { completion, task } = handout;
    status.textContent = `Completion ${completion.id} of task ${task.id} by user ${completion.completed_by} · `
      + `${judged} judged on this page`;
    const comment = h('textarea', { name: 'comment', rows: 2, maxlength: 10000, placeholder: 'Comment (optional)',
      'aria-label': 'Comment' });
    const vote = async (accepted) => {
      try {
        await call('POST', `completions/${completion.id}/reviews`,
          comment.value.trim() ? { accepted, comment: comment.value.trim() } : { accepted });
        judged += 1;
        await next();
      } catch (e) {
        problem.textContent = e.message;
      }
    };
    show(panel, comment,
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'good', title: 'Accept (thumb up)', onClick: () => vote(true) },
          '👍 Accept'),
        h('button', { type: 'button', class: 'bad', title: 'Reject (thumb down)', onClick: () => vote(false) },
          '👎 Reject')));
    closeEditor = await openEditor(editorElement, {
      config: project.label_config, task, completions: [completion], user, mode: 'review',
    });
  };

  show(root,
    h('p', {}, h('a', { href: '/' }, 'Projects'), ' / ', h('a', { href: `/projects/${projectId}/data` }, project.title)),
    h('h1', {}, `${project.title} · Verify Stream`),
    status, problem, panel, editorElement);
  await next();
  return () => {
    left = true;
    stop();
  };
}
