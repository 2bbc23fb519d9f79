// The cross-origin frame: the same server under the name `localhost` (another origin, enabled by
// default like 127.0.0.1). The about:blank frame: written by this page, as some task tools build
// their editors.
document.getElementById('cross').src = `${location.protocol}//localhost:${location.port}/frame-inner.html`;

const blank = document.getElementById('blank');
const doc = blank.contentDocument;
const label = doc.createElement('label');
label.textContent = 'Box ';
const box = doc.createElement('textarea');
box.id = 'box';
box.rows = 3;
label.append(box);
doc.body.append(label);
blank.contentWindow.model = '';
box.addEventListener('input', (e) => {
  blank.contentWindow.model = e.target.value;
});
