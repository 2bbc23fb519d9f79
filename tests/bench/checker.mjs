// The justification checker in WebAssembly (issue 12): a 500-word justification with every rule
// on, against the starter rubric's 8 criteria, in the dashboard's full module in Chromium (where
// the live checker runs). Target: p95 under 2 ms per check. The page is not cross-origin
// isolated (performance.now() is coarsened to about 100 µs), so checks are timed in batches of 10
// and each batch's mean is one sample. Run alone: `node tests/bench/checker.mjs` (after ./build.sh).
import { runAlone } from './alone.mjs';

const TARGET_MS = 2;

/** A 500-word justification that trips every rule: vague phrases, placeholders, a missing criterion. */
function justification() {
  const sentences = [
    'Response A is better because it states the correct boiling point of water, 100 °C at sea level.',
    'Response B sounds better.',
    'It is more helpful overall.',
    'On instruction following, Response A keeps to the three bullet points the prompt asked for, while Response B writes five paragraphs.',
    'Response B claims the sky reflects the ocean, which is a factual error that a ten-year-old would repeat.',
    'The tone of both is respectful and suited to a child.',
    'See [insert reason] and {evidence} for the rest.',
    'I prefer A.',
    'Response A cites no sources, and none were needed for this prompt.',
    'Response B repeats itself and pads the answer with filler before it answers.',
  ];
  const words = [];
  for (let i = 0; words.length < 500; i++) words.push(...sentences[i % sentences.length].split(' '));
  return words.slice(0, 500).join(' ');
}

export async function checkerBench(line, { browser }) {
  console.log('\n# justification checker in WASM (dashboard full module, Chromium): 500 words, every rule on');
  const page = await browser.extensionPage('dashboard/dashboard.html');
  const text = justification();
  const r = await page.evaluate(async (text) => {
    const { pageCore } = await import('../shared/page-core.js');
    const { wasm } = await pageCore();
    const criteria = ['harmlessness', 'accuracy', 'instruction_following', 'helpfulness', 'code', 'citations', 'verbosity', 'tone']
      .map((key, i) => ({ key, name: key.replace('_', ' '), disqualifying: i === 0, phrases: [`The response shows ${key}.`], priority: i + 1 }));
    const input = { text, criteria, whole: true, settings: { minWords: 300, maxWords: 450, offRules: [] } };
    const findings = wasm.checkJustification(input);
    for (let i = 0; i < 50; i++) wasm.checkJustification(input); // warm up
    const samples = [];
    for (let b = 0; b < 200; b++) {
      const t = performance.now();
      for (let i = 0; i < 10; i++) wasm.checkJustification(input);
      samples.push((performance.now() - t) / 10);
    }
    samples.sort((a, b) => a - b);
    return { rules: [...new Set(findings.map((f) => f.rule))], n: findings.length, median: samples[100], p95: samples[190] };
  }, text);
  line('  findings (rules that fired)', `${r.n}`, r.rules.join(', '));
  line('  check, median', `${r.median.toFixed(3)} ms`);
  line('  check, p95', `${r.p95.toFixed(3)} ms`, `target < ${TARGET_MS} ms: ${r.p95 < TARGET_MS ? 'met' : 'MISSED'}`);
  await page.close();
  return r;
}

await runAlone(import.meta.url, checkerBench);
