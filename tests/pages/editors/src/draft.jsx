// Draft.js on React 18.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Editor, EditorState } from 'draft-js';

let latest = EditorState.createEmpty();
window.model = () => latest.getCurrentContent().getPlainText('\n');
window.draftSelection = () => JSON.stringify(latest.getSelection().toJS());

function App() {
  const [state, setState] = useState(latest);
  const onChange = (s) => {
    latest = s;
    setState(s);
  };
  return (
    <div className="box">
      <Editor editorState={state} onChange={onChange} ariaLabelledBy="lbl" />
    </div>
  );
}

createRoot(document.getElementById('app')).render(<App />);
const wait = () => {
  const el = document.querySelector('.public-DraftEditor-content');
  if (!el) return setTimeout(wait, 10);
  el.id = 'editor';
  window.editorReady = true;
};
wait();
