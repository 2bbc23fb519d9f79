// Tiptap (on ProseMirror) with its starter kit (history included).
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';

const editor = new Editor({
  element: document.getElementById('app'),
  extensions: [StarterKit],
  editorProps: { attributes: { id: 'editor', class: 'box', 'aria-labelledby': 'lbl' } },
});
window.model = () => editor.getText({ blockSeparator: '\n' });
window.editorReady = true;
