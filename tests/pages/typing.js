// The page's own model, as a framework would keep it: updated from input events only, and what a
// chat-style box sends (its keydown handler sends on Enter, like ChatGPT-style boxes).
window.model = { plain: '', chat: '', subject: '', note: '', q: '' };
window.searched = [];
window.sent = [];
window.submitted = [];
window.keydowns = [];

for (const id of Object.keys(window.model)) {
  document.getElementById(id).addEventListener('input', (e) => {
    window.model[id] = e.target.value;
  });
}

const chat = document.getElementById('chat');
chat.addEventListener('keydown', (e) => {
  window.keydowns.push({ key: e.key, keyCode: e.keyCode, shift: e.shiftKey, value: chat.value, trusted: e.isTrusted });
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    window.sent.push(window.model.chat);
    const li = document.createElement('li');
    li.textContent = window.model.chat;
    document.getElementById('sent').append(li);
    chat.value = '';
    window.model.chat = '';
  }
});

document.getElementById('form').addEventListener('submit', (e) => {
  e.preventDefault();
  window.submitted.push({ subject: window.model.subject, note: window.model.note, submitter: e.submitter?.textContent ?? null });
  const li = document.createElement('li');
  li.textContent = window.model.subject;
  document.getElementById('submitted').append(li);
});

document.getElementById('search').addEventListener('submit', (e) => {
  e.preventDefault();
  window.searched.push(window.model.q);
});
