import { $, clear, el } from './dom.js';

// The roster picker, the one-click demo people and the "add a trial person" form.
// The server sends organisations and people already in order: by organisation type, then name.

export function fillPeople(data, selectedId) {
  const select = $('person');
  clear(select);
  select.append(el('option', { value: '' }, '— choose a person —'));
  for (const [org, people] of groupBy(data.people, (p) => p.orgName)) {
    select.append(el('optgroup', { label: org }, people.map((p) => el('option', { value: p.id, selected: p.id === selectedId }, `${p.name} — ${p.orgName}, ${p.roleLabel}`))));
  }
  const demos = data.demoPeople || [];
  $('demo-people').hidden = demos.length === 0;
  $('people-empty').hidden = data.people.length > 0 || demos.length > 0;
  if (!data.people.length && !demos.length) $('trial').open = true; // a newcomer's first step
  $('roster-footnote').textContent = data.footnote || '';

  const orgSelect = $('trial-org');
  if (!orgSelect.options.length) {
    for (const [type, orgs] of groupBy(data.organisations, (o) => o.typeLabel || o.type)) {
      orgSelect.append(el('optgroup', { label: type }, orgs.map((o) => el('option', { value: o.code }, o.name))));
    }
    for (const r of data.roles) $('trial-role').append(el('option', { value: r.code, selected: r.code === 'member' }, r.label));
  }
}

/** The demo people as one button each; `onPick(key)` becomes that person. */
export function fillDemoPeople(data, onPick) {
  const list = clear($('demo-list'));
  for (const d of data.demoPeople || []) {
    list.append(
      el(
        'button',
        { type: 'button', class: 'btn demo-person', 'data-demo': d.key, 'aria-label': `${d.name}, ${d.orgName} (${d.kind})`, onclick: () => onPick(d.key) },
        el('span', { class: 'demo-kind' }, d.kind),
        el('span', { class: 'demo-name' }, d.name),
        el('span', { class: 'demo-org' }, `${d.orgName} · ${d.roleLabel}`),
      ),
    );
  }
}

function groupBy(items, keyOf) {
  const groups = new Map();
  for (const item of items) {
    const key = keyOf(item);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(item);
  }
  return groups;
}

export function describePerson(p) {
  return p ? `You are speaking as ${p.name} (${p.orgName}, ${p.roleLabel}).` : '';
}

/** Wires the trial-person form; `onAdded(person)` gets the new roster entry. */
export function wireTrialForm(api, onAdded) {
  const form = $('trial-form');
  const error = $('trial-error');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const name = $('trial-name').value.trim();
    if (name.length < 2) {
      error.textContent = 'Please give a name (2 characters or more).';
      $('trial-name').focus();
      return;
    }
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      const res = await api.addPerson({ name, orgCode: $('trial-org').value, role: $('trial-role').value });
      if (res.status !== 201) {
        error.textContent = (res.body.messages && res.body.messages[0] && res.body.messages[0].text) || 'Could not add that person.';
        return;
      }
      $('trial-name').value = '';
      await onAdded(res.body.person);
    } catch {
      error.textContent = 'The server did not answer. Is the bot running?';
    } finally {
      button.disabled = false;
    }
  });
}
