// Open shadow roots (one nested in another) holding an input, a textarea and a contenteditable.
const outer = document.createElement('div');
outer.id = 'outer';
document.getElementById('app').append(outer);
const outerRoot = outer.attachShadow({ mode: 'open' });
const inner = document.createElement('div');
inner.id = 'inner';
outerRoot.append(inner);
const root = inner.attachShadow({ mode: 'open' });
root.innerHTML = `
  <style>.box { border: 1px solid #888; min-height: 4rem; white-space: pre-wrap; padding: 0.5rem }
  .box div, .box p { margin: 0 }</style>
  <input id="input" aria-label="Shadow input">
  <textarea id="textarea" aria-label="Shadow textarea" rows="4"></textarea>
  <div id="editor" class="box" contenteditable="true" aria-label="Shadow editor"></div>`;
window.shadowField = (id) => root.getElementById(id);
window.model = (which = 'editor') => {
  const el = root.getElementById(which);
  return which === 'editor' ? el.innerText.replace(/\n$/, '') : el.value;
};
window.editorReady = true;
