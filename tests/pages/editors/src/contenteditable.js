// A plain contenteditable: the page's model is its own serialisation of the element, one line per
// text run or block (a block holding only <br> is an empty line), as a form handler would read it.
const box = document.createElement('div');
box.id = 'editor';
box.className = 'box';
box.contentEditable = 'true';
box.setAttribute('aria-labelledby', 'lbl');
document.getElementById('app').append(box);

function serialise(root) {
  const lines = [];
  let line = '';
  let open = false;
  const flush = () => {
    lines.push(line);
    line = '';
    open = false;
  };
  for (const node of root.childNodes) {
    if (node.nodeType === 3) {
      line += node.data;
      open = true;
    } else if (node.nodeName === 'BR') {
      flush();
    } else if (node.nodeType === 1) {
      if (open) flush();
      lines.push(node.innerText.replace(/\n$/, ''));
    }
  }
  if (open) flush();
  return lines.join('\n').replace(/\u00a0/g, ' ');
}
window.model = () => serialise(box);
window.editorReady = true;
