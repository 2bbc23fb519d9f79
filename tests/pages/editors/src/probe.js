// Exposes Rubrica's contenteditable reader (extension/content/dom-text.js) to a test page, so a
// browser test can compare its two readings of the same DOM at every caret position.
import { linearize, offsetOf, textBeforeCaretIn } from '../../../../extension/content/dom-text.js';

window.rubricaEditable = { linearize, offsetOf, textBeforeCaretIn };
window.editorReady = true;
