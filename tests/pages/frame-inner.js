// The frame's own model, updated from input events as a framework would.
window.model = '';
document.getElementById('box').addEventListener('input', (e) => {
  window.model = e.target.value;
});
