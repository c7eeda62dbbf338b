// The console's one client of /api: the browser session's cookie goes along by itself (HttpOnly, the page never
// sees it); the session's CSRF token lives in this module's memory only, never in storage, and goes with writes.
let csrfToken = null;

/** An answer of the API that is not a success: its status and the server's own words. */
export class ApiError extends Error {
  constructor(status, error, detail) {
    super(detail ? `${error}: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}` : error);
    this.status = status;
    this.error = error;
    this.detail = detail;
  }
}

export async function call(method, path, body) {
  const headers = { Accept: 'application/json', 'X-Requested-With': 'labelhub-console' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  const response = await fetch(`/api/${path}`, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) {
    return null;
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (notJson) {
    json = { error: `HTTP ${response.status}`, detail: text.slice(0, 200) };
  }
  if (!response.ok) {
    throw new ApiError(response.status, json?.error ?? `HTTP ${response.status}`, json?.detail);
  }
  return json;
}

/**
 * Sends a form of files (multipart/form-data) and reports the upload's progress (0 to 1) as it goes: fetch cannot
 * tell how much of a body is sent, XMLHttpRequest can.
 */
export function upload(path, form, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/${path}`);
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader('X-Requested-With', 'labelhub-console');
    if (csrfToken) {
      request.setRequestHeader('X-CSRF-Token', csrfToken);
    }
    request.upload.addEventListener('progress', (e) => e.lengthComputable && onProgress(e.loaded / e.total));
    request.addEventListener('load', () => {
      let json = null;
      try {
        json = request.responseText ? JSON.parse(request.responseText) : null;
      } catch (notJson) {
        json = { error: `HTTP ${request.status}`, detail: request.responseText.slice(0, 200) };
      }
      if (request.status >= 200 && request.status < 300) {
        resolve(json);
      } else {
        reject(new ApiError(request.status, json?.error ?? `HTTP ${request.status}`, json?.detail));
      }
    });
    request.addEventListener('error', () => reject(new ApiError(0, 'the upload did not reach the server')));
    request.send(form);
  });
}

/** Downloads what path answers, reporting the bytes received as they come; answers the file's name and bytes. */
export async function download(path, onProgress) {
  const response = await fetch(`/api/${path}`, { credentials: 'same-origin', headers: { 'X-Requested-With': 'labelhub-console' } });
  if (!response.ok) {
    const json = await response.json().catch(() => ({}));
    throw new ApiError(response.status, json.error ?? `HTTP ${response.status}`, json.detail);
  }
  const reader = response.body.getReader();
  const chunks = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    chunks.push(value);
    received += value.length;
    onProgress(received);
  }
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = disposition.match(/filename="?([^";]+)"?/)?.[1] ?? 'export';
  return { name, blob: new Blob(chunks, { type: response.headers.get('Content-Type') ?? 'application/octet-stream' }) };
}

/** The signed-in user, or null when there is no session. */
export async function currentSession() {
  try {
    const session = await call('GET', 'session');
    csrfToken = session.csrf_token;
    return csrfToken ? session.user : null;
  } catch (e) {
    if (e.status === 401) {
      return null;
    }
    throw e;
  }
}

export async function signIn(email, password) {
  const session = await call('POST', 'session', { email, password });
  csrfToken = session.csrf_token;
  return session.user;
}

export async function signOut() {
  try {
    await call('DELETE', 'session');
  } finally {
    csrfToken = null;
  }
}
