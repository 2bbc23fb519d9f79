// The fill-in form's controls: one per field of the template (docs/templates.md#fill-in-fields),
// built from the field specs the background sent, and the values read back from them.

/**
 * A field's name in words for its label when the template gives no `label=`: `better` → "Better",
 * `safety_note` / `safetyNote` / `safety-note` → "Safety note".
 */
export function humanise(name) {
  const words = String(name ?? '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : 'Field';
}

/** The control of field `spec` (the `i`th): a text input, a textarea, a checkbox, radios or checkboxes. */
export function control(spec, i) {
  const wrap = document.createElement('div');
  wrap.className = 'fill-field';
  const id = `field-${i}`;
  const title = spec.label || humanise(spec.name);
  const labelFor = (el) => {
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = title;
    el.id = id;
    el.dataset.field = spec.name;
    wrap.append(label, el);
  };
  if (spec.kind === 'text') {
    const input = document.createElement('input');
    input.type = 'text';
    input.className = 'input';
    input.value = typeof spec.default === 'string' ? spec.default : '';
    input.autocomplete = 'off';
    labelFor(input);
  } else if (spec.kind === 'paragraph') {
    const area = document.createElement('textarea');
    area.className = 'input';
    area.rows = 3;
    area.value = typeof spec.default === 'string' ? spec.default : '';
    area.setAttribute('aria-describedby', 'overlay-keys');
    labelFor(area);
  } else if (spec.kind === 'toggle') {
    const label = document.createElement('label');
    label.className = 'option';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = id;
    box.dataset.field = spec.name;
    box.checked = spec.default === true;
    label.append(box, ` ${title}`);
    wrap.append(label);
  } else {
    // choice: radio buttons (arrows move the choice); multi: checkboxes (Space ticks).
    const set = document.createElement('fieldset');
    set.dataset.field = spec.name;
    const legend = document.createElement('legend');
    legend.textContent = title;
    set.append(legend);
    const chosen = Array.isArray(spec.default) ? spec.default : [spec.default];
    spec.options.forEach((option, j) => {
      const label = document.createElement('label');
      label.className = 'option';
      const input = document.createElement('input');
      input.type = spec.kind === 'choice' ? 'radio' : 'checkbox';
      input.name = id;
      input.value = option;
      input.id = j === 0 ? id : `${id}-${j}`;
      input.checked = chosen.includes(option);
      label.append(input, ` ${option}`);
      set.append(label);
    });
    wrap.append(set);
  }
  return wrap;
}

/** The values of the controls built for `fields`, by field name, as the background takes them. */
export function values(fields) {
  const out = {};
  fields.forEach((spec, i) => {
    const el = document.getElementById(`field-${i}`);
    if (spec.kind === 'text' || spec.kind === 'paragraph') out[spec.name] = el.value;
    else if (spec.kind === 'toggle') out[spec.name] = el.checked;
    else {
      const boxes = [...document.querySelectorAll(`input[name="field-${i}"]`)];
      const picked = boxes.filter((b) => b.checked).map((b) => b.value);
      if (spec.kind === 'choice') {
        if (picked.length) out[spec.name] = picked[0];
      } else out[spec.name] = picked;
    }
  });
  return out;
}
