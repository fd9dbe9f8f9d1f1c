import { el } from './dom.js';

// The bot's tiny markdown: *bold*, _italic_, <url|label> links, "• " bullets and line breaks.
// "Kosovo*" keeps its asterisk: it is part of the name, never the start or end of bold text.
const INLINE = /<((?:https?:\/\/|mailto:)[^\s|<>]+)(?:\|([^<>]+))?>|(?<![\w*])\*((?:Kosovo\*|[^*\n])+)\*(?![\w])|(?<![\w])_([^_\n]+)_(?![\w])/g;

/** Inline markdown of one line → nodes (text nodes, <strong>, <em>, <a>). */
export function inline(text) {
  const out = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[1]) out.push(link(m[1], m[2] || m[1]));
    else if (m[3] !== undefined) out.push(el('strong', {}, ...inline(m[3])));
    else out.push(el('em', {}, ...inline(m[4])));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function link(href, label) {
  return el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, label);
}

/** A block of text → paragraphs and bullet lists. */
export function blocks(text) {
  const out = [];
  let list = null;
  let para = null;
  for (const line of String(text || '').split('\n')) {
    const bullet = /^\s*[•\-–]\s+(.*)$/.exec(line);
    if (bullet) {
      para = null;
      if (!list) out.push((list = el('ul', { class: 'md-list' })));
      list.append(el('li', {}, ...inline(bullet[1])));
    } else if (!line.trim()) {
      list = null;
      para = null;
    } else {
      list = null;
      if (para) para.append(el('br'));
      else out.push((para = el('p', { class: 'md-p' })));
      para.append(...inline(line));
    }
  }
  return out;
}
