import { $, clear, el, uid } from './dom.js';
import { renderForm } from './form-view.js';
import { renderBotMessage, renderMyMessage, renderNote } from './messages.js';

// The conversation: one log per person, the composer, the whole-form panel, and proactive messages
// from the inbox. Every entry of a log is also kept in the tab's transcript, so a reload shows the
// same conversation (and reopens a whole form that was open, from the server's draft).

export function createChat(api, transcript, hooks) {
  const logs = new Map();
  let personId = '';
  let openForm = null; // { draftId, personId, values() }
  let busy = false;

  const log = () => logs.get(personId);
  const scroll = () => {
    const box = $('logs');
    box.scrollTop = box.scrollHeight;
  };

  /** An entry of the transcript → its node. Entries are data: { kind: 'me' | 'note' | 'bot', … }. */
  function render(entry) {
    if (entry.kind === 'me') return renderMyMessage(entry.text);
    if (entry.kind === 'note') return renderNote(entry.text, entry.level);
    // A click on this message's buttons names it, so the reply can replace it (an answered question).
    const clicked = (input, echo) => send(input, echo, entry.key);
    const node = renderBotMessage(entry.message, clicked, { notice: entry.notice, file: entry.file, fileUrl: entry.file && api.fileUrl(personId, entry.file.id) });
    if (entry.inboxId) node.setAttribute('data-inbox-id', entry.inboxId);
    if (entry.key) node.setAttribute('data-entry', entry.key);
    return node;
  }

  function add(entry) {
    transcript.push(personId, entry);
    log().append(render(entry));
    scroll();
  }

  /** Adds the entry, or replaces the one `same` finds (in the log and in the transcript). */
  function addOrReplace(entry, selector, same) {
    const existing = selector && log().querySelector(selector);
    if (existing && transcript.replace(personId, same, entry)) existing.replaceWith(render(entry));
    else add(entry);
  }

  const note = (text, level = 'note') => add({ kind: 'note', text, level });

  function addBot(m, extra = {}) {
    const entry = { kind: 'bot', message: m, key: uid('m'), ...extra };
    if (!m.replaceKey) return add(entry);
    addOrReplace(entry, `[data-replace-key="${CSS.escape(m.replaceKey)}"]`, (e) => e.kind === 'bot' && e.message.replaceKey === m.replaceKey);
  }

  /** The clicked message becomes what the bot says it was answered with ("✓ Type of need: Operational"), without buttons. */
  function replaceClicked(from, answered) {
    const entry = { kind: 'bot', message: answered, key: from };
    addOrReplace(entry, `[data-entry="${CSS.escape(from)}"]`, (e) => e.kind === 'bot' && e.key === from);
  }

  function showReply(body, status, from) {
    if (body.answered && from) replaceClicked(from, body.answered);
    for (const m of body.messages || []) addBot(m);
    for (const f of body.files || []) addBot({ text: `Your file *${f.name}* is ready.` }, { file: f });
    if (body.later) note('Working on it — the rest of the answer will appear here.');
    if (status >= 400 && !(body.messages && body.messages.length)) note(`The request was refused (${body.error || status}).`, 'error');
    if (body.form) showForm(body.form);
  }

  function setBusy(on) {
    busy = on;
    $('composer-send').disabled = on || !personId;
    $('logs').setAttribute('aria-busy', on ? 'true' : 'false');
  }

  /** Sends typed text or a button action; `echo` is what the person sees as their own message; `from` the clicked message. */
  async function send(input, echo, from) {
    if (!personId || busy) return;
    add({ kind: 'me', text: echo || input.text || '' });
    await ask(input, from);
  }

  /** Posts an input and shows the reply (nothing echoed: `send` does that). */
  async function ask(input, from) {
    setBusy(true);
    try {
      const res = await api.message(personId, input, $('mode').value);
      showReply(res.body, res.status, from);
      hooks.onChange();
    } catch {
      note('The server did not answer. Is the bot running? Your message was not sent.', 'error');
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
    document.body.classList.add('form-open'); // on a narrow screen the form is a full-screen sheet
    openForm = { draftId: view.draftId, personId, values: form.values };
    transcript.setOpenDraft(personId, view.draftId);
    form.focus();
    scroll(); // the log got narrower: keep its newest message in view
  }

  function hideForm() {
    $('form-panel').hidden = true;
    clear($('form-panel'));
    $('chat-area').classList.remove('with-form');
    document.body.classList.remove('form-open');
    if (openForm) transcript.setOpenDraft(openForm.personId, null);
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
      note('The server did not answer. Your form is still here: try again in a moment.', 'error');
    } finally {
      form.busy(false);
    }
  }

  /** Switches to this person's conversation: as this tab left it, or a fresh one that starts with "help". */
  async function selectPerson(id) {
    if (openForm) {
      const { personId: owner, draftId, values } = openForm;
      hideForm();
      await api.closeForm(owner, draftId, values()).catch(() => undefined); // keep what was typed
    }
    personId = id;
    transcript.setPerson(id);
    $('log-empty').hidden = Boolean(id);
    for (const [pid, node] of logs) node.hidden = pid !== id;
    $('composer-input').disabled = !id;
    $('composer-send').disabled = !id;
    if (!id) return;
    if (!logs.has(id)) {
      const node = el('div', { class: 'person-log', 'data-person': id });
      logs.set(id, node);
      $('logs').append(node);
      const earlier = transcript.entries(id);
      if (!earlier.length) {
        await send({ text: 'help' });
        return;
      }
      node.append(...earlier.map(render));
      const open = transcript.openDraft(id);
      if (open) {
        if (open.values) await api.closeForm(id, open.draftId, open.values).catch(() => undefined); // what was typed before the reload
        await ask({ action: { id: 'draft.continue', value: open.draftId }, mode: 'form' }); // the server's draft, as it is now
      }
    }
    scroll();
  }

  /** Proactive messages (reminders, "the database is back"): shown as notifications. */
  function showInbox(entries) {
    for (const e of entries) {
      const entry = { kind: 'bot', message: e.message, notice: true, file: e.file, inboxId: e.id };
      addOrReplace(entry, `[data-inbox-id="${CSS.escape(e.id)}"]`, (x) => x.inboxId === e.id);
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
  // Leaving or reloading the page: what was typed in an open form is kept for the reload (above).
  window.addEventListener('pagehide', () => {
    if (openForm) transcript.setOpenDraft(openForm.personId, openForm.draftId, openForm.values());
  });

  /** The answer to something sent outside the composer (a spreadsheet upload), shown like a reply. */
  function showResult(echo, res) {
    if (!personId) return;
    add(renderMyMessage(echo));
    showReply(res.body, res.status);
  }

  return { send, selectPerson, showInbox, showResult, person: () => personId };
}
