import { api } from './api.js';
import { createChat } from './chat.js';
import { $ } from './dom.js';
import { wireImport } from './imports.js';
import { describePerson, fillPeople, wireTrialForm } from './people.js';
import { renderRecords } from './records.js';

// The page: roster picker, tabs (chat, records), and the inbox poll for proactive messages.

const POLL_MS = 3000;
const STORAGE_KEY = 'wbbsi-console-person';
const people = new Map();
const lastSeq = new Map();

const chat = createChat(api, { onChange: () => isRecordsShown() && loadRecords() });

async function loadPeople(selectId) {
  const res = await api.people();
  if (res.status !== 200) throw new Error('roster');
  people.clear();
  for (const p of res.body.people) people.set(p.id, p);
  fillPeople(res.body, selectId);
}

async function choose(id) {
  const known = people.has(id) ? id : '';
  $('person').value = known;
  $('person-info').textContent = describePerson(people.get(known));
  try {
    if (known) localStorage.setItem(STORAGE_KEY, known);
  } catch {
    // storage may be off: the choice just is not remembered
  }
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
      const res = await api.inbox(id, lastSeq.get(id) || 0);
      if (res.status === 200 && id === chat.person()) {
        chat.showInbox(res.body.messages);
        lastSeq.set(id, res.body.last);
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
    let remembered = '';
    try {
      remembered = localStorage.getItem(STORAGE_KEY) || '';
    } catch {
      remembered = '';
    }
    await loadPeople(remembered);
    await choose(remembered);
  } catch {
    $('person-info').textContent = 'Could not load the roster. Is the bot running? Reload the page to try again.';
  }
})();
