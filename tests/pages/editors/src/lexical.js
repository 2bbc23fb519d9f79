// Lexical with plain text and history.
import { createEditor, $getRoot } from 'lexical';
import { registerPlainText } from '@lexical/plain-text';
import { registerHistory, createEmptyHistoryState } from '@lexical/history';

const box = document.createElement('div');
box.id = 'editor';
box.className = 'box';
box.contentEditable = 'true';
box.setAttribute('aria-labelledby', 'lbl');
document.getElementById('app').append(box);
const editor = createEditor({ namespace: 'rubrica-test', onError: (e) => console.error(e) });
editor.setRootElement(box);
registerPlainText(editor);
registerHistory(editor, createEmptyHistoryState(), 300);
window.model = () => editor.getEditorState().read(() => $getRoot().getTextContent());
window.editorReady = true;
