// The console's JSON API. Every call resolves to { status, body }; network failures reject.

const BASE = '/console/api';

async function call(method, path, body) {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const data = await res.json().catch(() => ({ ok: false, error: 'bad_response' }));
  return { status: res.status, body: data };
}

const q = (params) => new URLSearchParams(params).toString();

export const api = {
  people: () => call('GET', '/people'),
  addPerson: (person) => call('POST', '/people', person),
  demoPerson: (key) => call('POST', '/people/demo', { key }),
  message: (personId, input, mode) => call('POST', '/message', { personId, ...input, mode: input.mode || mode }),
  submitForm: (personId, draftId, values) => call('POST', '/form', { personId, draftId, values }),
  closeForm: (personId, draftId, values) => call('POST', '/form/close', { personId, draftId, values }),
  records: (personId) => call('GET', `/records?${q({ personId })}`),
  inbox: (personId, after) => call('GET', `/inbox?${q({ personId, after: String(after) })}`),
  /** A spreadsheet to import: the raw file as the body. */
  upload: async (personId, file) => {
    const res = await fetch(`${BASE}/import?${q({ personId, name: file.name })}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', accept: 'application/json' },
      body: file,
      credentials: 'same-origin',
    });
    return { status: res.status, body: await res.json().catch(() => ({ ok: false, error: res.status === 413 ? 'too_large' : 'bad_response' })) };
  },
  fileUrl: (personId, fileId) => `${BASE}/files/${encodeURIComponent(fileId)}?${q({ personId })}`,
};
