import { $, clear, el } from './dom.js';

// The roster picker and the "add a trial person" form.

export function fillPeople(data, selectedId) {
  const select = $('person');
  clear(select);
  select.append(el('option', { value: '' }, '— choose a person —'));
  const byOrg = new Map();
  for (const p of data.people) {
    if (!byOrg.has(p.orgName)) byOrg.set(p.orgName, []);
    byOrg.get(p.orgName).push(p);
  }
  for (const [org, people] of byOrg) {
    select.append(el('optgroup', { label: org }, people.map((p) => el('option', { value: p.id, selected: p.id === selectedId }, `${p.name} — ${p.orgName}, ${p.roleLabel}`))));
  }
  $('people-empty').hidden = data.people.length > 0;
  if (!data.people.length) $('trial').open = true; // a newcomer's first step
  $('roster-footnote').textContent = data.footnote || '';

  const orgSelect = $('trial-org');
  if (!orgSelect.options.length) {
    for (const o of data.organisations) orgSelect.append(el('option', { value: o.code }, `${o.name} (${o.code})`));
    for (const r of data.roles) $('trial-role').append(el('option', { value: r.code, selected: r.code === 'member' }, r.label));
  }
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
