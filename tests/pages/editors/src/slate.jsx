// Slate (slate-react on React 18) with history.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createEditor, Node } from 'slate';
import { Slate, Editable, withReact } from 'slate-react';
import { withHistory } from 'slate-history';

const initial = [{ type: 'paragraph', children: [{ text: '' }] }];

function App() {
  const [editor] = useState(() => withHistory(withReact(createEditor())));
  window.model = () => editor.children.map((n) => Node.string(n)).join('\n');
  return (
    <Slate editor={editor} initialValue={initial}>
      <Editable id="editor" className="box" aria-labelledby="lbl" />
    </Slate>
  );
}

createRoot(document.getElementById('app')).render(<App />);
const wait = () => (document.getElementById('editor') ? (window.editorReady = true) : setTimeout(wait, 10));
wait();
