// Builds elements from data without ever parsing it as HTML: strings become text nodes, so task data, titles and
// server messages are shown as written, whatever they hold.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return element;
}

/** Replaces what the element shows. */
export function show(element, ...children) {
  element.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined));
}

const scripts = new Map();

/** Loads a script of this server once (the page's policy allows no other); answers when it has run. */
export function loadScript(src) {
  if (!scripts.has(src)) {
    scripts.set(src, new Promise((resolve, reject) => {
      const element = h('script', { src });
      element.addEventListener('load', () => resolve());
      element.addEventListener('error', () => {
        scripts.delete(src);
        reject(new Error(`${src} did not load`));
      });
      document.head.append(element);
    }));
  }
  return scripts.get(src);
}
