// The console API from the browser: JSON in and out, the CSRF header on every call.

/** The session ended (expired, signed out elsewhere): back to the sign-in page. */
function toSignIn() {
  location.assign('/ops/login');
}

/**
 * `path` is relative to /ops/api ('/cases?batch=B1'). A plain object body is sent as JSON.
 * Non-2xx answers throw an Error with `.status` and the server's message.
 */
export async function api(path, init = {}) {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  headers.set('x-requested-with', 'returnbot-ops');
  let body = init.body;
  if (body !== undefined && body !== null && Object.getPrototypeOf(body) === Object.prototype) {
    body = JSON.stringify(body);
    headers.set('content-type', 'application/json');
  }
  const response = await fetch(`/ops/api${path.startsWith('/') ? path : `/${path}`}`, { ...init, headers, body });
  if (response.status === 401) toSignIn();
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = new Error(data?.error?.message ?? `HTTP ${response.status}`);
    error.status = response.status;
    error.code = data?.error?.code;
    // The whole answer too: a refused rules change lists each problem with its field and line.
    error.body = data;
    throw error;
  }
  return data;
}
