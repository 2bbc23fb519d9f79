// A small model-driven editor of the kind task platforms build in-house: its model is a string,
// it renders the DOM from it, takes typing through beforeinput and pastes through the paste event,
// and puts back any DOM change it did not make itself (as React-rendered editors do on their next
// render). A direct DOM edit, or execCommand (which fires no beforeinput), never reaches its model,
// so Rubrica must notice that its first write did not land and fall back to a paste.
const box = document.createElement('div');
box.id = 'editor';
box.className = 'box';
box.contentEditable = 'true';
box.setAttribute('aria-labelledby', 'lbl');
document.getElementById('app').append(box);

let model = '';
let rendering = false;
let reverted = 0;

function caret() {
  const sel = document.getSelection();
  if (!sel.rangeCount || !box.contains(sel.anchorNode)) return [model.length, model.length];
  const offset = (node, off) => (node === box ? (off === 0 ? 0 : model.length) : off);
  const a = offset(sel.anchorNode, sel.anchorOffset);
  const f = offset(sel.focusNode, sel.focusOffset);
  return [Math.min(a, f), Math.max(a, f)];
}

function render(at) {
  rendering = true;
  box.textContent = model;
  observer.takeRecords();
  rendering = false;
  const node = box.firstChild ?? box;
  document.getSelection().setBaseAndExtent(node, node === box ? 0 : at, node, node === box ? 0 : at);
}

function replace(text) {
  const [from, to] = caret();
  model = model.slice(0, from) + text + model.slice(to);
  render(from + text.length);
}

const observer = new MutationObserver(() => {
  if (rendering) return;
  reverted += 1;
  const [at] = caret();
  render(Math.min(at, model.length));
});
observer.observe(box, { childList: true, characterData: true, subtree: true });

box.addEventListener('beforeinput', (e) => {
  e.preventDefault();
  if (e.inputType === 'insertText') replace(e.data ?? '');
  else if (e.inputType === 'insertParagraph' || e.inputType === 'insertLineBreak') replace('\n');
  else if (e.inputType === 'deleteContentBackward') {
    const [from, to] = caret();
    if (from !== to) replace('');
    else if (from > 0) {
      model = model.slice(0, from - 1) + model.slice(from);
      render(from - 1);
    }
  }
});
box.addEventListener('paste', (e) => {
  e.preventDefault();
  replace(e.clipboardData.getData('text/plain'));
});

window.model = () => model;
window.reverted = () => reverted;
window.editorReady = true;
