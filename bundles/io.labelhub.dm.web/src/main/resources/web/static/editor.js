// The labeling editor: Label Studio Frontend 1.4.0, shipped inside this bundle under /static/vendor/label-studio/ (fetched
// by the build from the tarball the lock file pins). Completions and predictions go in and come out in Label
// Studio's result format, unchanged.
import { h, loadScript } from './dom.js';

let styled = false;

/** Loads the editor's script and styles once; they define window.LabelStudio. */
async function load() {
  if (!styled) {
    // before the console's own styles, so that the editor's global ones (fonts, body) do not win over them
    document.head.prepend(h('link', { rel: 'stylesheet', href: '/static/vendor/label-studio/main.css' }));
    styled = true;
  }
  await loadScript('/static/vendor/label-studio/main.js');
  return window.LabelStudio;
}

// what each way of working shows of the editor: labelling a stream's task (no completion list, one new
// completion), looking at every completion and prediction of a task (manager, reviewer), and judging one (read-only)
const INTERFACES = {
  label: ['panel', 'controls', 'submit', 'skip', 'topbar', 'infobar', 'instruction', 'side-column'],
  edit: ['panel', 'controls', 'submit', 'update', 'topbar', 'infobar', 'side-column', 'annotations:menu',
    'annotations:current', 'annotations:tabs', 'annotations:add-new', 'predictions:menu', 'predictions:tabs'],
  review: ['panel', 'topbar', 'infobar', 'side-column', 'annotations:current'],
  update: ['panel', 'controls', 'update', 'topbar', 'infobar', 'side-column', 'annotations:current'],
  preview: ['side-column'],
};

function annotation(completion) {
  return {
    id: String(completion.id),
    result: completion.result ?? [],
    created_at: completion.created_at,
    updated_at: completion.updated_at,
    lead_time: completion.lead_time,
    was_cancelled: completion.was_cancelled,
    ground_truth: completion.ground_truth,
    completed_by: completion.completed_by,
  };
}

function prediction(p) {
  return { id: String(p.id), result: p.result ?? [], score: p.score, model_version: p.model_version };
}

/**
 * Shows a task in the editor inside element and returns a function that takes it away again.
 * mode: 'label' (a new completion of the caller's: onSubmit(result, leadTime), onSkip()), 'edit' (every
 * completion and prediction: onSubmit adds one, onUpdate(completionId, result) changes one), 'review' (the one
 * completion given, read-only), 'update' (the caller's own completion given: onUpdate) or 'preview' (a labeling config tried on sample data, nothing stored).
 */
export async function openEditor(element, { config, task, completions = [], predictions = [], user, mode,
  onSubmit, onUpdate, onSkip }) {
  const LabelStudio = await load();
  const shownAt = performance.now();
  const leadTime = () => Math.round((performance.now() - shownAt) / 100) / 10;
  const editor = new LabelStudio(element, {
    config,
    interfaces: INTERFACES[mode],
    user: { pk: user.id, firstName: user.first_name || user.email, lastName: user.last_name || '' },
    task: {
      id: task.id,
      data: task.data,
      annotations: completions.filter((c) => !c.was_cancelled).map(annotation),
      predictions: predictions.map(prediction),
    },
    onLabelStudioLoad(ls) {
      const store = ls.annotationStore;
      if (mode === 'label' || mode === 'preview' || (mode === 'edit' && store.annotations.length === 0)) {
        const created = store.addAnnotation({ userGenerate: true });
        store.selectAnnotation(created.id);
      }
    },
    onSubmitAnnotation: (ls, made) => onSubmit?.(made.serializeAnnotation(), leadTime()),
    onUpdateAnnotation: (ls, changed) => onUpdate?.(Number(changed.pk ?? changed.id), changed.serializeAnnotation()),
    onSkipTask: () => onSkip?.(),
  });
  if (mode === 'review') {
    // a completion under review is looked at, not changed
    element.setAttribute('inert', '');
  }
  return () => {
    try {
      editor.destroy();
    } finally {
      element.removeAttribute('inert');
      element.replaceChildren();
    }
  };
}
