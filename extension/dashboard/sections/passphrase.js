// Passphrases for encrypted backups: the export card's optional passphrase (a strength meter and a
// confirm field) and the import's question for an encrypted file. The passphrase stays in this
// page: the page's own core encrypts and decrypts (docs/privacy.md, "Encrypted backups").
import { h, replace } from '../../shared/dom.js';

/** The weakest zxcvbn score accepted for a backup passphrase (2 = "Fair"). */
export const MIN_SCORE = 2;

let strengthModule = null;
function loadStrength() {
  strengthModule ??= import('../../shared/strength.js');
  return strengthModule;
}

function meter() {
  const bar = h('meter', { id: 'passphrase-meter', min: 0, max: 4, low: 2, high: 3, optimum: 4, value: 0,
    'aria-labelledby': 'passphrase-strength-label' });
  const text = h('span', { id: 'passphrase-strength', class: 'small' }, 'No passphrase: the backup is plain JSON.');
  return { el: h('div', { class: 'row wrap passphrase-meter' },
    h('span', { class: 'small', id: 'passphrase-strength-label' }, 'Strength'), bar, text), bar, text };
}

/**
 * The export card's passphrase fields. `read()` answers `{passphrase}` (null: plain export) or
 * throws an Error whose message says what to fix (the fields disagree, the passphrase is weak).
 */
export function passphraseFields() {
  const pass = h('input', { type: 'password', class: 'input', id: 'backup-passphrase', autocomplete: 'new-password',
    spellcheck: 'false', 'aria-describedby': 'passphrase-hint passphrase-strength' });
  const confirm = h('input', { type: 'password', class: 'input', id: 'backup-passphrase-confirm', autocomplete: 'new-password',
    spellcheck: 'false' });
  const m = meter();
  let score = 0;
  let seq = 0;
  pass.addEventListener('input', async () => {
    const mine = ++seq;
    if (!pass.value) {
      score = 0;
      m.bar.value = 0;
      m.text.textContent = 'No passphrase: the backup is plain JSON.';
      return;
    }
    const { strength } = await loadStrength();
    if (mine !== seq) return;
    const s = strength(pass.value);
    score = s.score;
    m.bar.value = s.score;
    m.text.textContent = s.score < MIN_SCORE
      ? `${s.label}: too easy to guess. Use four or more unrelated words.`
      : s.label;
  });
  const el = h('div', { class: 'stack', id: 'backup-passphrase-fields' },
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: 'backup-passphrase' }, 'Passphrase (optional)'),
      h('p', { class: 'field-hint', id: 'passphrase-hint' },
        'With a passphrase the file is encrypted (Argon2id and XChaCha20-Poly1305). Keep the passphrase safe: nobody, you included, can open the file without it, and Rubrica cannot recover it.'),
      pass),
    m.el,
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: 'backup-passphrase-confirm' }, 'Confirm passphrase'), confirm));
  return {
    el,
    async read() {
      if (!pass.value && !confirm.value) return { passphrase: null };
      if (pass.value !== confirm.value) throw new Error('The two passphrases differ. Type the same passphrase in both fields.');
      const { strength } = await loadStrength();
      score = strength(pass.value).score;
      if (score < MIN_SCORE) throw new Error('This passphrase is too easy to guess. Use four or more unrelated words.');
      return { passphrase: pass.value };
    },
    clear() {
      pass.value = '';
      confirm.value = '';
      pass.dispatchEvent(new Event('input'));
    },
  };
}

/**
 * Asks for an encrypted file's passphrase inside `out`, then calls `open(passphrase)` (which
 * decrypts and previews, throwing on a wrong passphrase: the question stays with the message).
 */
export function askPassphrase({ out, fileName, open, cancel }) {
  const input = h('input', { type: 'password', class: 'input', id: 'import-passphrase', autocomplete: 'current-password',
    spellcheck: 'false', 'aria-describedby': 'import-passphrase-hint' });
  const status = h('p', { class: 'small', id: 'import-passphrase-status', role: 'status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'import-unlock' }, 'Open backup');
  const back = h('button', { type: 'button', class: 'btn', id: 'import-cancel' }, 'Cancel');
  const form = h('form', { class: 'card stack', id: 'import-passphrase-form', 'aria-labelledby': 'import-passphrase-title' },
    h('h3', { id: 'import-passphrase-title' }, 'Encrypted backup: ', h('span', { class: 'mono' }, fileName)),
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: 'import-passphrase' }, 'Passphrase'),
      h('p', { class: 'field-hint', id: 'import-passphrase-hint' }, 'The passphrase chosen when this backup was exported. Nothing changes until you confirm the import.'),
      input),
    status,
    h('div', { class: 'row' }, submit, back));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!input.value) {
      status.className = 'small status-error';
      status.textContent = 'Type the passphrase.';
      return;
    }
    submit.disabled = true;
    status.className = 'small';
    status.textContent = 'Opening the backup…';
    // Let the status paint before the key derivation (about a second) holds the page.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    try {
      await open(input.value);
    } catch (err) {
      submit.disabled = false;
      status.className = 'small status-error';
      status.textContent = err.message;
      input.select();
    }
  });
  back.addEventListener('click', cancel);
  replace(out, form);
  input.focus();
}
