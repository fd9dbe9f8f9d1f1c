import { $ } from './dom.js';

// The spreadsheet upload: the file goes to /console/api/import; the bot's answer (the dry-run
// summary with its Import button, or the problems) appears in the chat like any reply.

export function wireImport(api, chat, showChat) {
  const form = $('import-form');
  const input = $('import-file');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const file = input.files && input.files[0];
    if (!chat.person()) {
      $('person').focus();
      return;
    }
    if (!file) {
      input.focus();
      return;
    }
    showChat();
    $('import-send').disabled = true;
    try {
      chat.showResult(`Uploaded ${file.name}`, await api.upload(chat.person(), file));
      form.reset();
    } catch {
      chat.showResult(`Uploaded ${file.name}`, { status: 0, body: { messages: [{ text: 'The server did not answer. Is the bot running? The file was not sent.' }] } });
    } finally {
      $('import-send').disabled = false;
    }
  });
}
