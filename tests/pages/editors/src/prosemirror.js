// ProseMirror with the basic schema, history and the base keymap.
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { schema } from 'prosemirror-schema-basic';
import { history, undo, redo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import { baseKeymap } from 'prosemirror-commands';

const mount = document.getElementById('app');
const view = new EditorView(mount, {
  state: EditorState.create({
    schema,
    plugins: [history(), keymap({ 'Mod-z': undo, 'Mod-y': redo, 'Shift-Mod-z': redo }), keymap(baseKeymap)],
  }),
  attributes: { id: 'editor', class: 'box', 'aria-labelledby': 'lbl' },
});
// The model: the document's text, one line per block.
window.model = () => view.state.doc.textBetween(0, view.state.doc.content.size, '\n', '\n');
window.editorReady = true;
