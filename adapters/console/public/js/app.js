import { api } from './api.js';
import { createChat } from './chat.js';
import { $ } from './dom.js';
import { wireImport } from './imports.js';
import { describePerson, fillDemoPeople, fillPeople, wireTrialForm } from './people.js';
import { renderRecords } from './records.js';
import { createTranscript } from './transcript.js';

// The page: roster picker, tabs (chat, records), and the inbox poll for proactive messages.

const POLL_MS = 3000;
const people = new Map();
const transcript = createTranscript();

const chat = createChat(api, transcript, { onChange: () => isRecordsShown() && loadRecords() });

async function loadPeople(selectId) {
  const res = await api.people();
  if (res.status !== 200) throw new Error('roster');
  people.clear();
  for (const p of res.body.people) people.set(p.id, p);
  fillPeople(res.body, selectId);
  fillDemoPeople(res.body, becomeDemoPerson);
}

/** One click on a demo person: the server adds them (once) and the page speaks as them. */
async function becomeDemoPerson(key) {
  $('demo-error').textContent = '';
  try {
    const res = await api.demoPerson(key);
    if (res.status !== 201) {
      $('demo-error').textContent = (res.body.messages && res.body.messages[0] && res.body.messages[0].text) || 'Could not add that person.';
      return;
    }
    await loadPeople(res.body.person.id);
    await choose(res.body.person.id);
  } catch {
    $('demo-error').textContent = 'The server did not answer. Is the bot running?';
  }
}

async function choose(id) {
  const known = people.has(id) ? id : '';
  $('person').value = known;
  $('person-info').textContent = describePerson(people.get(known));
  await chat.selectPerson(known);
  if (isRecordsShown()) loadRecords();
  poll();
}

// Tabs: click or arrow keys (WAI-ARIA tabs pattern).
const tabs = [$('tab-chat'), $('tab-records')];
function showTab(tab, focus) {
  for (const t of tabs) {
    const on = t === tab;
    t.setAttribute('aria-selected', on ? 'true' : 'false');
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute('aria-controls')).hidden = !on;
  }
  if (focus) tab.focus();
  if (tab.id === 'tab-records') loadRecords();
}
const isRecordsShown = () => $('tab-records').getAttribute('aria-selected') === 'true';
for (const t of tabs) {
  t.addEventListener('click', () => showTab(t, false));
  t.addEventListener('keydown', (e) => {
    const i = tabs.indexOf(t);
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      showTab(tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length], true);
    }
  });
}

async function loadRecords() {
  const id = chat.person();
  if (!id) {
    renderRecords({ records: [] }, editRecord);
    return;
  }
  try {
    const res = await api.records(id);
    if (id === chat.person() && res.status === 200) renderRecords(res.body, editRecord);
  } catch {
    // the next refresh tries again
  }
}

function editRecord(r) {
  showTab($('tab-chat'), false);
  chat.send({ action: { id: 'record.edit', value: r.id } }, `Edit ${r.id}`);
}

// Proactive messages: one poll loop, for the person shown.
let pollTimer;
async function poll() {
  clearTimeout(pollTimer);
  const id = chat.person();
  if (id) {
    try {
      const res = await api.inbox(id, transcript.lastSeq(id));
      if (res.status === 200 && id === chat.person()) {
        chat.showInbox(res.body.messages);
        // A restarted server counts from 0 again: read its inbox from the start next time.
        transcript.setLastSeq(id, res.body.last < transcript.lastSeq(id) ? 0 : res.body.last);
      }
    } catch {
      // server restarting: keep polling
    }
  }
  pollTimer = setTimeout(poll, POLL_MS);
}

$('person').addEventListener('change', (e) => choose(e.target.value));
$('records-refresh').addEventListener('click', loadRecords);
for (const b of document.querySelectorAll('[data-say]')) {
  b.addEventListener('click', () => {
    if (!chat.person()) {
      $('person').focus();
      return;
    }
    showTab($('tab-chat'), false);
    chat.send({ text: b.getAttribute('data-say') });
  });
}
wireImport(api, chat, () => showTab($('tab-chat'), false));
wireTrialForm(api, async (person) => {
  $('trial').open = false;
  await loadPeople(person.id);
  await choose(person.id);
});

(async () => {
  try {
    const remembered = transcript.person(); // a reload keeps the person and the conversation
    await loadPeople(remembered);
    await choose(remembered);
  } catch {
    $('person-info').textContent = 'Could not load the roster. Is the bot running? Reload the page to try again.';
  }
})();
