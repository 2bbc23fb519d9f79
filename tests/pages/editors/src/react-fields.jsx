// A React 18 controlled <input> and <textarea>: the model is React state.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

const state = { input: '', textarea: '' };
window.model = (which = 'input') => state[which];

function App() {
  const [input, setInput] = useState('');
  const [textarea, setTextarea] = useState('');
  state.input = input;
  state.textarea = textarea;
  return (
    <>
      <input id="input" aria-labelledby="lbl" value={input} onChange={(e) => setInput(e.target.value)} />
      <label htmlFor="textarea">Notes</label>
      <textarea id="textarea" rows="6" value={textarea} onChange={(e) => setTextarea(e.target.value)} />
    </>
  );
}

createRoot(document.getElementById('app')).render(<App />);
const wait = () => (document.getElementById('textarea') ? (window.editorReady = true) : setTimeout(wait, 10));
wait();
