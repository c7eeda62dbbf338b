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
