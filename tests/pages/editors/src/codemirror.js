// CodeMirror 6 with history and the default keymap (in Chromium it types through EditContext).
import { EditorState } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';

const view = new EditorView({
  parent: document.getElementById('app'),
  state: EditorState.create({
    doc: '',
    extensions: [history(), keymap.of([...defaultKeymap, ...historyKeymap]), EditorView.lineWrapping,
      EditorView.contentAttributes.of({ id: 'editor', 'aria-labelledby': 'lbl' })],
  }),
});
view.dom.classList.add('box');
window.model = () => view.state.doc.toString();
window.editorReady = true;
