import { $, clear, el } from './dom.js';
import { renderForm } from './form-view.js';
import { renderBotMessage, renderMyMessage, renderNote } from './messages.js';

// The conversation: one log per person (kept while the page is open), the composer, the whole-form
// panel, and proactive messages from the inbox.

export function createChat(api, hooks) {
  const logs = new Map();
  let personId = '';
  let openForm = null; // { draftId, personId, values() }
  let busy = false;

  const log = () => logs.get(personId);
  const scroll = () => {
    const box = $('logs');
    box.scrollTop = box.scrollHeight;
  };
  const add = (node) => {
    log().append(node);
    scroll();
  };

  function addBot(m, opts = {}) {
    const node = renderBotMessage(m, send, opts);
    const key = m.replaceKey && log().querySelector(`[data-replace-key="${CSS.escape(m.replaceKey)}"]`);
    if (key) key.replaceWith(node);
    else add(node);
    return node;
  }

  function showReply(body, status) {
    for (const m of body.messages || []) addBot(m);
    for (const f of body.files || []) addBot({ text: `Your file *${f.name}* is ready.` }, { file: f, fileUrl: api.fileUrl(personId, f.id) });
    if (body.later) add(renderNote('Working on it — the rest of the answer will appear here.'));
    if (status >= 400 && !(body.messages && body.messages.length)) add(renderNote(`The request was refused (${body.error || status}).`, 'error'));
    if (body.form) showForm(body.form);
  }

  function setBusy(on) {
    busy = on;
    $('composer-send').disabled = on || !personId;
    $('logs').setAttribute('aria-busy', on ? 'true' : 'false');
  }

  /** Sends typed text or a button action; `echo` is what the person sees as their own message. */
  async function send(input, echo) {
    if (!personId || busy) return;
    add(renderMyMessage(echo || input.text || ''));
    setBusy(true);
    try {
      const res = await api.message(personId, input, $('mode').value);
      showReply(res.body, res.status);
      hooks.onChange();
    } catch {
      add(renderNote('The server did not answer. Is the bot running? Your message was not sent.', 'error'));
    } finally {
      setBusy(false);
      if (!openForm) $('composer-input').focus();
    }
  }

  function showForm(view) {
    const panel = $('form-panel');
    const form = renderForm(view, {
      submit: (values) => formCall(form, () => api.submitForm(personId, view.draftId, values), true),
      close: (values) => formCall(form, () => api.closeForm(personId, view.draftId, values), false),
      toChat: async (values) => {
        await api.closeForm(personId, view.draftId, values).catch(() => undefined);
        hideForm();
        await send({ action: { id: 'form.to-chat', value: view.draftId }, mode: 'chat' }, 'Answer step by step');
      },
    });
    clear(panel).append(form.node);
    panel.hidden = false;
    $('chat-area').classList.add('with-form');
    openForm = { draftId: view.draftId, personId, values: form.values };
    form.focus();
    scroll(); // the log got narrower: keep its newest message in view
  }

  function hideForm() {
    $('form-panel').hidden = true;
    clear($('form-panel'));
    $('chat-area').classList.remove('with-form');
    openForm = null;
    scroll();
  }

  async function formCall(form, call, submitting) {
    form.busy(true);
    try {
      const res = await call();
      if (res.body.form) {
        showForm(res.body.form); // the same form again, with the errors under their fields
        return;
      }
      if (res.status >= 500 || res.status === 429) {
        showReply(res.body, res.status); // keep the form open: nothing typed is lost
        return;
      }
      hideForm();
      showReply(res.body, res.status);
      if (submitting) hooks.onChange();
      $('composer-input').focus();
    } catch {
      add(renderNote('The server did not answer. Your form is still here: try again in a moment.', 'error'));
    } finally {
      form.busy(false);
    }
  }

  /** Switches to this person's conversation (a fresh one says "help" to get started). */
  async function selectPerson(id) {
    if (openForm) {
      const { personId: owner, draftId, values } = openForm;
      hideForm();
      await api.closeForm(owner, draftId, values()).catch(() => undefined); // keep what was typed
    }
    personId = id;
    $('log-empty').hidden = Boolean(id);
    for (const [pid, node] of logs) node.hidden = pid !== id;
    $('composer-input').disabled = !id;
    $('composer-send').disabled = !id;
    if (!id) return;
    if (!logs.has(id)) {
      const node = el('div', { class: 'person-log', 'data-person': id });
      logs.set(id, node);
      $('logs').append(node);
      await send({ text: 'help' });
    }
    scroll();
  }

  /** Proactive messages (reminders, "the database is back"): shown as notifications. */
  function showInbox(entries) {
    for (const e of entries) {
      const existing = log().querySelector(`[data-inbox-id="${CSS.escape(e.id)}"]`);
      const node = renderBotMessage(e.message, send, { notice: true, file: e.file, fileUrl: e.file && api.fileUrl(personId, e.file.id) });
      node.setAttribute('data-inbox-id', e.id);
      if (existing) existing.replaceWith(node);
      else add(node);
    }
  }

  $('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    const box = $('composer-input');
    const text = box.value.trim();
    if (!text) return;
    box.value = '';
    send({ text });
  });
  $('composer-input').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      $('composer').requestSubmit();
    }
  });

  /** The answer to something sent outside the composer (a spreadsheet upload), shown like a reply. */
  function showResult(echo, res) {
    if (!personId) return;
    add(renderMyMessage(echo));
    showReply(res.body, res.status);
  }

  return { send, selectPerson, showInbox, showResult, person: () => personId };
}
