// What this browser tab keeps across a reload (sessionStorage): the person chosen, and per person
// the conversation as data (what was said, not HTML), the last inbox message seen, and which whole
// form was open with what was typed in it. Drafts live on the server: a reload saves what was typed
// into the draft (as "Save for later" does) and asks the server for the form again.

const KEY = 'wbbsi-console';
const MAX_ENTRIES = 300;

function read() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    if (saved && typeof saved === 'object' && saved.people && typeof saved.people === 'object') return saved;
  } catch {
    // storage off or unreadable: start afresh
  }
  return { person: '', people: {} };
}

export function createTranscript() {
  const state = read();

  function save() {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        sessionStorage.setItem(KEY, JSON.stringify(state));
        return;
      } catch {
        // full: drop the older half of each conversation and try again
        for (const p of Object.values(state.people)) p.entries = p.entries.slice(Math.floor(p.entries.length / 2));
      }
    }
  }

  const of = (personId) => (state.people[personId] ||= { entries: [], lastSeq: 0, openDraft: null });

  return {
    person: () => state.person,
    setPerson(personId) {
      state.person = personId;
      save();
    },
    has: (personId) => Boolean(state.people[personId] && state.people[personId].entries.length),
    entries: (personId) => of(personId).entries,
    /** Adds an entry; returns its index. */
    push(personId, entry) {
      const log = of(personId);
      log.entries.push(entry);
      if (log.entries.length > MAX_ENTRIES) log.entries.splice(0, log.entries.length - MAX_ENTRIES);
      save();
      return log.entries.length - 1;
    },
    /** Replaces the entry that `match` picks (a message replaced in place); false when there is none. */
    replace(personId, match, entry) {
      const log = of(personId);
      const i = log.entries.findIndex(match);
      if (i < 0) return false;
      log.entries[i] = entry;
      save();
      return true;
    },
    lastSeq: (personId) => of(personId).lastSeq,
    setLastSeq(personId, seq) {
      if (of(personId).lastSeq === seq) return;
      of(personId).lastSeq = seq;
      save();
    },
    /** The whole form open in this tab: { draftId, values } (values as typed when the page was left), or null. */
    openDraft: (personId) => of(personId).openDraft,
    setOpenDraft(personId, draftId, values) {
      of(personId).openDraft = draftId ? { draftId, values: values || null } : null;
      save();
    },
  };
}
