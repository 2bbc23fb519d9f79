// Quill 2 with its default modules (history, clipboard, keyboard).
import Quill from 'quill';

const mount = document.createElement('div');
document.getElementById('app').append(mount);
const quill = new Quill(mount, { formats: [] });
quill.root.id = 'editor';
quill.root.classList.add('box');
quill.root.setAttribute('aria-labelledby', 'lbl');
// getText() always ends with the document's final newline.
window.model = () => quill.getText().replace(/\n$/, '');
window.editorReady = true;
