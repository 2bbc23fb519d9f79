// Empty-state illustrations: constant inline SVG (120×96) coloured by the .art-* classes in ui.css.

const wrap = (body) =>
  `<svg class="empty-art" viewBox="0 0 120 96" aria-hidden="true" focusable="false">${body}</svg>`;

export const ART = Object.freeze({
  snippets: wrap(`
    <circle cx="60" cy="48" r="44" class="art-soft"/>
    <rect x="22" y="22" width="76" height="52" rx="8" class="art-card"/>
    <path d="M34 38h22M34 50h40M34 62h16" class="art-line"/>
    <rect x="60" y="31" width="26" height="14" rx="4" class="art-accent"/>
    <path d="M88 56l8 6-8 6" class="art-stroke"/>`),
  rubrics: wrap(`
    <circle cx="60" cy="48" r="44" class="art-soft"/>
    <rect x="26" y="14" width="68" height="70" rx="8" class="art-card"/>
    <path d="M36 30l4 4 7-8M36 50l4 4 7-8" class="art-stroke"/>
    <path d="M56 31h26M56 51h20M56 69h24" class="art-line"/>
    <rect x="36" y="64" width="10" height="10" rx="3" class="art-back"/>`),
  library: wrap(`
    <circle cx="60" cy="48" r="44" class="art-soft"/>
    <rect x="34" y="12" width="60" height="44" rx="7" class="art-back"/>
    <rect x="28" y="22" width="60" height="44" rx="7" class="art-back"/>
    <rect x="22" y="32" width="64" height="48" rx="8" class="art-card"/>
    <path d="M32 46h36M32 56h44M32 66h24" class="art-line"/>
    <circle cx="86" cy="74" r="10" class="art-card"/>
    <path d="M93 81l6 6" class="art-stroke"/>`),
  sessions: wrap(`
    <circle cx="60" cy="48" r="44" class="art-soft"/>
    <circle cx="60" cy="50" r="30" class="art-card"/>
    <path d="M60 34v16l10 8" class="art-stroke"/>
    <path d="M52 12h16" class="art-line"/>
    <path d="M30 50a30 30 0 0 1 30-30" class="art-stroke" opacity="0.35"/>`),
  ledger: wrap(`
    <circle cx="60" cy="48" r="44" class="art-soft"/>
    <rect x="20" y="18" width="80" height="62" rx="8" class="art-card"/>
    <rect x="32" y="52" width="10" height="18" rx="2" class="art-back"/>
    <rect x="48" y="40" width="10" height="30" rx="2" class="art-back"/>
    <rect x="64" y="46" width="10" height="24" rx="2" class="art-back"/>
    <rect x="80" y="30" width="10" height="40" rx="2" class="art-accent"/>
    <path d="M32 34l16-6 16 6 18-10" class="art-stroke" opacity="0.5"/>`),
  data: wrap(`
    <circle cx="60" cy="48" r="44" class="art-soft"/>
    <rect x="30" y="20" width="60" height="60" rx="10" class="art-card"/>
    <path d="M60 34v26M50 50l10 10 10-10" class="art-stroke"/>
    <path d="M44 68h32" class="art-line"/>`),
});
